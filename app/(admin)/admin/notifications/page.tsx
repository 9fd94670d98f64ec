import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationCentreSection } from "@/components/notifications/notification-centre-page";
import { PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function AdminNotificationsPage({ searchParams }: Props) {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin/notifications" });
  const t = await getTranslations("notifications");
  return (
    <>
      <PageHeader title={t("title")} />
      <NotificationCentreSection actor={actor} searchParams={await searchParams} />
    </>
  );
}
