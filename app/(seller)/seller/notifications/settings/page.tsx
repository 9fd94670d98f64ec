import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NotificationSettingsForm } from "@/components/notifications/notification-settings-form";
import { ConsoleShell } from "@/components/shell/console-shell";
import { PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";
import { getMyMuteSettings } from "@/lib/notifications/mutes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("settingsTitle") };
}

export default async function SellerNotificationSettingsPage() {
  const actor = await pageActor({ roles: ["SELLER"], next: "/seller/notifications/settings" });
  const [t, ts, settings] = await Promise.all([getTranslations("notifications"), getTranslations("seller"), getMyMuteSettings(actor)]);
  return (
    <ConsoleShell brand={ts("brand")} brandHref="/seller" userName={actor.name}>
      <div className="max-w-xl">
        <PageHeader
          title={t("settingsTitle")}
          description={t("settingsIntro")}
          actions={
            <Link href="/seller/notifications" className="text-sm text-brand-700 hover:underline">
              {t("backToList")}
            </Link>
          }
        />
        <NotificationSettingsForm settings={settings} />
      </div>
    </ConsoleShell>
  );
}
