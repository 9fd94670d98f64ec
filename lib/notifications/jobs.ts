import "server-only";
// Job: an order paid AWAITING_SHIPMENT_HOURS ago and still not shipped — its store is
// reminded. Enqueued at payment (lib/notifications/events.ts) to run when that time comes;
// it re-checks the order then, so an order shipped, closed or refunded meanwhile says nothing.
import { db } from "@/lib/db/client";
import type { ClaimedJob } from "@/lib/jobs/queue";
import type { JobResult } from "@/lib/jobs/worker";
import { AWAITING_SHIPMENT_HOURS } from "./kinds";
import { notifyLowStock } from "./emit";
import { notifyStore } from "./notify";
import { links } from "./paths";

export { AWAITING_SHIPMENT_QUEUE } from "./events";

export async function awaitingShipmentJob(payload: unknown, job?: ClaimedJob): Promise<JobResult> {
  const { orderId } = payload as { orderId: string };
  const order = await db.order.findUnique({ where: { id: orderId }, select: { status: true, paidAt: true, storeId: true, orderNo: true } });
  if (!order || order.status !== "PAID" || !order.paidAt) return;
  const due = new Date(order.paidAt.getTime() + AWAITING_SHIPMENT_HOURS * 3_600_000);
  if (due.getTime() > Date.now()) return { rescheduleAt: due };
  await db.$transaction(async (tx) => {
    // Delivery is at-least-once: finishing the job row in this same transaction makes a
    // second run (a worker that died before completing it) find it done and say nothing.
    if (job) {
      const finished = await tx.$executeRaw`UPDATE "Job" SET "doneAt" = now(), "lockedUntil" = NULL WHERE id = ${job.id} AND "doneAt" IS NULL`;
      if (finished === 0) return;
    }
    // Still unshipped, under the row lock (shipping it meanwhile wins the race cleanly).
    const now = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "Order" WHERE id = ${orderId} FOR UPDATE`;
    if (now[0]?.status !== "PAID") return;
    await notifyStore(tx, order.storeId, {
      kind: "ORDER_AWAITING_SHIPMENT",
      params: { orderNo: order.orderNo, hours: AWAITING_SHIPMENT_HOURS },
      link: links.sellerOrder(order.storeId, orderId),
      subject: { type: "order", id: orderId },
    });
  });
}

export const LOW_STOCK_QUEUE = "notifications.lowStock";

/**
 * Job: a SKU crossed the low-stock threshold in a change made outside changeStock() — the
 * checkout statement (ls_place_orders) enqueues this in its own transaction when a
 * reservation takes a SKU from above LOW_STOCK_THRESHOLD to at or below it. Payload:
 * { storeId, skuId, itemId, stock }.
 */
export async function lowStockJob(payload: unknown, job?: ClaimedJob): Promise<JobResult> {
  const p = payload as { storeId?: string; skuId?: string; itemId?: string; stock?: number };
  if (!p.storeId || !p.skuId || !p.itemId || typeof p.stock !== "number") return;
  const { storeId, skuId, itemId, stock } = p;
  await db.$transaction(async (tx) => {
    if (job) {
      const finished = await tx.$executeRaw`UPDATE "Job" SET "doneAt" = now(), "lockedUntil" = NULL WHERE id = ${job.id} AND "doneAt" IS NULL`;
      if (finished === 0) return;
    }
    if (!(await tx.sku.findFirst({ where: { id: skuId, storeId }, select: { id: true } }))) return;
    await notifyLowStock(tx, { storeId, skuId, itemId, stock, reason: "ORDER_RESERVED" });
  });
}
