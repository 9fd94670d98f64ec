import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { OrderStatus } from "@/lib/db/generated/enums";

const tones: Record<OrderStatus, BadgeTone> = {
  PENDING_PAYMENT: "amber",
  PAID: "blue",
  SHIPPED: "blue",
  COMPLETED: "green",
  CANCELLED: "neutral",
  CLOSED: "neutral",
};

/** An order's status as the buyer and the seller read it (待付款, 待发货, …). */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = useTranslations("orders.status");
  return <Badge tone={tones[status]}>{t(status)}</Badge>;
}
