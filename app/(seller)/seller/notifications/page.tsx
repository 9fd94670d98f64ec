import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationCentreSection } from "@/components/notifications/notification-centre-page";
import { ConsoleShell } from "@/components/shell/console-shell";
import { PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function SellerNotificationsPage({ searchParams }: Props) {
  const actor = await pageActor({ roles: ["SELLER"], next: "/seller/notifications" });
  const [t, ts] = await Promise.all([getTranslations("notifications"), getTranslations("seller")]);
  return (
    <ConsoleShell brand={ts("brand")} brandHref="/seller" userName={actor.name}>
      <PageHeader title={t("title")} />
      <NotificationCentreSection actor={actor} searchParams={await searchParams} />
    </ConsoleShell>
  );
}
