import "server-only";
// The refund state machine: the only place a Refund is created or its status changes. A refund
// is written PROCESSING in the transaction that decides it (a case's settlement, a late payment
// on a cancelled order), with the job that sends it (lib/payments/refunds.ts); WeChat Pay's
// outcome then moves it once, by a guarded UPDATE from PROCESSING, recorded in the order's
// trail (REFUND_SUCCESS | REFUND_ABNORMAL | REFUND_CLOSED).
//
//   PROCESSING ──(WeChat Pay: SUCCESS)──▶ SUCCESS
//       │──────(WeChat Pay: ABNORMAL, or refused the request)──▶ ABNORMAL  (an admin settles it
//       └──────(WeChat Pay: CLOSED)──▶ CLOSED                              in the merchant platform)
import type { Tx } from "@/lib/db/client";
import type { RefundStatus } from "@/lib/db/generated/enums";
import { Prisma } from "@/lib/db/generated/client";
import { enqueue } from "@/lib/jobs/queue";
import { recordOrderEvent } from "@/lib/orders/state";

export const REFUND_SUBMIT_QUEUE = "refund.submit";

export type RefundCause = "AUTO_LATE_PAYMENT" | "AFTER_SALE" | "COMPLAINT" | "ADMIN";
export type RefundOutcome = Exclude<RefundStatus, "PROCESSING">;

export const refundTransitions: Record<RefundOutcome, { from: RefundStatus[] }> = {
  SUCCESS: { from: ["PROCESSING"] },
  ABNORMAL: { from: ["PROCESSING"] },
  CLOSED: { from: ["PROCESSING"] },
};

/** Writes a refund to be sent (PROCESSING) and queues the job that sends it. In the deciding transaction. */
export async function createRefund(
  tx: Tx,
  r: { orderId: string; outRefundNo: string; amountFen: number; reason: string; cause: RefundCause; afterSaleId?: string | null },
): Promise<{ id: string }> {
  const refund = await tx.refund.create({
    data: { orderId: r.orderId, outRefundNo: r.outRefundNo, amountFen: r.amountFen, reason: r.reason, cause: r.cause, afterSaleId: r.afterSaleId ?? null },
    select: { id: true },
  });
  await enqueue(tx, REFUND_SUBMIT_QUEUE, { refundId: refund.id }, { singletonKey: `refund.submit:${refund.id}` });
  return refund;
}

/**
 * Moves a refund to WeChat Pay's outcome if it is still PROCESSING, with an event in the
 * order's trail. False when something else moved it first (a duplicate notification, a query
 * racing it): the caller then does nothing more.
 */
export async function settleRefundState(
  tx: Tx,
  r: { refundId: string; orderId: string; to: RefundOutcome; wechatRefundId?: string | null; settledAt?: Date | null; event: Prisma.InputJsonValue },
): Promise<boolean> {
  const { count } = await tx.refund.updateMany({
    where: { id: r.refundId, status: { in: refundTransitions[r.to].from } },
    data: { status: r.to, ...(r.wechatRefundId ? { refundId: r.wechatRefundId } : {}), ...(r.settledAt !== undefined ? { settledAt: r.settledAt } : {}) },
  });
  if (!count) return false;
  await recordOrderEvent(tx, { orderId: r.orderId, type: `REFUND_${r.to}`, actorKind: "PAYMENT", data: r.event });
  return true;
}
