import "server-only";
// WeChat Pay JSON (snake_case, as documented) → the gateway's typed objects. Unknown extra
// fields are ignored (WeChat Pay adds fields over time); missing required ones are an error.
import { z } from "zod";
import type { PaymentRefund, PaymentTransaction, RefundNotice } from "../types";
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

export const transactionJson = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_type: z.string().optional(),
  trade_state: z.enum(tradeStates),
  trade_state_desc: z.string(),
  bank_type: z.string().optional(),
  attach: z.string().optional(),
  success_time: time.optional(),
  payer: z.object({ openid: z.string().optional() }).optional(),
  amount: z
    .object({
      total: fen.optional(),
      payer_total: fen.optional(),
      currency: z.string().optional(),
      payer_currency: z.string().optional(),
    })
    .optional(),
});

export function toTransaction(j: z.output<typeof transactionJson>): PaymentTransaction {
  return {
    appId: j.appid,
    mchId: j.mchid,
    outTradeNo: j.out_trade_no,
    transactionId: j.transaction_id || null,
    tradeType: j.trade_type || null,
    tradeState: j.trade_state,
    tradeStateDesc: j.trade_state_desc,
    successTime: j.success_time ?? null,
    payerOpenid: j.payer?.openid || null,
    attach: j.attach ?? null,
    bankType: j.bank_type || null,
    amount: {
      totalFen: j.amount?.total ?? null,
      payerTotalFen: j.amount?.payer_total ?? null,
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

export const refundNoticeJson = z.object({
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string(),
  out_refund_no: z.string(),
  refund_id: z.string(),
  refund_status: z.enum(refundStatuses),
  success_time: time.optional(),
  user_received_account: z.string().optional(),
  amount: z.object({ total: fen, refund: fen, payer_total: fen.optional(), payer_refund: fen.optional() }),
});

export function toRefundNotice(j: z.output<typeof refundNoticeJson>): RefundNotice {
  return {
    mchId: j.mchid,
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
