import { getTranslations } from "next-intl/server";
import { FailedRefundTable } from "@/components/protection/case-lists";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { listFailedRefunds } from "@/lib/protection/queries";

export default async function FailedRefundsPage() {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin/refunds" });
  const rows = await orNotFound(listFailedRefunds(actor));
  const t = await getTranslations("protection.admin");
  return (
    <>
      <PageHeader title={t("refundsTitle")} description={t("refundsIntro")} />
      {rows.length === 0 ? <EmptyState title={t("refundsEmpty")} /> : <FailedRefundTable rows={rows} />}
    </>
  );
}
