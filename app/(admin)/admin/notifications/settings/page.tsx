import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NotificationSettingsForm } from "@/components/notifications/notification-settings-form";
import { PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";
import { getMyMuteSettings } from "@/lib/notifications/mutes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("settingsTitle") };
}

export default async function AdminNotificationSettingsPage() {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin/notifications/settings" });
  const [t, settings] = await Promise.all([getTranslations("notifications"), getMyMuteSettings(actor)]);
  return (
    <div className="max-w-xl">
      <PageHeader
        title={t("settingsTitle")}
        description={t("settingsIntro")}
        actions={
          <Link href="/admin/notifications" className="text-sm text-brand-700 hover:underline">
            {t("backToList")}
          </Link>
        }
      />
      <NotificationSettingsForm settings={settings} />
    </div>
  );
}
