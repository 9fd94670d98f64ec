import "server-only";
// Sending refunds to WeChat Pay. A Refund row is written first (in the transaction that
// decided it); a job then makes the API call, so a crash or an outage delays a refund but
// never loses or doubles it (out_refund_no makes the call itself idempotent at WeChat Pay).
import { db } from "@/lib/db/client";
import type { JobResult } from "@/lib/jobs/worker";
import { applyRefundResult, markRefundRefused } from "./apply";
import { getPaymentsGateway, isRetryable, isWechatPayError } from "./gateway";
import { beforeRefund } from "./settlement";

export const REFUND_NOTIFY_PATH = "/api/payments/wechatpay/notify";

export async function submitRefundJob(payload: unknown): Promise<JobResult> {
  const { refundId } = payload as { refundId: string };
  const refund = await db.refund.findUnique({
    where: { id: refundId },
    select: { status: true, refundId: true, outRefundNo: true, amountFen: true, reason: true, orderId: true, afterSaleId: true, order: { select: { outTradeNo: true, totalFen: true, store: { select: { mchId: true } } } } },
  });
  if (!refund || refund.status !== "PROCESSING" || refund.refundId) return;
  // A settlement under way moves this money; after it, any fee the refund makes too much goes back first.
  const ready = await beforeRefund({ id: refundId, orderId: refund.orderId, outRefundNo: refund.outRefundNo, amountFen: refund.amountFen, afterSaleId: refund.afterSaleId });
  if (!ready.ready) return { rescheduleAt: ready.at };
  const gw = getPaymentsGateway();
  try {
    const r = await gw.refund({
      subMchId: refund.order.store.mchId,
      outTradeNo: refund.order.outTradeNo,
      outRefundNo: refund.outRefundNo,
      amountFen: refund.amountFen,
      totalFen: refund.order.totalFen,
      reason: refund.reason.slice(0, 80),
      notifyUrl: gw.notifyUrl(REFUND_NOTIFY_PATH),
    });
    await db.refund.updateMany({ where: { id: refundId, refundId: null }, data: { refundId: r.refundId } });
    if (r.status !== "PROCESSING") {
      await applyRefundResult({ outTradeNo: r.outTradeNo, outRefundNo: r.outRefundNo, refundId: r.refundId, status: r.status, amountRefund: r.amount.refundFen, successTime: r.successTime }, {});
    }
  } catch (e) {
    if (isRetryable(e)) throw e; // the queue retries with backoff
    if (isWechatPayError(e)) {
      // WeChat Pay refused it outright (e.g. NOT_ENOUGH): an admin must look.
      await markRefundRefused(refundId, `${e.code}: ${e.message}`);
      return;
    }
    throw e;
  }
}
