import "server-only";
// What happens to an order after checkout: cancellation (by the buyer, the seller, or the
// payment timeout), shipping, and confirmation of receipt (by the buyer or automatically).
import { requireRole, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { releaseOrderStock } from "@/lib/catalog/stock";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import type { JobResult } from "@/lib/jobs/worker";
import { log } from "@/lib/log";
import { closeAtWechat } from "@/lib/payments/reconcile";
import { parseInput } from "@/lib/validation";
import { shipInput } from "./schemas";
import { transition, tryTransition, type ActorKind } from "./state";

export const AUTO_CONFIRM_QUEUE = "order.autoConfirm";


/**
 * Cancels an unpaid order. WeChat Pay is told first (close the trade), so a buyer cannot
 * pay for an order we are cancelling; if the trade turns out to be paid already, the
 * payment is applied instead and the order is not cancelled. Returns the final status.
 */
export async function cancelUnpaid(orderId: string, by: { kind: ActorKind; actorId: string | null; reason: string }): Promise<"CANCELLED" | "PAID" | "UNCHANGED"> {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { status: true, storeId: true, outTradeNo: true, _count: { select: { payments: true } } } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  if (order.status !== "PENDING_PAYMENT") return "UNCHANGED";
  if (order._count.payments > 0) {
    const outcome = await closeAtWechat(orderId);
    if (outcome === "PAID") return "PAID";
  }
  const cancelled = await db.$transaction(async (tx) => {
    const from = await tryTransition(tx, {
      orderId,
      transition: "CANCEL",
      actorKind: by.kind,
      actorId: by.actorId,
      data: { cancelledAt: new Date(), cancelReason: by.reason },
      event: { reason: by.reason },
    });
    if (!from) return false;
    await releaseOrderStock(tx, { orderId, storeId: order.storeId, actorId: by.actorId });
    await tx.payment.updateMany({ where: { orderId, status: "PENDING" }, data: { status: "CLOSED" } });
    return true;
  });
  if (!cancelled) return "UNCHANGED";
  invalidate(tags.store(order.storeId));
  // A payment started while we were cancelling (its trade was created at WeChat Pay before
  // our status change, its record committed just before it): close that trade too, so the
  // buyer cannot pay a cancelled order. Should it be paid already, the late payment is
  // applied and refunded in full (lib/payments/apply.ts).
  if (order._count.payments === 0 && (await db.payment.count({ where: { orderId } })) > 0) await closeAtWechat(orderId);
  return "CANCELLED";
}

/** The buyer cancels their own unpaid order. */
export async function buyerCancelOrder(actor: Actor | null, orderId: string) {
  const buyer = requireRole(actor, "BUYER");
  const own = await db.order.findFirst({ where: { id: orderId, buyerId: buyer.userId }, select: { status: true } });
  if (!own) throw new AppError("NOT_FOUND", "Order not found");
  const result = await cancelUnpaid(orderId, { kind: "BUYER", actorId: buyer.userId, reason: "BUYER_CANCELLED" });
  if (result === "UNCHANGED") throw new AppError("INVALID_STATE", "Only unpaid orders can be cancelled.", { details: { messageKey: "orderCannotCANCEL" } });
  if (result === "PAID") throw new AppError("INVALID_STATE", "This order has just been paid.", { details: { messageKey: "orderJustPaid" } });
}

/** The seller closes an unpaid order of their store. */
export async function sellerCloseOrder(actor: Actor | null, storeId: string, orderId: string) {
  const seller = requireStoreMember(actor, storeId);
  const own = await db.order.findFirst({ where: { id: orderId, storeId }, select: { status: true } });
  if (!own) throw new AppError("NOT_FOUND", "Order not found");
  const result = await cancelUnpaid(orderId, { kind: "SELLER", actorId: seller.userId, reason: "SELLER_CLOSED" });
  if (result === "UNCHANGED") throw new AppError("INVALID_STATE", "Only unpaid orders can be closed.", { details: { messageKey: "orderCannotCANCEL" } });
  if (result === "PAID") throw new AppError("INVALID_STATE", "This order has just been paid.", { details: { messageKey: "orderJustPaid" } });
}

/** Job: an unpaid order reached its payment deadline. */
export async function expireOrderJob(payload: unknown): Promise<JobResult> {
  const { orderId } = payload as { orderId: string };
  const order = await db.order.findUnique({ where: { id: orderId }, select: { status: true, payBy: true } });
  if (!order || order.status !== "PENDING_PAYMENT") return;
  if (order.payBy.getTime() > Date.now()) return { rescheduleAt: order.payBy };
  await cancelUnpaid(orderId, { kind: "SYSTEM", actorId: null, reason: "PAYMENT_TIMEOUT" });
}

/** The seller ships a paid order with a carrier and tracking number. */
export async function shipOrder(actor: Actor | null, storeId: string, orderId: string, input: { carrier: string; trackingNo: string }) {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(shipInput, input);
  const own = await db.order.findFirst({ where: { id: orderId, storeId }, select: { id: true } });
  if (!own) throw new AppError("NOT_FOUND", "Order not found");
  const shippedAt = new Date();
  const autoConfirmAt = new Date(shippedAt.getTime() + env().ORDER_AUTO_CONFIRM_DAYS * 86_400_000);
  await db.$transaction(async (tx) => {
    await transition(tx, {
      orderId,
      transition: "SHIP",
      actorKind: "SELLER",
      actorId: seller.userId,
      data: { shippedAt, carrier: data.carrier, trackingNo: data.trackingNo, autoConfirmAt },
      event: { carrier: data.carrier, trackingNo: data.trackingNo },
    });
    await enqueue(tx, AUTO_CONFIRM_QUEUE, { orderId }, { runAt: autoConfirmAt, singletonKey: `order.autoConfirm:${orderId}` });
  });
}

/** The buyer confirms they received a shipped order. */
export async function confirmReceipt(actor: Actor | null, orderId: string) {
  const buyer = requireRole(actor, "BUYER");
  const own = await db.order.findFirst({ where: { id: orderId, buyerId: buyer.userId }, select: { id: true } });
  if (!own) throw new AppError("NOT_FOUND", "Order not found");
  await db.$transaction((tx) => transition(tx, { orderId, transition: "CONFIRM", actorKind: "BUYER", actorId: buyer.userId, data: { completedAt: new Date() } }));
}

/** Job: receipt is confirmed automatically ORDER_AUTO_CONFIRM_DAYS after shipping. */
export async function autoConfirmJob(payload: unknown): Promise<JobResult> {
  const { orderId } = payload as { orderId: string };
  const order = await db.order.findUnique({ where: { id: orderId }, select: { status: true, autoConfirmAt: true } });
  if (!order || order.status !== "SHIPPED" || !order.autoConfirmAt) return;
  if (order.autoConfirmAt.getTime() > Date.now()) return { rescheduleAt: order.autoConfirmAt };
  await db.$transaction((tx) =>
    tryTransition(tx, { orderId, transition: "CONFIRM", actorKind: "SYSTEM", data: { completedAt: new Date() }, event: { auto: true } }),
  );
}

export const OVERDUE_SWEEP_QUEUE = "orders.sweepOverdue";
/** How long past its deadline an order waits for its own job before the sweep acts. */
const SWEEP_GRACE_MS = 5 * 60_000;

/**
 * Recurring job: orders past a deadline whose own job did not act on it. Such a job gives
 * up after its retries (~30 minutes of WeChat Pay or the database being unreachable), and
 * then an unpaid order would keep its stock reserved and its trade open for good, and a
 * shipped one would never be confirmed. The same handlers run here; both are idempotent.
 */
export async function sweepOverdueOrdersJob(): Promise<JobResult> {
  const before = new Date(Date.now() - SWEEP_GRACE_MS);
  const unpaid = await db.order.findMany({ where: { status: "PENDING_PAYMENT", payBy: { lt: before } }, select: { id: true }, orderBy: { payBy: "asc" }, take: 100 });
  for (const o of unpaid) {
    await expireOrderJob({ orderId: o.id }).catch((e) => log.warn("overdue unpaid order not expired", { orderId: o.id, error: e }));
  }
  const shipped = await db.order.findMany({ where: { status: "SHIPPED", autoConfirmAt: { lt: before } }, select: { id: true }, orderBy: { autoConfirmAt: "asc" }, take: 100 });
  for (const o of shipped) {
    await autoConfirmJob({ orderId: o.id }).catch((e) => log.warn("overdue shipped order not confirmed", { orderId: o.id, error: e }));
  }
}
