import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const tone: Record<string, BadgeTone> = { PENDING: "amber", APPROVED: "green", REJECTED: "red", SUSPENDED: "red" };

export function StoreStatusBadge({ status }: { status: string }) {
  const t = useTranslations("onboarding.status");
  return <Badge tone={tone[status] ?? "neutral"}>{t(status as "PENDING")}</Badge>;
}
