import "server-only";
// The after-sale request state machine: the only place a request's status changes. Each
// transition is a conditional UPDATE on the expected status (two racing actions cannot both
// win), keeps Order.openCases in step (维权中 while a request is open), appends to the
// case trail, and schedules the timer of the deadline the new status carries — all in the
// caller's transaction. Callers lock the order row first (lockOrder) so every change to an
// order's cases and refunds is serialised in one lock order: Order, then request.
import type { Tx } from "@/lib/db/client";
import type { AfterSaleStatus, AfterSaleType } from "@/lib/db/generated/enums";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import { isOpenRequest } from "./constants";

export type CaseActorKind = "BUYER" | "SELLER" | "ADMIN" | "SYSTEM" | "PAYMENT";
export interface CaseActor {
  kind: CaseActorKind;
  id: string | null;
}
export const SYSTEM: CaseActor = { kind: "SYSTEM", id: null };

export type RequestTransition =
  | "SELLER_ACCEPT_REFUND"
  | "SELLER_ACCEPT_RETURN"
  | "SELLER_REJECT"
  | "SELLER_OFFER"
  | "AUTO_ACCEPT_REFUND"
  | "AUTO_ACCEPT_RETURN"
  | "BUYER_ACCEPT_OFFER"
  | "BUYER_DECLINE_OFFER"
  | "OFFER_EXPIRED"
  | "BUYER_SHIP_RETURN"
  | "RETURN_NOT_SHIPPED"
  | "SELLER_CONFIRM_RETURN"
  | "AUTO_CONFIRM_RETURN"
  | "SELLER_REJECT_RETURN"
  | "REFUND_SUCCEEDED"
  | "REFUND_FAILED"
  | "ADMIN_RETRY_REFUND"
  | "ADMIN_CLOSE_REFUND"
  | "ESCALATE"
  | "ESCALATION_EXPIRED"
  | "SETTLE_REFUND"
  | "SETTLE_REJECT"
  | "BUYER_WITHDRAW";

interface Rule {
  from: AfterSaleStatus[];
  to: AfterSaleStatus;
  /** Only for requests of these types. */
  types?: AfterSaleType[];
}

export const requestTransitions: Record<RequestTransition, Rule> = {
  // The seller answers (or stays silent past sellerDueAt, which counts as acceptance).
  SELLER_ACCEPT_REFUND: { from: ["AWAITING_SELLER"], to: "REFUNDING", types: ["REFUND_ONLY"] },
  SELLER_ACCEPT_RETURN: { from: ["AWAITING_SELLER"], to: "AWAITING_RETURN", types: ["RETURN_AND_REFUND"] },
  SELLER_REJECT: { from: ["AWAITING_SELLER"], to: "REJECTED" },
  SELLER_OFFER: { from: ["AWAITING_SELLER"], to: "OFFER_PENDING" },
  // A silent seller of a return without a return address on file: refunded without the return.
  AUTO_ACCEPT_REFUND: { from: ["AWAITING_SELLER"], to: "REFUNDING" },
  AUTO_ACCEPT_RETURN: { from: ["AWAITING_SELLER"], to: "AWAITING_RETURN", types: ["RETURN_AND_REFUND"] },
  // A partial-refund offer: the buyer keeps the goods either way.
  BUYER_ACCEPT_OFFER: { from: ["OFFER_PENDING"], to: "REFUNDING" },
  BUYER_DECLINE_OFFER: { from: ["OFFER_PENDING"], to: "REJECTED" },
  OFFER_EXPIRED: { from: ["OFFER_PENDING"], to: "REJECTED" },
  // Returns.
  BUYER_SHIP_RETURN: { from: ["AWAITING_RETURN"], to: "RETURN_SHIPPED", types: ["RETURN_AND_REFUND"] },
  RETURN_NOT_SHIPPED: { from: ["AWAITING_RETURN"], to: "CLOSED", types: ["RETURN_AND_REFUND"] },
  SELLER_CONFIRM_RETURN: { from: ["RETURN_SHIPPED"], to: "REFUNDING", types: ["RETURN_AND_REFUND"] },
  AUTO_CONFIRM_RETURN: { from: ["RETURN_SHIPPED"], to: "REFUNDING", types: ["RETURN_AND_REFUND"] },
  SELLER_REJECT_RETURN: { from: ["RETURN_SHIPPED"], to: "REJECTED", types: ["RETURN_AND_REFUND"] },
  // WeChat Pay's word on the refund.
  REFUND_SUCCEEDED: { from: ["REFUNDING"], to: "REFUNDED" },
  REFUND_FAILED: { from: ["REFUNDING"], to: "REFUND_FAILED" },
  ADMIN_RETRY_REFUND: { from: ["REFUND_FAILED"], to: "REFUNDING" },
  /** Handled outside WeChat Pay (e.g. paid by bank transfer): the case ends without our refund. */
  ADMIN_CLOSE_REFUND: { from: ["REFUND_FAILED"], to: "CLOSED" },
  // Platform arbitration.
  ESCALATE: { from: ["REJECTED", "CLOSED"], to: "ESCALATED" },
  ESCALATION_EXPIRED: { from: ["REJECTED"], to: "CLOSED" },
  SETTLE_REFUND: { from: ["ESCALATED"], to: "REFUNDING" },
  SETTLE_REJECT: { from: ["ESCALATED"], to: "CLOSED" },
  // The buyer may withdraw any time before the money moves or the platform decides.
  BUYER_WITHDRAW: { from: ["AWAITING_SELLER", "OFFER_PENDING", "AWAITING_RETURN", "RETURN_SHIPPED", "REJECTED", "ESCALATED"], to: "WITHDRAWN" },
};

export function canMoveRequest(status: AfterSaleStatus, type: AfterSaleType, t: RequestTransition): boolean {
  const rule = requestTransitions[t];
  return rule.from.includes(status) && (!rule.types || rule.types.includes(type));
}

export const CASE_DEADLINE_QUEUE = "protection.deadline";

/** Which deadline a status runs against, if any. */
export function deadlineField(status: AfterSaleStatus): "sellerDueAt" | "buyerDueAt" | "escalateBy" | null {
  switch (status) {
    case "AWAITING_SELLER":
    case "RETURN_SHIPPED":
      return "sellerDueAt";
    case "OFFER_PENDING":
    case "AWAITING_RETURN":
      return "buyerDueAt";
    case "REJECTED":
      return "escalateBy";
    default:
      return null;
  }
}

/** Schedules the timer for the deadline of the request's current status (one job per case, status and instant). */
export async function scheduleRequestDeadline(tx: Tx, r: { id: string; status: AfterSaleStatus; sellerDueAt: Date | null; buyerDueAt: Date | null; escalateBy: Date | null }) {
  const field = deadlineField(r.status);
  const due = field ? r[field] : null;
  if (!due) return;
  await enqueue(tx, CASE_DEADLINE_QUEUE, { kind: "request", requestId: r.id, status: r.status, dueAt: due.toISOString() }, { runAt: due, singletonKey: `case.deadline:${r.id}:${r.status}:${due.getTime()}` });
}

/**
 * Locks the order row for the rest of the transaction (cases and refunds of one order change
 * one at a time). FOR NO KEY UPDATE — the mode an UPDATE of the order takes — rather than FOR
 * UPDATE: it serialises the same, but does not conflict with the key-share locks that inserting
 * rows which reference the order take, so a refund settlement (which inserts an order event,
 * then updates the order, then calls us) cannot deadlock with another one.
 */
export async function lockOrder(tx: Tx, orderId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Order" WHERE id = ${orderId} FOR NO KEY UPDATE`;
  if (!rows.length) throw new AppError("NOT_FOUND", "Order not found");
}

export async function recordCaseEvent(
  tx: Tx,
  e: { requestId: string; complaintId?: string | null; type: string; fromStatus?: string | null; toStatus?: string | null; actor: CaseActor; data?: Record<string, unknown> | null },
) {
  await tx.caseEvent.create({
    data: {
      requestId: e.requestId,
      complaintId: e.complaintId ?? null,
      type: e.type,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      actorKind: e.actor.kind,
      actorId: e.actor.id,
      data: e.data ? (e.data as Prisma.InputJsonValue) : Prisma.JsonNull,
    },
  });
}

export interface MovedRequest {
  id: string;
  caseNo: string;
  orderId: string;
  storeId: string;
  buyerId: string;
  type: AfterSaleType;
  from: AfterSaleStatus;
  to: AfterSaleStatus;
}

/**
 * Applies `transition` if the request is in one of its source states (and matches `where`).
 * Returns what moved, or null when the request had already moved on: callers decide whether
 * that is an error (a person's click) or fine (a timer that lost a race).
 */
export async function tryMoveRequest(
  tx: Tx,
  opts: {
    requestId: string;
    transition: RequestTransition;
    actor: CaseActor;
    data?: Prisma.AfterSaleRequestUpdateManyMutationInput;
    /** Extra conditions the row must meet (e.g. a deadline not yet passed). */
    where?: Prisma.AfterSaleRequestWhereInput;
    event?: Record<string, unknown>;
    complaintId?: string | null;
  },
): Promise<MovedRequest | null> {
  const rule = requestTransitions[opts.transition];
  const current = await tx.afterSaleRequest.findUnique({
    where: { id: opts.requestId },
    select: { id: true, caseNo: true, orderId: true, storeId: true, buyerId: true, type: true, status: true },
  });
  if (!current) throw new AppError("NOT_FOUND", "Case not found");
  if (!canMoveRequest(current.status, current.type, opts.transition)) return null;
  const ends = !isOpenRequest(rule.to);
  const { count } = await tx.afterSaleRequest.updateMany({
    where: { ...opts.where, id: opts.requestId, status: current.status },
    data: { ...opts.data, status: rule.to, ...(ends && !opts.data?.closedAt ? { closedAt: new Date() } : {}) },
  });
  if (count !== 1) return null;
  const delta = (isOpenRequest(rule.to) ? 1 : 0) - (isOpenRequest(current.status) ? 1 : 0);
  if (delta !== 0) await tx.order.update({ where: { id: current.orderId }, data: { openCases: { increment: delta } } });
  await recordCaseEvent(tx, {
    requestId: current.id,
    complaintId: opts.complaintId,
    type: opts.transition,
    fromStatus: current.status,
    toStatus: rule.to,
    actor: opts.actor,
    data: opts.event ?? null,
  });
  const after = await tx.afterSaleRequest.findUniqueOrThrow({ where: { id: current.id }, select: { id: true, status: true, sellerDueAt: true, buyerDueAt: true, escalateBy: true } });
  await scheduleRequestDeadline(tx, after);
  const { status: _s, ...rest } = current;
  return { ...rest, from: current.status, to: rule.to };
}

/** Like tryMoveRequest, but a request that moved on is the caller's error (INVALID_STATE). */
export async function moveRequest(tx: Tx, opts: Parameters<typeof tryMoveRequest>[1]): Promise<MovedRequest> {
  const moved = await tryMoveRequest(tx, opts);
  if (!moved) throw caseMovedOn();
  return moved;
}

export function caseMovedOn(): AppError {
  return new AppError("INVALID_STATE", "This case has moved on; reload to see where it stands.", { details: { messageKey: "caseMovedOn" } });
}
