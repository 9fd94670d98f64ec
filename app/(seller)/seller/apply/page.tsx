import { getTranslations } from "next-intl/server";
import { ConsoleShell } from "@/components/shell/console-shell";
import { StoreApplicationForm } from "@/components/stores/store-application-form";
import { Card, PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";
import { applyAction } from "@/lib/stores/actions/apply";

export default async function ApplyPage() {
  const actor = await pageActor({ roles: ["SELLER"], next: "/seller/apply" });
  const t = await getTranslations("onboarding");
  const ts = await getTranslations("seller");
  return (
    <ConsoleShell brand={ts("brand")} brandHref="/seller" userName={actor.name}>
      <div className="mx-auto max-w-2xl">
        <PageHeader title={t("applyTitle")} description={t("applyIntro")} />
        <Card>
          <StoreApplicationForm action={applyAction} submitLabel={t("submit")} />
        </Card>
      </div>
    </ConsoleShell>
  );
}
