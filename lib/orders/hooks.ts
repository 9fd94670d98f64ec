import "server-only";
// What else happens, in the same transaction, when an order moves or a refund settles:
// metrics rollups, notifications, and purchase-protection cases. One place, so the state
// machines stay about state.
import type { Tx } from "@/lib/db/client";
import type { OrderStatus } from "@/lib/db/generated/enums";
import { recordOrderTransitionMetrics, recordRefundMetrics } from "@/lib/metrics/record";
import { notifyOrderTransition, notifyRefundOutcome } from "@/lib/notifications/events";
import { scheduleSettlement } from "@/lib/payments/settlement";
import { onOrderCouponTransition, releaseSaleUnits } from "@/lib/promotions/order-promotions";
import { onCaseRefundOutcome } from "@/lib/protection/refund-outcome";
import type { OrderSnapshot, OrderTransition } from "./state";

export interface OrderTransitionEvent {
  orderId: string;
  transition: OrderTransition;
  from: OrderStatus;
  to: OrderStatus;
  at: Date;
  /** The order as the transition left it (tryTransition passes it); read again when absent. */
  order?: OrderSnapshot;
}

export async function afterOrderTransition(tx: Tx, e: OrderTransitionEvent) {
  await notifyOrderTransition(tx, e);
  // Received: the store's money is paid out once the after-sale window closes.
  if (e.transition === "CONFIRM") await scheduleSettlement(tx, e.orderId);
  // Paid: the order's coupon is used; cancelled unpaid: it goes back to the buyer.
  if (e.transition === "PAY" || e.transition === "CANCEL") {
    const couponClaimId = e.order ? e.order.couponClaimId : (await tx.order.findUnique({ where: { id: e.orderId }, select: { couponClaimId: true } }))?.couponClaimId ?? null;
    await onOrderCouponTransition(tx, { orderId: e.orderId, transition: e.transition, couponClaimId });
  }
  if (e.transition === "CANCEL") await releaseSaleUnits(tx, e.orderId);
  // Last: every payment of a store on one day updates the same rollup row, whose lock is
  // then held only until the commit that follows.
  await recordOrderTransitionMetrics(tx, e);
}

export interface RefundOutcomeEvent {
  refundId: string;
  orderId: string;
  afterSaleId: string | null;
  cause: string;
  status: "SUCCESS" | "ABNORMAL" | "CLOSED";
  amountFen: number;
  at: Date;
}

export async function afterRefundOutcome(tx: Tx, e: RefundOutcomeEvent) {
  await onCaseRefundOutcome(tx, e);
  await notifyRefundOutcome(tx, e);
  await recordRefundMetrics(tx, e);
}
