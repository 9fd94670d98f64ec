import "server-only";
// Settlement: paying a completed order's money out of the store's frozen account. The only
// place a Settlement's state changes, each change a guarded UPDATE plus a MoneyEvent.
//
//   (order completed, after-sale window closed, no open case / refund / complaint right)
//   open ──▶ SHARING ──(fee shared to the platform)──▶ UNFREEZING ──(rest unfrozen)──▶ SETTLED
//               │  fee 0: straight to UNFREEZING          │
//               └──────────────▶ FAILED ◀─────────────────┘  (WeChat Pay refused, or a receiver
//                                  │                          CLOSED: its reason kept; retried
//                                  └──▶ SHARING / UNFREEZING  with backoff, or by an admin)
//
// In direct mode (or for an order paid into the platform's own account) nothing is frozen:
// the settlement is written SETTLED at once, fee booked, no call made.
//
// Every call is exactly once across crashes, retries and instances: out_order_no is the
// idempotency key at WeChat Pay (the same number answers the same share), a step runs only
// under a lease (a conditional UPDATE of nextAttemptAt), and a state moves only from the
// state the step read. A retry after a refusal uses a new out_order_no (the refused one is
// spent), recomputing the fee from the order as it is then.
//
// Per order the books always balance (moneyOf): paid = refunded + fee + settled + held.
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { SettlementState } from "@/lib/db/generated/enums";
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { enqueue, wake } from "@/lib/jobs/queue";
import type { JobResult } from "@/lib/jobs/worker";
import { log } from "@/lib/log";
import { notifyFundsSettled } from "@/lib/notifications/emit";
import { writeAudit } from "@/lib/protection/audit";
import { keptParts, platformFee } from "./fees";
import { getPaymentsGateway, isRetryable, isWechatPayError, PaymentGatewayError } from "./gateway";
import type { ShareOrder } from "./types";

export const SETTLE_OPEN_QUEUE = "settlement.open";
export const SETTLE_STEP_QUEUE = "settlement.step";
export const SETTLE_SWEEP_QUEUE = "settlement.sweep";

const DAY_MS = 86_400_000;
/** How long one step holds its lease (another instance may take the settlement after that). */
const LEASE_MS = 2 * 60_000;
/** Automatic retries of a refused share or unfreeze before it waits for an admin. */
export const MAX_AUTO_ATTEMPTS = 6;
export const FEE_DESCRIPTION = "平台技术服务费";
export const UNFREEZE_DESCRIPTION = "解冻给店铺";

type Transition = "SHARED" | "UNFROZEN" | "FAIL" | "RETRY_SHARE" | "RETRY_UNFREEZE";
export const settlementTransitions: Record<Transition, { from: SettlementState[]; to: SettlementState }> = {
  SHARED: { from: ["SHARING"], to: "UNFREEZING" },
  UNFROZEN: { from: ["UNFREEZING"], to: "SETTLED" },
  FAIL: { from: ["SHARING", "UNFREEZING"], to: "FAILED" },
  RETRY_SHARE: { from: ["FAILED"], to: "SHARING" },
  RETRY_UNFREEZE: { from: ["FAILED"], to: "UNFREEZING" },
};

/** Moves a settlement if it is where the caller read it; false when something else moved it first. */
async function move(tx: Tx, orderId: string, t: Transition, data: Prisma.SettlementUpdateManyMutationInput, event: Record<string, unknown> = {}): Promise<boolean> {
  const rule = settlementTransitions[t];
  const { count } = await tx.settlement.updateMany({ where: { orderId, state: { in: rule.from } }, data: { ...data, state: rule.to } });
  if (!count) return false;
  await tx.moneyEvent.create({ data: { orderId, type: t, toState: rule.to, data: event as Prisma.InputJsonValue } });
  return true;
}

// ───────────── The books ─────────────

export interface OrderMoney {
  paidFen: number;
  refundedFen: number;
  /** The platform's fee taken (after any returned to the store). */
  feeFen: number;
  /** Unfrozen to the store. */
  settledFen: number;
  /** Still frozen in the store's account. */
  heldFen: number;
}

/** An order's money from its paid and refunded totals and its settlement (pure). */
export function moneyOf(
  order: { paidFen: number; refundedFen: number },
  s: { state: SettlementState; feeFen: number; feeReturnedFen: number; sharedAt: Date | null } | null,
): OrderMoney {
  const kept = order.paidFen - order.refundedFen;
  if (!s) return { paidFen: order.paidFen, refundedFen: order.refundedFen, feeFen: 0, settledFen: 0, heldFen: kept };
  const fee = s.state === "SETTLED" || s.sharedAt ? s.feeFen - s.feeReturnedFen : 0;
  if (s.state === "SETTLED") return { paidFen: order.paidFen, refundedFen: order.refundedFen, feeFen: fee, settledFen: kept - fee, heldFen: 0 };
  return { paidFen: order.paidFen, refundedFen: order.refundedFen, feeFen: fee, settledFen: 0, heldFen: kept - fee };
}

// ───────────── Opening ─────────────

/** When the order's after-sale window closes (completion + the frozen terms' days). */
export function windowClosesAt(order: { completedAt: Date | null; protectionTerms: unknown }): Date | null {
  if (!order.completedAt) return null;
  const days = Number((order.protectionTerms as { afterSaleDaysAfterReceipt?: unknown } | null)?.afterSaleDaysAfterReceipt ?? 7);
  return new Date(order.completedAt.getTime() + (Number.isFinite(days) ? days : 7) * DAY_MS);
}

/** In the completing transaction (lib/orders/hooks.ts): settle once the window has closed. */
export async function scheduleSettlement(tx: Tx, orderId: string): Promise<void> {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { completedAt: true, protectionTerms: true } });
  const at = windowClosesAt(order) ?? new Date();
  await enqueue(tx, SETTLE_OPEN_QUEUE, { orderId }, { runAt: at, maxAttempts: 20 });
}

const orderForSettlement = {
  id: true,
  orderNo: true,
  status: true,
  storeId: true,
  totalFen: true,
  refundedFen: true,
  postageFen: true,
  postageDiscountFen: true,
  feeRateBps: true,
  openCases: true,
  completedAt: true,
  protectionTerms: true,
  transactionId: true,
  lines: { select: { lineTotalFen: true, discountFen: true, refundedFen: true, feeRateBps: true } },
  store: { select: { mchId: true, shareMaxRatioBps: true } },
  payments: { where: { status: "SUCCESS" }, select: { subMchid: true, transactionId: true }, take: 1 },
} as const;
type OrderForSettlement = Prisma.OrderGetPayload<{ select: typeof orderForSettlement }>;

/** The fee the order owes as it stands now (what the store keeps, capped by its agreed maximum share). */
export function feeFor(order: Pick<OrderForSettlement, "postageFen" | "postageDiscountFen" | "refundedFen" | "feeRateBps" | "lines">, maxRatioBps: number | null): number {
  return platformFee(keptParts(order), maxRatioBps);
}

/** Why an order cannot be settled yet, and when to look again; null when it can. */
async function notYet(tx: Tx, o: OrderForSettlement, now: Date): Promise<{ until: Date } | null> {
  const closes = windowClosesAt(o);
  if (!closes) return { until: new Date(now.getTime() + DAY_MS) };
  if (closes > now) return { until: closes };
  // Looked at again within the hour, or within the window's own length when it is shorter (a scaled test).
  const windowMs = closes.getTime() - o.completedAt!.getTime();
  const later = new Date(now.getTime() + Math.max(1000, Math.min(3_600_000, windowMs)));
  if (o.openCases > 0) return { until: later };
  const refunding = await tx.refund.count({ where: { orderId: o.id, status: { in: ["PROCESSING", "ABNORMAL"] } } });
  if (refunding) return { until: later };
  // A rejected after-sale leaves the buyer a right to complain until escalateBy.
  const complaintRight = await tx.afterSaleRequest.findFirst({ where: { orderId: o.id, status: "REJECTED", escalateBy: { gt: now } }, select: { escalateBy: true }, orderBy: { escalateBy: "desc" } });
  if (complaintRight?.escalateBy) return { until: complaintRight.escalateBy };
  return null;
}

export type OpenOutcome = "OPENED" | "SETTLED_LOCALLY" | "NOTHING_HELD" | "NOT_YET" | "EXISTS";

/** Opens the order's settlement once it can be settled. Idempotent. */
export async function openSettlement(orderId: string, now = new Date()): Promise<{ outcome: OpenOutcome; retryAt?: Date }> {
  const result = await db.$transaction(async (tx) => {
    // The order row's lock orders this against a refund or a case starting on it.
    await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${orderId} FOR UPDATE`;
    if (await tx.settlement.count({ where: { orderId } })) return { outcome: "EXISTS" as const };
    const o = await tx.order.findUnique({ where: { id: orderId }, select: orderForSettlement });
    if (!o || o.status !== "COMPLETED" || !o.payments[0]) return { outcome: "NOTHING_HELD" as const };
    const wait = await notYet(tx, o, now);
    if (wait) return { outcome: "NOT_YET" as const, retryAt: wait.until };
    const pay = o.payments[0];
    const frozen = Boolean(pay.subMchid);
    const feeFen = feeFor(o, frozen ? o.store.shareMaxRatioBps : null);
    const base = {
      orderId,
      storeId: o.storeId,
      subMchid: pay.subMchid ?? "",
      transactionId: pay.transactionId ?? o.transactionId ?? "",
      paidFen: o.totalFen,
      refundedFen: o.refundedFen,
      feeFen,
      netFen: o.totalFen - o.refundedFen - feeFen,
      outOrderNo: `S${o.orderNo}`,
    };
    if (!frozen) {
      // Paid into the platform's own account (direct mode): the platform pays the store out
      // itself; the books record the fee and the net as settled now.
      await tx.settlement.create({ data: { ...base, state: "SETTLED", settledAt: now, sharedAt: now } });
      await tx.moneyEvent.create({ data: { orderId, type: "SETTLED_LOCALLY", toState: "SETTLED", data: { feeFen, netFen: base.netFen } } });
      await notifySettled(tx, o.storeId, o.orderNo, base.netFen, orderId);
      return { outcome: "SETTLED_LOCALLY" as const };
    }
    const state: SettlementState = feeFen > 0 ? "SHARING" : "UNFREEZING";
    await tx.settlement.create({ data: { ...base, state, nextAttemptAt: now } });
    await tx.moneyEvent.create({ data: { orderId, type: "OPENED", toState: state, data: { paidFen: base.paidFen, refundedFen: base.refundedFen, feeFen, netFen: base.netFen, outOrderNo: base.outOrderNo } } });
    await enqueue(tx, SETTLE_STEP_QUEUE, { orderId }, { maxAttempts: 10 });
    return { outcome: "OPENED" as const };
  });
  if (result.outcome === "OPENED") wake();
  return result;
}

const notifySettled = (tx: Tx, storeId: string, orderNo: string, amountFen: number, orderId: string) => notifyFundsSettled(tx, { storeId, orderNo, amountFen, orderId });

// ───────────── Steps ─────────────

const settlementSelect = {
  orderId: true,
  storeId: true,
  subMchid: true,
  transactionId: true,
  state: true,
  paidFen: true,
  refundedFen: true,
  feeFen: true,
  netFen: true,
  outOrderNo: true,
  shareOrderId: true,
  sharedAt: true,
  feeReturnedFen: true,
  failReason: true,
  attempts: true,
  nextAttemptAt: true,
  settledAt: true,
  updatedAt: true,
  order: { select: { orderNo: true } },
} as const;
type SettlementRow = Prisma.SettlementGetPayload<{ select: typeof settlementSelect }>;

/** Takes the step's lease: only one caller at a time, and only once it is due. */
async function lease(orderId: string, now: Date, force = false): Promise<SettlementRow | null> {
  const { count } = await db.settlement.updateMany({
    where: { orderId, state: { in: ["SHARING", "UNFREEZING"] }, ...(force ? {} : { OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] }) },
    data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
  });
  if (!count) return null;
  return db.settlement.findUnique({ where: { orderId }, select: settlementSelect });
}

/** When to look again at a call WeChat Pay is still processing: a quarter of its age so far, 5 s to 10 min. */
const pollDelay = (s: { updatedAt: Date }, now: Date) => Math.min(600_000, Math.max(5_000, (now.getTime() - s.updatedAt.getTime()) / 4));
/** When to try again after a refusal: 1 min, 5 min, 25 min … 12 h. */
const retryDelay = (attempts: number) => Math.min(12 * 3_600_000, 60_000 * 5 ** Math.max(0, attempts - 1));

async function later(s: SettlementRow, ms: number, now: Date) {
  const at = new Date(now.getTime() + ms);
  await db.$transaction(async (tx) => {
    // updatedAt stays: the poll interval grows with the time since the step began.
    await tx.$executeRaw`UPDATE "Settlement" SET "nextAttemptAt" = ${at} WHERE "orderId" = ${s.orderId} AND state = ${s.state}::"SettlementState"`;
    await enqueue(tx, SETTLE_STEP_QUEUE, { orderId: s.orderId }, { runAt: at, maxAttempts: 10 });
  });
}

async function fail(s: SettlementRow, reason: string, now: Date) {
  const attempts = s.attempts + 1;
  const auto = attempts < MAX_AUTO_ATTEMPTS;
  await db.$transaction(async (tx) => {
    const moved = await move(tx, s.orderId, "FAIL", { failReason: reason.slice(0, 300), attempts, nextAttemptAt: auto ? new Date(now.getTime() + retryDelay(attempts)) : null }, { from: s.state, reason, outOrderNo: s.outOrderNo });
    if (moved) log.warn("settlement failed", { orderId: s.orderId, state: s.state, reason, attempts });
  });
}

const outcomeOf = (order: ShareOrder, account: string) => order.receivers.find((r) => r.account === account && r.type !== "MERCHANT_SELF");

export type StepOutcome = "SHARED" | "SETTLED" | "PROCESSING" | "FAILED" | "BUSY";

/** One step of a settlement (share the fee, or unfreeze the rest), under its lease. */
export async function stepSettlement(orderId: string, opts: { now?: Date; force?: boolean } = {}): Promise<StepOutcome> {
  const now = opts.now ?? new Date();
  const s = await lease(orderId, now, opts.force);
  if (!s) return "BUSY";
  const gw = getPaymentsGateway();
  try {
    if (s.state === "SHARING") {
      const share = s.shareOrderId
        ? await gw.queryShare({ subMchId: s.subMchid, transactionId: s.transactionId, outOrderNo: s.outOrderNo })
        : await gw.createShare({ subMchId: s.subMchid, transactionId: s.transactionId, outOrderNo: s.outOrderNo, unfreezeUnsplit: false, receivers: [{ account: gw.mchId, amountFen: s.feeFen, description: FEE_DESCRIPTION }] });
      if (!share) {
        // Not there although we asked (a lost answer to a request that never arrived): ask again.
        await db.settlement.update({ where: { orderId }, data: { shareOrderId: null } });
        await later(s, 1000, now);
        return "PROCESSING";
      }
      if (!s.shareOrderId) await db.settlement.update({ where: { orderId }, data: { shareOrderId: share.orderId } });
      const mine = outcomeOf(share, gw.mchId);
      if (mine?.result === "CLOSED") {
        await fail(s, `${mine.failReason ?? "CLOSED"}: 分账失败`, now);
        return "FAILED";
      }
      if (share.state !== "FINISHED" || mine?.result !== "SUCCESS") {
        await later(s, pollDelay(s, now), now);
        return "PROCESSING";
      }
      await db.$transaction((tx) => move(tx, orderId, "SHARED", { sharedAt: now, shareOrderId: share.orderId, nextAttemptAt: now }, { orderIdAtWechat: share.orderId, feeFen: s.feeFen }));
      // Straight on to the unfreeze.
      return (await stepSettlement(orderId, { now, force: true })) === "SETTLED" ? "SETTLED" : "SHARED";
    }
    // UNFREEZING
    const outOrderNo = `${s.outOrderNo}U`;
    const unfreeze = await gw.unfreeze({ subMchId: s.subMchid, transactionId: s.transactionId, outOrderNo, description: UNFREEZE_DESCRIPTION });
    const self = unfreeze.receivers.find((r) => r.account === s.subMchid);
    if (self?.result === "CLOSED") {
      await fail(s, `${self.failReason ?? "CLOSED"}: 解冻失败`, now);
      return "FAILED";
    }
    if (unfreeze.state !== "FINISHED") {
      await later(s, pollDelay(s, now), now);
      return "PROCESSING";
    }
    await db.$transaction(async (tx) => {
      if (await move(tx, orderId, "UNFROZEN", { settledAt: now, nextAttemptAt: null, failReason: null }, { outOrderNo, orderIdAtWechat: unfreeze.orderId, netFen: s.netFen })) {
        await notifySettled(tx, s.storeId, s.order.orderNo, s.netFen, orderId);
      }
    });
    return "SETTLED";
  } catch (e) {
    if (e instanceof PaymentGatewayError && !isRetryable(e)) {
      const reason = isWechatPayError(e) ? `${e.code}: ${e.message}` : e.message;
      await fail(s, reason, now);
      return "FAILED";
    }
    // Unknown outcome (timeout, 5xx): the same out_order_no asks again, soon.
    log.warn("settlement step did not get an answer; will ask again", { orderId, state: s.state, error: e });
    await later(s, pollDelay(s, now), now);
    return "PROCESSING";
  }
}

/**
 * Starts a FAILED settlement again (the sweep when its time comes, or an admin now). A share
 * that never succeeded is recomputed from the order as it is now, under a new out_order_no.
 */
export async function retrySettlement(orderId: string, now = new Date()): Promise<boolean> {
  const moved = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Order" WHERE id = ${orderId} FOR UPDATE`;
    const s = await tx.settlement.findUnique({ where: { orderId }, select: { state: true, sharedAt: true, attempts: true, outOrderNo: true, order: { select: orderForSettlement } } });
    if (!s || s.state !== "FAILED") return false;
    if (s.sharedAt) return move(tx, orderId, "RETRY_UNFREEZE", { nextAttemptAt: now, failReason: null }, { attempts: s.attempts });
    const o = s.order;
    const feeFen = feeFor(o, o.store.shareMaxRatioBps);
    const outOrderNo = `S${o.orderNo}R${s.attempts}`;
    const ok = await move(
      tx,
      orderId,
      feeFen > 0 ? "RETRY_SHARE" : "RETRY_UNFREEZE",
      { nextAttemptAt: now, failReason: null, outOrderNo, shareOrderId: null, refundedFen: o.refundedFen, feeFen, netFen: o.totalFen - o.refundedFen - feeFen },
      { attempts: s.attempts, outOrderNo, feeFen },
    );
    if (ok) await enqueue(tx, SETTLE_STEP_QUEUE, { orderId }, { maxAttempts: 10 });
    return ok;
  });
  if (moved) wake();
  return moved;
}

/** Admin: try a failed settlement again now. Audited. */
export async function retrySettlementAsAdmin(actor: Actor | null, orderId: string): Promise<void> {
  const admin = requireAdmin(actor);
  const s = await db.settlement.findUnique({ where: { orderId }, select: { state: true } });
  if (!s) throw new AppError("NOT_FOUND", "Settlement not found");
  if (s.state !== "FAILED") throw new AppError("INVALID_STATE", "Only a failed settlement can be retried.", { details: { messageKey: "settlementNotFailed" } });
  await db.$transaction((tx) => writeAudit(tx, { actorId: admin.userId, action: "SETTLEMENT_RETRY", subjectType: "Order", subjectId: orderId, data: {} }));
  await retrySettlement(orderId);
}

/**
 * A refund on an order whose settlement is under way must wait for it (the money is moving);
 * once SETTLED, the fee the refund makes too much goes back to the store first
 * (/v3/profitsharing/return-orders). Returns when the refund may be sent, or when to look again.
 */
export async function beforeRefund(refund: { id: string; orderId: string; outRefundNo: string; amountFen: number; afterSaleId: string | null }, now = new Date()): Promise<{ ready: true } | { ready: false; at: Date }> {
  const s = await db.settlement.findUnique({ where: { orderId: refund.orderId }, select: settlementSelect });
  if (!s) return { ready: true };
  if (s.state === "SHARING" || s.state === "UNFREEZING" || (s.state === "FAILED" && s.sharedAt)) return { ready: false, at: new Date(now.getTime() + 30_000) };
  if (s.state === "FAILED" || !s.subMchid) return { ready: true }; // still frozen, fee not taken / nothing shared at WeChat Pay
  const outReturnNo = `${refund.outRefundNo}F`;
  if (await db.moneyEvent.count({ where: { orderId: refund.orderId, type: "FEE_RETURNED", data: { path: ["outReturnNo"], equals: outReturnNo } } })) return { ready: true };
  const o = await db.order.findUniqueOrThrow({ where: { id: refund.orderId }, select: { ...orderForSettlement, lines: { select: { id: true, lineTotalFen: true, discountFen: true, refundedFen: true, feeRateBps: true } } } });
  // The lines as they will be after this refund: an after-sale refund's own split, else all of it off the postage.
  const split = refund.afterSaleId ? await db.afterSaleLine.findMany({ where: { requestId: refund.afterSaleId }, select: { orderLineId: true, amountFen: true } }) : [];
  const after = {
    ...o,
    refundedFen: o.refundedFen + refund.amountFen,
    lines: o.lines.map((l) => ({ ...l, refundedFen: Math.min(l.lineTotalFen - l.discountFen, l.refundedFen + (split.find((x) => x.orderLineId === l.id)?.amountFen ?? 0)) })),
  };
  const owed = Math.min(s.feeFen - s.feeReturnedFen, feeFor(after, o.store.shareMaxRatioBps));
  const back = s.feeFen - s.feeReturnedFen - owed;
  if (back <= 0) return { ready: true };
  const gw = getPaymentsGateway();
  const r = await gw.returnShare({ subMchId: s.subMchid, outOrderNo: s.outOrderNo, outReturnNo, returnMchId: gw.mchId, amountFen: back, description: "退款退回平台服务费" });
  if (r.result === "PROCESSING") return { ready: false, at: new Date(now.getTime() + 10_000) };
  if (r.result === "FAILED") throw new AppError("PAYMENT_FAILED", `WeChat Pay refused to return the fee: ${r.failReason ?? "FAILED"}`);
  await db.$transaction(async (tx) => {
    await tx.settlement.update({ where: { orderId: refund.orderId }, data: { feeReturnedFen: { increment: back } } });
    await tx.moneyEvent.create({ data: { orderId: refund.orderId, type: "FEE_RETURNED", data: { outReturnNo, amountFen: back, refundId: refund.id } } });
  });
  return { ready: true };
}

// ───────────── Jobs ─────────────

export async function openSettlementJob(payload: unknown): Promise<JobResult> {
  const { orderId } = payload as { orderId: string };
  const r = await openSettlement(orderId);
  if (r.outcome === "NOT_YET" && r.retryAt) return { rescheduleAt: r.retryAt };
}

export async function stepSettlementJob(payload: unknown): Promise<JobResult> {
  await stepSettlement((payload as { orderId: string }).orderId);
}

/**
 * Recurring: failed settlements whose retry is due, and steps whose job was lost (a crash
 * between lease and reschedule: their lease runs out and they are due again).
 */
export async function settlementSweepJob(now = new Date()): Promise<JobResult> {
  const due = await db.settlement.findMany({
    where: { nextAttemptAt: { lte: now }, state: { in: ["SHARING", "UNFREEZING", "FAILED"] } },
    select: { orderId: true, state: true },
    orderBy: { nextAttemptAt: "asc" },
    take: 100,
  });
  for (const s of due) {
    try {
      if (s.state === "FAILED") await retrySettlement(s.orderId, now);
      else await stepSettlement(s.orderId, { now });
    } catch (e) {
      log.warn("settlement step will be retried", { orderId: s.orderId, error: e });
    }
  }
}
