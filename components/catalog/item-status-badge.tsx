import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const tone: Record<string, BadgeTone> = { DRAFT: "neutral", ON_SALE: "green", OFF_SALE: "amber" };

export function ItemStatusBadge({ status }: { status: string }) {
  const t = useTranslations("catalog.status");
  return <Badge tone={tone[status] ?? "neutral"}>{t(status as "DRAFT")}</Badge>;
}
