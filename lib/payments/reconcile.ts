import "server-only";
// Asking WeChat Pay instead of waiting to be told: when a notification is late or lost,
// when the buyer comes back from the cashier, and before we cancel an unpaid order.
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { applyRefundResult, applyTransaction, type ApplyOutcome } from "./apply";
import { getPaymentsGateway, isWechatPayError, type PaymentTransaction } from "./gateway";
import { submitRefundJob } from "./refunds";

export function toPaid(t: PaymentTransaction) {
  return {
    appid: t.appId,
    mchid: t.mchId,
    subMchid: t.subMchId,
    outTradeNo: t.outTradeNo,
    transactionId: t.transactionId ?? "",
    tradeState: t.tradeState,
    amountTotal: t.amount.totalFen ?? 0,
    currency: t.amount.currency,
    payerOpenid: t.payerOpenid,
    successTime: t.successTime,
  };
}

/** Queries the order's trade and applies a payment WeChat Pay has but we have not recorded. */
export async function reconcileOrder(orderId: string): Promise<ApplyOutcome | "NO_TRADE"> {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { outTradeNo: true, status: true, store: { select: { mchId: true } } } });
  if (!order) return "NO_TRADE";
  const trade = await getPaymentsGateway().queryByOutTradeNo(order.outTradeNo, { subMchId: order.store.mchId });
  if (!trade) return "NO_TRADE";
  if (trade.tradeState !== "SUCCESS" && trade.tradeState !== "REFUND") return "NOT_PAID";
  return applyTransaction({ ...toPaid(trade), tradeState: "SUCCESS" }, { source: "QUERY" });
}

/**
 * Closes the order's trade at WeChat Pay so it can no longer be paid. If it was paid after
 * all (closing answers ORDERPAID, or the query says so), the payment is applied and "PAID"
 * returned: the caller must not cancel.
 */
export async function closeAtWechat(orderId: string): Promise<"CLOSED" | "PAID"> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { outTradeNo: true, store: { select: { mchId: true } } } });
  const gw = getPaymentsGateway();
  const paid = async () => {
    const outcome = await reconcileOrder(orderId);
    return outcome === "APPLIED" || outcome === "DUPLICATE" || outcome === "REFUNDING_LATE_PAYMENT";
  };
  if (await paid()) return "PAID";
  try {
    await gw.closeOrder(order.outTradeNo, { subMchId: order.store.mchId });
  } catch (e) {
    if (isWechatPayError(e, "ORDERPAID")) {
      if (await paid()) return "PAID";
    }
    if (!isWechatPayError(e, "ORDER_NOT_EXIST") && !isWechatPayError(e, "ORDER_CLOSED")) throw e;
  }
  return "CLOSED";
}

/** Recurring job: bring in payments whose notification never came, and settle stuck refunds. */
export async function reconcileJob(): Promise<void> {
  const quietFor = new Date(Date.now() - 60_000);
  const unpaid = await db.order.findMany({
    where: { status: "PENDING_PAYMENT", payments: { some: { createdAt: { lt: quietFor } } } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 100,
  });
  for (const o of unpaid) {
    await reconcileOrder(o.id).catch((e) => log.warn("reconcile order failed", { orderId: o.id, error: e }));
  }
  const refunds = await db.refund.findMany({
    where: { status: "PROCESSING", refundId: { not: null }, updatedAt: { lt: quietFor } },
    select: { outRefundNo: true, order: { select: { store: { select: { mchId: true } } } } },
    take: 100,
  });
  for (const r of refunds) {
    await reconcileRefund(r.outRefundNo, r.order.store.mchId).catch((e) => log.warn("reconcile refund failed", { outRefundNo: r.outRefundNo, error: e }));
  }
  // Refunds never sent: their submit job gave up (WeChat Pay unreachable through every retry)
  // and left them PROCESSING without a WeChat refund id, money owed and reserved. Sent again
  // with the same out_refund_no, which WeChat Pay refunds at most once.
  const unsent = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "Refund" r
     WHERE r.status = 'PROCESSING' AND r."refundId" IS NULL AND r."updatedAt" < ${quietFor}
       AND NOT EXISTS (SELECT 1 FROM "Job" j WHERE j."singletonKey" = 'refund.submit:' || r.id AND j."doneAt" IS NULL)
     ORDER BY r."createdAt" LIMIT 100`;
  for (const r of unsent) {
    await submitRefundJob({ refundId: r.id }).catch((e) => log.warn("resubmitting refund failed", { refundId: r.id, error: e }));
  }
}

export async function reconcileRefund(outRefundNo: string, subMchId: string) {
  const r = await getPaymentsGateway().queryRefund(outRefundNo, { subMchId });
  if (!r || r.status === "PROCESSING") return;
  await applyRefundResult({ outTradeNo: r.outTradeNo, outRefundNo: r.outRefundNo, refundId: r.refundId, status: r.status, amountRefund: r.amount.refundFen, successTime: r.successTime }, {});
}
