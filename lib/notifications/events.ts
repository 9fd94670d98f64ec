import "server-only";
// The notifications an order's moves and a refund's outcome produce, created in the
// transaction of the change (lib/orders/hooks.ts calls these), so a rolled-back change
// notifies nobody.
import type { Tx } from "@/lib/db/client";
import { enqueue } from "@/lib/jobs/queue";
import type { OrderTransitionEvent, RefundOutcomeEvent } from "@/lib/orders/hooks";
import { AWAITING_SHIPMENT_HOURS } from "./kinds";
import { notifyAdmins, notifyStore, notifyUsers } from "./notify";
import { links } from "./paths";

export const AWAITING_SHIPMENT_QUEUE = "notifications.awaitingShipment";
export const awaitingShipmentKey = (orderId: string) => `notify.awaitingShipment:${orderId}`;

export async function notifyOrderTransition(tx: Tx, e: OrderTransitionEvent): Promise<void> {
  if (e.transition === "PAY") {
    const order = e.order ?? (await tx.order.findUniqueOrThrow({ where: { id: e.orderId }, select: { orderNo: true, storeId: true, totalFen: true, paidAt: true } }));
    await notifyStore(tx, order.storeId, {
      kind: "ORDER_PAID",
      params: { orderNo: order.orderNo, amountFen: order.totalFen },
      link: links.sellerOrder(order.storeId, e.orderId),
      subject: { type: "order", id: e.orderId },
    });
    // The reminder re-checks the order when it is due: shipped by then, it says nothing.
    const due = new Date((order.paidAt ?? e.at).getTime() + AWAITING_SHIPMENT_HOURS * 3_600_000);
    await enqueue(tx, AWAITING_SHIPMENT_QUEUE, { orderId: e.orderId }, { runAt: due, singletonKey: awaitingShipmentKey(e.orderId) });
  } else if (e.transition === "SHIP") {
    const order = await tx.order.findUniqueOrThrow({
      where: { id: e.orderId },
      select: { orderNo: true, buyerId: true, carrier: true, trackingNo: true, store: { select: { name: true } } },
    });
    await notifyUsers(tx, [order.buyerId], {
      kind: "ORDER_SHIPPED",
      params: { orderNo: order.orderNo, storeName: order.store.name, carrier: order.carrier ?? "", trackingNo: order.trackingNo ?? "" },
      link: links.buyerOrder(e.orderId),
      subject: { type: "order", id: e.orderId },
    });
  }
}

export async function notifyRefundOutcome(tx: Tx, e: RefundOutcomeEvent): Promise<void> {
  const order = await tx.order.findUniqueOrThrow({ where: { id: e.orderId }, select: { orderNo: true, storeId: true, buyerId: true, store: { select: { name: true } } } });
  const subject = { type: "refund", id: e.refundId };
  if (e.status === "SUCCESS") {
    await notifyStore(tx, order.storeId, {
      kind: "REFUND_SETTLED",
      params: { orderNo: order.orderNo, amountFen: e.amountFen },
      link: links.sellerOrder(order.storeId, e.orderId),
      subject,
    });
    await notifyUsers(tx, [order.buyerId], {
      kind: "BUYER_REFUND_SETTLED",
      params: { orderNo: order.orderNo, storeName: order.store.name, amountFen: e.amountFen },
      link: links.buyerOrder(e.orderId),
      subject,
    });
    return;
  }
  // ABNORMAL or CLOSED: the money did not go back; someone must act.
  await notifyStore(tx, order.storeId, {
    kind: "REFUND_ABNORMAL",
    params: { orderNo: order.orderNo, amountFen: e.amountFen },
    link: links.sellerOrder(order.storeId, e.orderId),
    subject,
  });
  // A case's refund (afterSaleId) is reported to admins by purchase protection, with the
  // case as its subject; the rest (late-payment and admin refunds) are reported here.
  if (!e.afterSaleId) {
    await notifyAdmins(tx, {
      kind: "ADMIN_REFUND_ABNORMAL",
      params: { orderNo: order.orderNo, storeName: order.store.name, amountFen: e.amountFen },
      link: links.adminStore(order.storeId),
      subject,
    });
  }
}
