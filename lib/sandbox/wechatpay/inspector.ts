import "server-only";
// What the sandbox's inspector page lists: its merchant and keys, the fault switches, the
// latest orders, refunds and notifications with every delivery attempt (one query each).
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { sandboxConfig } from "@/lib/payments/wechatpay/config";
import { heldCount } from "./control";
import { getFaults } from "./faults";
import { subMerchantBooks } from "./share-orders";

export async function inspectorData(limit = 50) {
  const cfg = sandboxConfig();
  const [subMerchantRows, shareOrders, transactions, refunds, notifications, faults, held] = await Promise.all([
    db.sandboxPaySubMerchant.findMany({ where: { spMchid: cfg.mchId }, orderBy: { boundAt: "desc" }, take: 50, select: { subMchid: true, name: true, maxRatioBps: true, boundAt: true } }),
    db.sandboxPayShareOrder.findMany({ where: { spMchid: cfg.mchId }, orderBy: { createdAt: "desc" }, take: limit, select: { id: true, subMchid: true, outOrderNo: true, orderId: true, transactionId: true, state: true, unfreeze: true, receivers: true, createdAt: true, finishedAt: true } }),
    db.sandboxPayTransaction.findMany({
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, subMchid: true, profitSharing: true, outTradeNo: true, transactionId: true, tradeType: true, tradeState: true, description: true, amountTotal: true, payerOpenid: true, successTime: true, createdAt: true },
    }),
    db.sandboxPayRefund.findMany({
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, subMchid: true, outRefundNo: true, refundId: true, outTradeNo: true, amountRefund: true, amountTotal: true, status: true, successTime: true, createdAt: true },
    }),
    db.sandboxPayNotification.findMany({
      orderBy: { createdAt: "desc" },
      take: limit,
      select: {
        id: true,
        eventType: true,
        notifyUrl: true,
        fault: true,
        attempts: true,
        nextAttemptAt: true,
        deliveredAt: true,
        gaveUpAt: true,
        createdAt: true,
        resource: true,
        deliveries: { orderBy: { id: "asc" }, select: { id: true, attempt: true, httpStatus: true, error: true, durationMs: true, replay: true, at: true } },
      },
    }),
    getFaults(),
    heldCount(),
  ]);
  return {
    merchant: {
      appId: cfg.appId,
      mchId: cfg.mchId,
      merchantSerial: cfg.merchantSerial,
      platformSerial: cfg.platformSerial,
      baseUrl: `${env().APP_URL}/sandbox/wechatpay`,
      timeScale: cfg.timeScale,
    },
    faults,
    held,
    // Each sub-merchant's account: what is frozen, unfrozen to it, shared to the platform.
    subMerchants: await Promise.all(subMerchantRows.map(async (m) => ({ ...m, books: await subMerchantBooks(cfg.mchId, m.subMchid) }))),
    shareOrders: shareOrders.map((o) => ({ ...o, receivers: o.receivers as { account: string; amount: number; result: string; fail_reason?: string }[] })),
    transactions,
    refunds,
    notifications: notifications.map(({ resource, ...n }) => {
      const r = (resource ?? {}) as { out_trade_no?: unknown; out_refund_no?: unknown };
      return { ...n, outTradeNo: typeof r.out_trade_no === "string" ? r.out_trade_no : null, outRefundNo: typeof r.out_refund_no === "string" ? r.out_refund_no : null };
    }),
  };
}
