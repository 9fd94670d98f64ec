import "server-only";
// The sandbox's refunds: POST /v3/refund/domestic/refunds and GET …/{out_refund_no}. A refund
// starts PROCESSING and settles after a (time-scaled) delay on the job queue: SUCCESS, or
// ABNORMAL / CLOSED under the faults, with a REFUND.* notification when it named a notify_url.
// A service provider refunds a sub-merchant's order by naming it (sub_mchid), in the body and
// in the query. Rules as WeChat Pay's: only paid orders, never more than paid across partial refunds, at most
// 50 refunds per order, the same out_refund_no with the same request answers the same refund.
// A sub-merchant's refund is paid from the payment's frozen money first, then from the
// sub-merchant's available balance; beyond both it is refused 403 NOT_ENOUGH, as WeChat Pay
// refuses a merchant whose balance cannot cover it (e.g. after the money was withdrawn).
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { enqueue } from "@/lib/jobs/queue";
import type { JobResult } from "@/lib/jobs/worker";
import type { WechatPaySandboxConfig } from "@/lib/payments/wechatpay/config";
import { toWechatTime } from "@/lib/payments/wechatpay/crypto";
import { consumeFault } from "./faults";
import { newRefundId } from "./ids";
import { createNotification } from "./notifications";
import { apiErrors, PayApiError } from "./protocol";
import { subMerchantAccount, unsplitOf } from "./share-orders";
import { requireBound } from "./sub-merchants";
import { tradeStateDesc } from "./transactions";
import { notifyUrl, OUT_REFUND_NO, OUT_TRADE_NO, parseOrThrow } from "./validation";

export const REFUND_QUEUE = "sandbox.wechatpay.refund";
/** Seconds from request to settlement, before WECHATPAY_SANDBOX_TIME_SCALE. */
export const REFUND_SETTLE_SECONDS = 10;
export const MAX_REFUNDS_PER_ORDER = 50;

const fen = z.number({ error: "必须是整数" }).int({ error: "必须是整数" }).min(1, { error: "值低于最小值1" }).max(10_000_000_000);
const refundBody = z.object({
  sub_mchid: z.string().min(1).max(32).optional(),
  transaction_id: z.string().min(1).max(32).optional(),
  out_trade_no: z.string().regex(OUT_TRADE_NO, { error: "长度须为6-32个字符，只能是数字、大小写字母_-|*" }).optional(),
  out_refund_no: z.string().regex(OUT_REFUND_NO, { error: "长度须为1-64个字符，只能是数字、大小写字母_-|*@" }),
  reason: z.string().max(80, { error: "长度不能超过80" }).optional(),
  notify_url: notifyUrl.optional(),
  funds_account: z.string().optional(),
  amount: z.object({
    refund: fen,
    total: fen,
    currency: z.literal("CNY", { error: "只支持CNY" }),
  }),
});

const refundSelect = {
  id: true,
  mchid: true,
  subMchid: true,
  outRefundNo: true,
  refundId: true,
  transactionId: true,
  outTradeNo: true,
  amountRefund: true,
  amountTotal: true,
  status: true,
  reason: true,
  notifyUrl: true,
  successTime: true,
  createdAt: true,
} as const;

const loadRefund = (client: Tx | typeof db, id: string) => client.sandboxPayRefund.findUnique({ where: { id }, select: refundSelect });
type RefundRow = NonNullable<Awaited<ReturnType<typeof loadRefund>>>;

/** The refund as the API answers it. */
export function refundView(r: RefundRow): Record<string, unknown> {
  return {
    refund_id: r.refundId,
    out_refund_no: r.outRefundNo,
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    channel: "ORIGINAL",
    user_received_account: "支付用户零钱",
    ...(r.successTime ? { success_time: toWechatTime(r.successTime) } : {}),
    create_time: toWechatTime(r.createdAt),
    status: r.status,
    funds_account: "AVAILABLE",
    amount: {
      total: r.amountTotal,
      refund: r.amountRefund,
      from: [],
      payer_total: r.amountTotal,
      payer_refund: r.amountRefund,
      settlement_refund: r.amountRefund,
      settlement_total: r.amountTotal,
      discount_refund: 0,
      currency: "CNY",
      refund_fee: 0,
    },
    promotion_detail: [],
  };
}

async function lockTrade(tx: Tx, who: { mchid: string; subMchid: string }, by: { transactionId: string } | { outTradeNo: string }) {
  const { mchid, subMchid } = who;
  const rows =
    "transactionId" in by
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SandboxPayTransaction" WHERE mchid = ${mchid} AND "subMchid" = ${subMchid} AND "transactionId" = ${by.transactionId} FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SandboxPayTransaction" WHERE mchid = ${mchid} AND "subMchid" = ${subMchid} AND "outTradeNo" = ${by.outTradeNo} FOR UPDATE`;
  if (!rows[0]) return null;
  return tx.sandboxPayTransaction.findUnique({ where: { id: rows[0].id }, select: { id: true, transactionId: true, outTradeNo: true, tradeState: true, amountTotal: true, profitSharing: true } });
}

/**
 * What of a refund the sub-merchant's available balance pays: the part its payment's frozen
 * money does not cover. Under the sub-merchant's row lock, so two refunds cannot spend one
 * balance; NOT_ENOUGH when the balance is short.
 */
async function drawFromBalance(tx: Tx, spMchid: string, subMchid: string, trade: { transactionId: string | null; amountTotal: number; profitSharing: boolean }, refundFen: number): Promise<number> {
  await tx.$queryRaw`SELECT "subMchid" FROM "SandboxPaySubMerchant" WHERE "spMchid" = ${spMchid} AND "subMchid" = ${subMchid} FOR UPDATE`;
  const frozen = trade.profitSharing ? await unsplitOf(tx, trade.transactionId!, trade.amountTotal) : 0;
  const fromAvailable = Math.max(0, refundFen - frozen);
  if (fromAvailable === 0) return 0;
  const { available } = await subMerchantAccount(tx, spMchid, subMchid);
  if (fromAvailable > available) throw new PayApiError(403, "NOT_ENOUGH", "基本账户余额不足，请充值后重新发起");
  return fromAvailable;
}

/** POST /v3/refund/domestic/refunds */
export async function createRefund(body: unknown, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const input = parseOrThrow(refundBody, body);
  if (!input.transaction_id && !input.out_trade_no) {
    throw apiErrors.param("transaction_id和out_trade_no必须二选一", { field: "/out_trade_no", location: "body", issue: "缺少必填参数" });
  }
  const mchid = cfg.mchId;
  const subMchid = input.sub_mchid ?? "";
  if (subMchid) await requireBound(mchid, subMchid);
  try {
    return await db.$transaction(async (tx) => {
      // transaction_id wins when both are given, as WeChat Pay documents.
      const trade = await lockTrade(tx, { mchid, subMchid }, input.transaction_id ? { transactionId: input.transaction_id } : { outTradeNo: input.out_trade_no! });
      if (!trade || (trade.tradeState !== "SUCCESS" && trade.tradeState !== "REFUND")) throw apiErrors.resourceNotExists("订单不存在");

      const existing = await tx.sandboxPayRefund.findUnique({ where: { mchid_subMchid_outRefundNo: { mchid, subMchid, outRefundNo: input.out_refund_no } }, select: refundSelect });
      if (existing) {
        if (existing.transactionId === trade.transactionId && existing.amountRefund === input.amount.refund && existing.amountTotal === input.amount.total) return refundView(existing);
        throw apiErrors.invalidRequest("退款单号已存在，且与原退款请求参数不一致");
      }
      if (input.amount.total !== trade.amountTotal) throw apiErrors.invalidRequest("订单金额total与原订单金额不一致");

      const prior = await tx.sandboxPayRefund.findMany({ where: { transactionId: trade.transactionId }, select: { amountRefund: true, status: true } });
      if (prior.length >= MAX_REFUNDS_PER_ORDER) throw apiErrors.invalidRequest("该订单部分退款次数已超过50次");
      const committed = prior.filter((p) => p.status !== "CLOSED").reduce((sum, p) => sum + p.amountRefund, 0);
      if (committed + input.amount.refund > trade.amountTotal) throw apiErrors.invalidRequest("申请退款金额超过订单可退金额");
      const fromAvailableFen = subMchid ? await drawFromBalance(tx, mchid, subMchid, trade, input.amount.refund) : 0;

      const refund = await tx.sandboxPayRefund.create({
        data: {
          mchid,
          subMchid,
          outRefundNo: input.out_refund_no,
          refundId: newRefundId(),
          transactionId: trade.transactionId,
          outTradeNo: trade.outTradeNo,
          amountRefund: input.amount.refund,
          amountTotal: trade.amountTotal,
          fromAvailableFen,
          status: "PROCESSING",
          reason: input.reason ?? null,
          notifyUrl: input.notify_url ?? null,
        },
        select: refundSelect,
      });
      if (trade.tradeState !== "REFUND") {
        await tx.sandboxPayTransaction.update({ where: { id: trade.id }, data: { tradeState: "REFUND", tradeStateDesc: tradeStateDesc.REFUND } });
      }
      const settleAt = new Date(Date.now() + REFUND_SETTLE_SECONDS * 1000 * cfg.timeScale);
      await enqueue(tx, REFUND_QUEUE, { id: refund.id }, { runAt: settleAt, singletonKey: `${REFUND_QUEUE}:${refund.id}`, maxAttempts: 20 });
      return refundView(refund);
    });
  } catch (e) {
    // The same out_refund_no on another order, created at the same moment.
    if (isUniqueViolation(e)) throw apiErrors.invalidRequest("退款单号已存在，且与原退款请求参数不一致");
    throw e;
  }
}

/** GET /v3/refund/domestic/refunds/{out_refund_no} (?sub_mchid= for a sub-merchant's refund) */
export async function queryRefund(outRefundNo: string, url: URL, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const subMchid = url.searchParams.get("sub_mchid") ?? "";
  if (subMchid) await requireBound(cfg.mchId, subMchid);
  const r = await db.sandboxPayRefund.findUnique({ where: { mchid_subMchid_outRefundNo: { mchid: cfg.mchId, subMchid, outRefundNo } }, select: refundSelect });
  if (!r) throw apiErrors.resourceNotExists("退款单不存在");
  return refundView(r);
}

/** The plaintext resource of a REFUND.* notification. */
function refundResource(r: RefundRow) {
  return {
    ...(r.subMchid ? { sp_mchid: r.mchid, sub_mchid: r.subMchid } : { mchid: r.mchid }),
    out_trade_no: r.outTradeNo,
    transaction_id: r.transactionId,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_status: r.status,
    ...(r.successTime ? { success_time: toWechatTime(r.successTime) } : {}),
    user_received_account: "支付用户零钱",
    amount: { total: r.amountTotal, refund: r.amountRefund, payer_total: r.amountTotal, payer_refund: r.amountRefund },
  };
}

/** Settles a PROCESSING refund (idempotent: a settled one is left alone). */
export async function settleRefund(id: string, now = new Date()): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SandboxPayRefund" WHERE id = ${id} FOR UPDATE`;
    if (!locked[0]) return null;
    const r = (await loadRefund(tx, id))!;
    if (r.status !== "PROCESSING") return r.status;
    const status = (await consumeFault(tx, "refundAbnormal")) ? "ABNORMAL" : (await consumeFault(tx, "refundClosed")) ? "CLOSED" : "SUCCESS";
    const settled = await tx.sandboxPayRefund.update({ where: { id }, data: { status, successTime: status === "SUCCESS" ? now : null }, select: refundSelect });
    if (settled.notifyUrl) {
      await createNotification(tx, {
        eventType: `REFUND.${status}` as "REFUND.SUCCESS" | "REFUND.ABNORMAL" | "REFUND.CLOSED",
        originalType: "refund",
        resource: refundResource(settled),
        notifyUrl: settled.notifyUrl,
        transactionId: settled.transactionId,
        refundId: settled.refundId,
      });
    }
    return status;
  });
}

export const refundJobHandlers = {
  [REFUND_QUEUE]: async (payload: unknown): Promise<JobResult> => {
    await settleRefund((payload as { id: string }).id);
  },
};
