import "server-only";
// Applying what WeChat Pay tells us — exactly once, however often and however
// concurrently it arrives. Each notification id goes into an inbox in the same
// transaction as a conditional state change, so a duplicate either finds its id already
// there or finds the order already moved on.
import { invalidate, tags } from "@/lib/cache";
import { releaseOrderStock } from "@/lib/catalog/stock";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { outRefundNoFor } from "@/lib/orders/numbers";
import { createRefund, settleRefundState } from "./refund-state";
import { afterRefundOutcome, type RefundOutcomeEvent } from "@/lib/orders/hooks";
import { recordOrderEvent, tryTransition } from "@/lib/orders/state";
import { getPaymentsGateway } from "./gateway";

export interface PaidTransaction {
  /** appid, or sp_appid in service-provider mode. */
  appid: string;
  /** mchid, or sp_mchid in service-provider mode. */
  mchid: string;
  /** The sub-merchant paid into (service-provider mode); null for a direct merchant's trade. */
  subMchid?: string | null;
  outTradeNo: string;
  transactionId: string;
  tradeState: string;
  amountTotal: number;
  /** Always CNY for our orders; anything else is refused. */
  currency: string;
  payerOpenid?: string | null;
  successTime?: string | Date | null;
}

export interface RefundResult {
  mchid?: string;
  subMchid?: string | null;
  outTradeNo: string;
  outRefundNo: string;
  refundId: string;
  status: "SUCCESS" | "CLOSED" | "PROCESSING" | "ABNORMAL";
  amountRefund: number;
  successTime?: string | Date | null;
}

export type ApplyOutcome = "APPLIED" | "DUPLICATE" | "REFUNDING_LATE_PAYMENT" | "NOT_PAID";

/** Something in a verified message does not match our records: never applied. */
export class PaymentMismatch extends AppError {
  constructor(what: string) {
    super("VALIDATION", `Payment does not match: ${what}`);
    this.name = "PaymentMismatch";
  }
}

export { REFUND_SUBMIT_QUEUE } from "./refund-state";

/** Records a notification id; false when it was already there (a duplicate). */
async function intoInbox(tx: Tx, n: { id: string; eventType: string; outTradeNo?: string; outRefundNo?: string }): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "PaymentNotification" (id, "eventType", "outTradeNo", "outRefundNo", outcome)
    VALUES (${n.id}, ${n.eventType}, ${n.outTradeNo ?? null}, ${n.outRefundNo ?? null}, 'PENDING')
    ON CONFLICT (id) DO NOTHING`;
  return inserted === 1;
}

async function setOutcome(tx: Tx, id: string | undefined, outcome: string) {
  if (id) await tx.paymentNotification.update({ where: { id }, data: { outcome } });
}

/**
 * A successful payment (from a notification, a query, or the buyer's return). Marks the
 * order paid once; a payment for an order that was already cancelled is refunded in full.
 */
export async function applyTransaction(t: PaidTransaction, opts: { notificationId?: string; source: "NOTIFICATION" | "QUERY" }): Promise<ApplyOutcome> {
  const gw = getPaymentsGateway();
  if (t.mchid !== gw.mchId) throw new PaymentMismatch(gw.mode === "service_provider" ? "sp_mchid" : "mchid");
  if (t.appid !== gw.appId) throw new PaymentMismatch(gw.mode === "service_provider" ? "sp_appid" : "appid");
  if (t.tradeState !== "SUCCESS") return "NOT_PAID";
  const order = await db.order.findUnique({ where: { outTradeNo: t.outTradeNo }, select: { id: true, orderNo: true, totalFen: true, store: { select: { mchId: true } } } });
  if (!order) throw new PaymentMismatch("unknown out_trade_no");
  checkPayee(t.subMchid, order.store.mchId);
  if (t.amountTotal !== order.totalFen) throw new PaymentMismatch("amount");
  if (t.currency !== "CNY") throw new PaymentMismatch("currency");
  const paidAt = t.successTime ? new Date(t.successTime) : new Date();

  return db.$transaction(async (tx) => {
    if (opts.notificationId && !(await intoInbox(tx, { id: opts.notificationId, eventType: "TRANSACTION.SUCCESS", outTradeNo: t.outTradeNo }))) {
      return "DUPLICATE";
    }
    const from = await tryTransition(tx, {
      orderId: order.id,
      transition: "PAY",
      actorKind: "PAYMENT",
      data: { paidAt, transactionId: t.transactionId },
      event: { transactionId: t.transactionId, source: opts.source, notificationId: opts.notificationId ?? null },
      applied: async () => {
        await recordPayment(tx, order.id, t, paidAt);
        await setOutcome(tx, opts.notificationId, "APPLIED");
      },
    });
    if (from) return "APPLIED";
    let outcome: ApplyOutcome;
    const now = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, transactionId: true } });
    if (now.status === "CANCELLED" && !(await tx.payment.findUnique({ where: { transactionId: t.transactionId }, select: { id: true } }))) {
      // Paid after we gave up on it: the stock is gone back to the shelf, so the money goes back too.
      await recordPayment(tx, order.id, t, paidAt);
      const refund = await createRefund(tx, { orderId: order.id, outRefundNo: outRefundNoFor(order.orderNo, 0), amountFen: t.amountTotal, reason: "订单已取消，自动退款 / order was cancelled before payment arrived", cause: "AUTO_LATE_PAYMENT" });
      await recordOrderEvent(tx, { orderId: order.id, type: "LATE_PAYMENT_REFUND", actorKind: "SYSTEM", data: { transactionId: t.transactionId, refundId: refund.id } });
      outcome = "REFUNDING_LATE_PAYMENT";
    } else {
      outcome = "DUPLICATE";
    }
    await setOutcome(tx, opts.notificationId, outcome);
    return outcome;
  });
}

/**
 * Money paid into the right account: in service-provider mode the store's own sub-merchant
 * account (its merchant id); in direct mode the merchant's, with no sub-merchant at all.
 */
function checkPayee(subMchid: string | null | undefined, storeMchId: string) {
  const mode = getPaymentsGateway().mode;
  if (mode === "service_provider" ? subMchid !== storeMchId : Boolean(subMchid)) throw new PaymentMismatch("sub_mchid");
}

async function recordPayment(tx: Tx, orderId: string, t: PaidTransaction, paidAt: Date) {
  const data = { status: "SUCCESS" as const, transactionId: t.transactionId, payerOpenid: t.payerOpenid ?? null, successTime: paidAt, subMchid: t.subMchid || null };
  // One trade can have several prepay attempts (a prepay renewed after its reuse window, two
  // pay pages opened at once). The transaction id is unique, so it goes on one of them, the
  // latest, and the others are closed.
  const attempts = await tx.payment.findMany({
    where: { orderId, outTradeNo: t.outTradeNo, status: { in: ["PENDING", "CLOSED"] } },
    select: { id: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!attempts.length) {
    await tx.payment.create({ data: { orderId, outTradeNo: t.outTradeNo, tradeType: "UNKNOWN", amountFen: t.amountTotal, ...data } });
    return;
  }
  await tx.payment.update({ where: { id: attempts[0].id }, data });
  if (attempts.length > 1) await tx.payment.updateMany({ where: { id: { in: attempts.slice(1).map((a) => a.id) }, status: "PENDING" }, data: { status: "CLOSED" } });
}

/**
 * A refund's outcome (notification, or the answer to our own refund request or query).
 * Moves the refund out of PROCESSING once; a SUCCESS adds to the order's refunded total
 * (the database refuses more than was paid) and closes the order when all is refunded.
 */
export async function applyRefundResult(r: RefundResult, opts: { notificationId?: string; eventType?: string }): Promise<"APPLIED" | "DUPLICATE" | "PENDING"> {
  if (r.mchid && r.mchid !== getPaymentsGateway().mchId) throw new PaymentMismatch("mchid");
  const refund = await db.refund.findUnique({
    where: { outRefundNo: r.outRefundNo },
    select: { id: true, orderId: true, amountFen: true, cause: true, afterSaleId: true, order: { select: { outTradeNo: true, store: { select: { mchId: true } } } } },
  });
  if (!refund) throw new PaymentMismatch("unknown out_refund_no");
  if (refund.order.outTradeNo !== r.outTradeNo) throw new PaymentMismatch("out_trade_no");
  // A refund notification names the sub-merchant; our own refund request's answer does not.
  if (r.subMchid !== undefined) checkPayee(r.subMchid, refund.order.store.mchId);
  if (r.amountRefund !== refund.amountFen) throw new PaymentMismatch("refund amount");
  if (r.status === "PROCESSING") return "PENDING";
  const to = r.status;

  let restockedStore: string | null = null;
  const outcome = await db.$transaction(async (tx) => {
    if (opts.notificationId && !(await intoInbox(tx, { id: opts.notificationId, eventType: opts.eventType ?? `REFUND.${r.status}`, outRefundNo: r.outRefundNo }))) {
      return "DUPLICATE";
    }
    const moved = await settleRefundState(tx, {
      refundId: refund.id,
      orderId: refund.orderId,
      to,
      wechatRefundId: r.refundId,
      settledAt: r.status === "SUCCESS" ? (r.successTime ? new Date(r.successTime) : new Date()) : null,
      event: { outRefundNo: r.outRefundNo, amountFen: refund.amountFen },
    });
    if (!moved) {
      await setOutcome(tx, opts.notificationId, "DUPLICATE");
      return "DUPLICATE";
    }
    if (r.status === "SUCCESS") {
      const order = await tx.order.update({ where: { id: refund.orderId }, data: { refundedFen: { increment: refund.amountFen } }, select: { refundedFen: true, totalFen: true, status: true, storeId: true } });
      if (order.refundedFen === order.totalFen) {
        // Refunded in full before it shipped: the goods never left, so they go back on sale.
        const restock = order.status === "PAID";
        const from = await tryTransition(tx, { orderId: refund.orderId, transition: "CLOSE", actorKind: "PAYMENT", data: {}, event: { reason: "FULLY_REFUNDED", restocked: restock } });
        if (from && restock) {
          await releaseOrderStock(tx, { orderId: refund.orderId, storeId: order.storeId, actorId: null });
          restockedStore = order.storeId;
        }
      }
    }
    await afterRefundOutcome(tx, { refundId: refund.id, orderId: refund.orderId, afterSaleId: refund.afterSaleId, cause: refund.cause, status: r.status as RefundOutcomeEvent["status"], amountFen: refund.amountFen, at: new Date() });
    await setOutcome(tx, opts.notificationId, "APPLIED");
    return "APPLIED" as const;
  });
  // Items that were sold out show as available again.
  if (restockedStore) invalidate(tags.store(restockedStore));
  return outcome;
}

/** WeChat Pay refused a refund outright (e.g. NOT_ENOUGH): it is ABNORMAL and an admin must act. */
export async function markRefundRefused(refundId: string, why: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId }, select: { orderId: true, amountFen: true, cause: true, afterSaleId: true, outRefundNo: true } });
    if (!(await settleRefundState(tx, { refundId, orderId: refund.orderId, to: "ABNORMAL", event: { outRefundNo: refund.outRefundNo, amountFen: refund.amountFen, why } }))) return;
    await afterRefundOutcome(tx, { refundId, orderId: refund.orderId, afterSaleId: refund.afterSaleId, cause: refund.cause, status: "ABNORMAL", amountFen: refund.amountFen, at: new Date() });
  });
}
