import "server-only";
// WeChat Pay JSON (snake_case, as documented) → the gateway's typed objects. Unknown extra
// fields are ignored (WeChat Pay adds fields over time); missing required ones are an error.
import { z } from "zod";
import type { PaymentRefund, PaymentTransaction, RefundNotice, ShareOrder, ShareReturn } from "../types";
import { parseWechatTime } from "./crypto";

const time = z.string().transform((s, ctx) => {
  const d = parseWechatTime(s);
  if (!d) {
    ctx.issues.push({ code: "custom", message: "not an RFC 3339 time", input: s });
    return z.NEVER;
  }
  return d;
});
const fen = z.number().int().nonnegative();

export const tradeStates = ["SUCCESS", "REFUND", "NOTPAY", "CLOSED", "REVOKED", "USERPAYING", "PAYERROR"] as const;
export const refundStatuses = ["SUCCESS", "CLOSED", "PROCESSING", "ABNORMAL"] as const;

// A trade as the direct API shows it ({appid, mchid, payer.openid}) or as the partner API
// does ({sp_appid, sp_mchid, sub_appid?, sub_mchid, payer.sp_openid | sub_openid}).
export const transactionJson = z
  .object({
    appid: z.string().optional(),
    mchid: z.string().optional(),
    sp_appid: z.string().optional(),
    sp_mchid: z.string().optional(),
    sub_appid: z.string().optional(),
    sub_mchid: z.string().optional(),
    out_trade_no: z.string(),
    transaction_id: z.string().optional(),
    trade_type: z.string().optional(),
    trade_state: z.enum(tradeStates),
    trade_state_desc: z.string(),
    bank_type: z.string().optional(),
    attach: z.string().optional(),
    success_time: time.optional(),
    payer: z.object({ openid: z.string().optional(), sp_openid: z.string().optional(), sub_openid: z.string().optional() }).optional(),
    amount: z
      .object({
        total: fen.optional(),
        payer_total: fen.optional(),
        currency: z.string().optional(),
        payer_currency: z.string().optional(),
      })
      .optional(),
  })
  .refine((j) => (j.appid && j.mchid) || (j.sp_appid && j.sp_mchid && j.sub_mchid), { error: "neither a direct (appid, mchid) nor a partner (sp_appid, sp_mchid, sub_mchid) trade" });

export function toTransaction(j: z.output<typeof transactionJson>): PaymentTransaction {
  const partner = !j.mchid;
  return {
    appId: (partner ? j.sp_appid : j.appid) ?? "",
    mchId: (partner ? j.sp_mchid : j.mchid) ?? "",
    subMchId: partner ? (j.sub_mchid ?? null) : null,
    subAppId: partner ? j.sub_appid || null : null,
    outTradeNo: j.out_trade_no,
    transactionId: j.transaction_id || null,
    tradeType: j.trade_type || null,
    tradeState: j.trade_state,
    tradeStateDesc: j.trade_state_desc,
    successTime: j.success_time ?? null,
    payerOpenid: (partner ? j.payer?.sp_openid || j.payer?.sub_openid : j.payer?.openid) || null,
    attach: j.attach ?? null,
    bankType: j.bank_type || null,
    amount: {
      totalFen: j.amount?.total ?? null,
      payerTotalFen: j.amount?.payer_total ?? null,
      // Absent only where WeChat Pay leaves it out (an unpaid trade); an amount is always CNY.
      currency: j.amount?.currency ?? "CNY",
      payerCurrency: j.amount?.payer_currency ?? "CNY",
    },
  };
}

export const refundJson = z.object({
  refund_id: z.string(),
  out_refund_no: z.string(),
  transaction_id: z.string(),
  out_trade_no: z.string(),
  channel: z.string().optional(),
  user_received_account: z.string().optional(),
  success_time: time.optional(),
  create_time: time.optional(),
  status: z.enum(refundStatuses),
  amount: z.object({
    total: fen,
    refund: fen,
    payer_total: fen.optional(),
    payer_refund: fen.optional(),
    currency: z.string().optional(),
  }),
});

export function toRefund(j: z.output<typeof refundJson>): PaymentRefund {
  return {
    refundId: j.refund_id,
    outRefundNo: j.out_refund_no,
    transactionId: j.transaction_id,
    outTradeNo: j.out_trade_no,
    channel: j.channel ?? null,
    userReceivedAccount: j.user_received_account ?? null,
    status: j.status,
    createTime: j.create_time ?? null,
    successTime: j.success_time ?? null,
    amount: {
      totalFen: j.amount.total,
      refundFen: j.amount.refund,
      payerTotalFen: j.amount.payer_total ?? null,
      payerRefundFen: j.amount.payer_refund ?? null,
      currency: j.amount.currency ?? "CNY",
    },
  };
}

export const refundNoticeJson = z
  .object({
    mchid: z.string().optional(),
    sp_mchid: z.string().optional(),
    sub_mchid: z.string().optional(),
    out_trade_no: z.string(),
    transaction_id: z.string(),
    out_refund_no: z.string(),
    refund_id: z.string(),
    refund_status: z.enum(refundStatuses),
    success_time: time.optional(),
    user_received_account: z.string().optional(),
    amount: z.object({ total: fen, refund: fen, payer_total: fen.optional(), payer_refund: fen.optional() }),
  })
  .refine((j) => j.mchid || (j.sp_mchid && j.sub_mchid), { error: "neither a direct (mchid) nor a partner (sp_mchid, sub_mchid) refund" });

export function toRefundNotice(j: z.output<typeof refundNoticeJson>): RefundNotice {
  return {
    mchId: j.mchid ?? j.sp_mchid ?? "",
    subMchId: j.mchid ? null : (j.sub_mchid ?? null),
    outTradeNo: j.out_trade_no,
    transactionId: j.transaction_id,
    outRefundNo: j.out_refund_no,
    refundId: j.refund_id,
    status: j.refund_status,
    successTime: j.success_time ?? null,
    userReceivedAccount: j.user_received_account ?? null,
    amount: {
      totalFen: j.amount.total,
      refundFen: j.amount.refund,
      payerTotalFen: j.amount.payer_total ?? null,
      payerRefundFen: j.amount.payer_refund ?? null,
    },
  };
}

/** The outer JSON of a notification. */
export const notificationJson = z.object({
  id: z.string().min(1).max(64),
  create_time: time,
  event_type: z.string(),
  resource_type: z.string(),
  summary: z.string(),
  resource: z.object({
    original_type: z.string(),
    algorithm: z.literal("AEAD_AES_256_GCM"),
    ciphertext: z.string().min(1),
    nonce: z.string().min(1),
    associated_data: z.string().optional(),
  }),
});

// ── Profit sharing and bills ──

export const shareOrderJson = z.object({
  sub_mchid: z.string(),
  transaction_id: z.string(),
  out_order_no: z.string(),
  order_id: z.string(),
  state: z.enum(["PROCESSING", "FINISHED"]),
  receivers: z
    .array(
      z.object({
        amount: fen,
        description: z.string(),
        type: z.string(),
        account: z.string(),
        result: z.enum(["PENDING", "SUCCESS", "CLOSED"]),
        fail_reason: z.string().optional(),
        detail_id: z.string().optional(),
        create_time: time.optional(),
        finish_time: time.optional(),
      }),
    )
    .optional(),
});

export function toShareOrder(j: z.output<typeof shareOrderJson>): ShareOrder {
  return {
    subMchId: j.sub_mchid,
    transactionId: j.transaction_id,
    outOrderNo: j.out_order_no,
    orderId: j.order_id,
    state: j.state,
    receivers: (j.receivers ?? []).map((r) => ({
      type: r.type,
      account: r.account,
      amountFen: r.amount,
      description: r.description,
      result: r.result,
      failReason: r.fail_reason || null,
      detailId: r.detail_id || null,
      createTime: r.create_time ?? null,
      finishTime: r.finish_time ?? null,
    })),
  };
}

export const shareReturnJson = z.object({
  sub_mchid: z.string(),
  order_id: z.string(),
  out_order_no: z.string(),
  out_return_no: z.string(),
  return_id: z.string(),
  return_mchid: z.string(),
  amount: fen,
  description: z.string(),
  result: z.enum(["PROCESSING", "SUCCESS", "FAILED"]),
  fail_reason: z.string().optional(),
  create_time: time.optional(),
  finish_time: time.optional(),
});

export function toShareReturn(j: z.output<typeof shareReturnJson>): ShareReturn {
  return {
    subMchId: j.sub_mchid,
    orderId: j.order_id,
    outOrderNo: j.out_order_no,
    outReturnNo: j.out_return_no,
    returnId: j.return_id,
    returnMchId: j.return_mchid,
    amountFen: j.amount,
    description: j.description,
    result: j.result,
    failReason: j.fail_reason || null,
    createTime: j.create_time ?? null,
    finishTime: j.finish_time ?? null,
  };
}

export const billLinkJson = z.object({ hash_type: z.string(), hash_value: z.string(), download_url: z.string().url() });
