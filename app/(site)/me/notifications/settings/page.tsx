import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationSettingsForm } from "@/components/notifications/notification-settings-form";
import { BuyerPage } from "@/components/orders/mobile";
import { pageActor } from "@/lib/auth/guards";
import { getMyMuteSettings } from "@/lib/notifications/mutes";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("settingsTitle") };
}

export default async function MyNotificationSettingsPage() {
  const actor = await pageActor({ roles: ["BUYER"], next: "/me/notifications/settings" });
  const [t, settings] = await Promise.all([getTranslations("notifications"), getMyMuteSettings(actor)]);
  return (
    <BuyerPage title={t("settingsTitle")} back={{ href: "/me/notifications", label: t("backToList") }}>
      <main className="space-y-4 px-4 py-4">
        <p className="text-sm text-neutral-600">{t("settingsIntro")}</p>
        <NotificationSettingsForm settings={settings} />
      </main>
    </BuyerPage>
  );
}
