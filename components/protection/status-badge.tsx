import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AfterSaleStatus, ComplaintStatus } from "@/lib/db/generated/enums";

const requestTones: Record<AfterSaleStatus, BadgeTone> = {
  AWAITING_SELLER: "amber",
  OFFER_PENDING: "amber",
  AWAITING_RETURN: "blue",
  RETURN_SHIPPED: "blue",
  REFUNDING: "blue",
  REFUNDED: "green",
  REFUND_FAILED: "red",
  REJECTED: "red",
  ESCALATED: "amber",
  WITHDRAWN: "neutral",
  CLOSED: "neutral",
};

const complaintTones: Record<ComplaintStatus, BadgeTone> = { OPEN: "amber", AWAITING_EVIDENCE: "blue", SETTLED: "green", WITHDRAWN: "neutral" };

/** A request's status as every party reads it. */
export function CaseStatusBadge({ status }: { status: AfterSaleStatus }) {
  const t = useTranslations("protection.status");
  return <Badge tone={requestTones[status]}>{t(status)}</Badge>;
}

export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }) {
  const t = useTranslations("protection.complaintStatus");
  return <Badge tone={complaintTones[status]}>{t(status)}</Badge>;
}

/** WeChat's 维权中: an order with an open after-sale request or complaint. */
export function InAfterSaleBadge() {
  const t = useTranslations("protection");
  return <Badge tone="red">{t("inAfterSale")}</Badge>;
}
