import "server-only";
// Money out of a case: what can still be refunded for a request's lines, and starting the
// refund. Both run under the order's row lock (lockOrder, taken by the caller first), and
// count every refund in flight as well as those paid, so a seller, an admin and a timer
// acting on one order at the same moment can never together refund more than was paid.
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { outRefundNoFor } from "@/lib/orders/numbers";
import { createRefund } from "@/lib/payments/refund-state";
import { allocate, roomFor, type Room } from "./arithmetic";
import { MAX_REFUNDS_PER_ORDER } from "./constants";
import { recordCaseEvent, type CaseActor } from "./request-state";

/**
 * What can still be refunded for these lines of the order (postage too when they are all of
 * its lines), leaving out `excludeRequestId`'s own promised amounts. Call under lockOrder.
 */
export async function refundRoom(tx: Tx, orderId: string, orderLineIds: string[], excludeRequestId?: string): Promise<Room & { coversAll: boolean }> {
  // One after another: inside a transaction the queries share one connection.
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { totalFen: true, postageFen: true, postageDiscountFen: true, lines: { select: { id: true, lineTotalFen: true, discountFen: true, refundedFen: true } } } });
  // Money that left or may still leave: refunds in flight, paid, and those WeChat Pay holds as
  // ABNORMAL (accepted, then not deliverable to the buyer's account: the merchant settles them
  // in the merchant platform, so they are not free to refund again).
  const moneyOut = await tx.refund.aggregate({
    where: { orderId, OR: [{ status: { in: ["PROCESSING", "SUCCESS"] } }, { status: "ABNORMAL", refundId: { not: null } }] },
    _sum: { amountFen: true },
  });
  // Requests whose refund is with WeChat Pay (their line parts are not in refundedFen yet),
  // paid (their postage part is nowhere else), or held by WeChat Pay as ABNORMAL (in
  // REFUND_FAILED or, once an admin marked it handled, CLOSED: its money is out as above, and
  // its lines' parts must count against those lines too, or a new request on the same line
  // could refund it again in full).
  const inFlight = await tx.afterSaleRequest.findMany({
    where: {
      orderId,
      OR: [{ status: { in: ["REFUNDING", "REFUNDED"] } }, { refunds: { some: { status: "ABNORMAL", refundId: { not: null } } } }],
      ...(excludeRequestId ? { id: { not: excludeRequestId } } : {}),
    },
    select: { status: true, approvedFen: true, lines: { select: { orderLineId: true, amountFen: true } } },
  });
  const wanted = new Set(orderLineIds);
  const pendingByLine = new Map<string, number>();
  let postageCommitted = 0;
  for (const r of inFlight) {
    const linesPart = r.lines.reduce((n, l) => n + l.amountFen, 0);
    postageCommitted += Math.max(0, (r.approvedFen ?? 0) - linesPart);
    // A REFUNDED request's line parts are in refundedFen already.
    if (r.status !== "REFUNDED") for (const l of r.lines) pendingByLine.set(l.orderLineId, (pendingByLine.get(l.orderLineId) ?? 0) + l.amountFen);
  }
  const lines = order.lines.filter((l) => wanted.has(l.id));
  const coversAll = order.lines.length > 0 && order.lines.every((l) => wanted.has(l.id));
  const room = roomFor({
    // What the buyer paid: a coupon's part of a line (or of the postage) is never refunded.
    lines: lines.map((l) => ({ orderLineId: l.id, paidFen: l.lineTotalFen - l.discountFen, committedFen: l.refundedFen + (pendingByLine.get(l.id) ?? 0) })),
    postage: coversAll ? { postageFen: order.postageFen - order.postageDiscountFen, committedFen: postageCommitted } : null,
    orderTotalFen: order.totalFen,
    orderCommittedFen: moneyOut._sum.amountFen ?? 0,
  });
  return { ...room, coversAll };
}

export function nothingToRefund(): AppError {
  return new AppError("INVALID_STATE", "Nothing is left to refund for these items.", { details: { messageKey: "nothingToRefund" } });
}

export function aboveRefundable(maxFen: number): AppError {
  return new AppError("VALIDATION", "That is more than can be refunded.", {
    fieldErrors: { amount: ["amountAboveRefundable"] },
    details: { maxFen },
  });
}

/**
 * Refunds a request (which the caller has just moved to REFUNDING, under lockOrder): the
 * amount is split over its lines, recorded as the request's approved amount, and a Refund
 * row is written with a job that sends it to WeChat Pay after commit. `exact` amounts (an
 * accepted offer, an admin's partial refund) must fit; otherwise what the buyer asked for is
 * refunded as far as anything is left.
 */
export async function startCaseRefund(
  tx: Tx,
  opts: { requestId: string; amountFen: number; exact: boolean; cause: "AFTER_SALE" | "COMPLAINT"; actor: CaseActor; complaintId?: string | null },
): Promise<{ refundId: string; amountFen: number }> {
  const request = await tx.afterSaleRequest.findUniqueOrThrow({
    where: { id: opts.requestId },
    select: { id: true, caseNo: true, orderId: true, lines: { select: { orderLineId: true } }, order: { select: { orderNo: true } } },
  });
  const room = await refundRoom(
    tx,
    request.orderId,
    request.lines.map((l) => l.orderLineId),
    request.id,
  );
  if (room.maxFen <= 0) throw nothingToRefund();
  if (opts.exact && opts.amountFen > room.maxFen) throw aboveRefundable(room.maxFen);
  const amountFen = Math.min(opts.amountFen, room.maxFen);
  const split = allocate(amountFen, room);
  for (const part of split.lines) {
    await tx.afterSaleLine.update({ where: { requestId_orderLineId: { requestId: request.id, orderLineId: part.orderLineId } }, data: { amountFen: part.amountFen } });
  }
  await tx.afterSaleRequest.update({ where: { id: request.id }, data: { approvedFen: amountFen } });
  const count = await tx.refund.count({ where: { orderId: request.orderId } });
  if (count >= MAX_REFUNDS_PER_ORDER) {
    throw new AppError("INVALID_STATE", "WeChat Pay accepts at most 50 refunds per order.", { details: { messageKey: "tooManyRefunds" } });
  }
  const refund = await createRefund(tx, {
    orderId: request.orderId,
    outRefundNo: outRefundNoFor(request.order.orderNo, count + 1),
    amountFen,
    reason: opts.cause === "COMPLAINT" ? `投诉处理 ${request.caseNo} / complaint settled` : `售后退款 ${request.caseNo} / after-sale refund`,
    cause: opts.cause,
    afterSaleId: request.id,
  });
  await recordCaseEvent(tx, { requestId: request.id, complaintId: opts.complaintId, type: "REFUND_STARTED", actor: opts.actor, data: { refundId: refund.id, amountFen, cause: opts.cause } });
  return { refundId: refund.id, amountFen };
}
