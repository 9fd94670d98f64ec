import "server-only";
// The sandbox's orders: JSAPI/H5 ordering, queries, closing, and the payment the cashier makes.
// States as WeChat Pay keeps them: NOTPAY → SUCCESS (→ REFUND once refunds start), NOTPAY →
// CLOSED, NOTPAY → PAYERROR (the "payment fails" fault; paying again may still succeed).
// Every change happens under a row lock on the order, so a close and a payment never both win.
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { WechatPaySandboxConfig } from "@/lib/payments/wechatpay/config";
import { parseWechatTime, toWechatTime } from "@/lib/payments/wechatpay/crypto";
import { consumeFault } from "./faults";
import { h5Package, h5PayerOpenid, newPrepayId, newTransactionId } from "./ids";
import { createNotification } from "./notifications";
import { apiErrors } from "./protocol";
import { notifyUrl, OUT_TRADE_NO, parseOrThrow, rfc3339 } from "./validation";

export const tradeStateDesc: Record<string, string> = {
  NOTPAY: "订单未支付",
  USERPAYING: "用户支付中（输入密码）",
  SUCCESS: "支付成功",
  REFUND: "转入退款",
  CLOSED: "订单已关闭",
  REVOKED: "已撤销（付款码支付）",
  PAYERROR: "支付失败，请重新下单支付",
};

const PAYABLE = ["NOTPAY", "USERPAYING", "PAYERROR"];
const PAID = ["SUCCESS", "REFUND"];

const orderBase = {
  appid: z.string().min(1).max(32),
  mchid: z.string().min(1).max(32),
  description: z.string().min(1, { error: "不能为空" }).max(127, { error: "长度不能超过127" }),
  out_trade_no: z.string().regex(OUT_TRADE_NO, { error: "长度须为6-32个字符，只能是数字、大小写字母_-|*" }),
  time_expire: rfc3339.optional(),
  attach: z.string().max(128, { error: "长度不能超过128" }).optional(),
  notify_url: notifyUrl,
  goods_tag: z.string().max(32).optional(),
  amount: z.object({
    total: z.number({ error: "必须是整数" }).int({ error: "必须是整数" }).min(1, { error: "值低于最小值1" }).max(10_000_000_000),
    currency: z.literal("CNY", { error: "只支持CNY" }).optional(),
  }),
};

const jsapiBody = z.object({ ...orderBase, payer: z.object({ openid: z.string().min(1).max(128) }) });
const h5Body = z.object({
  ...orderBase,
  scene_info: z.object({
    payer_client_ip: z.string().min(1).max(45),
    device_id: z.string().max(32).optional(),
    h5_info: z.object({ type: z.string().min(1).max(32), app_name: z.string().optional(), app_url: z.string().optional() }),
  }),
});

export type TradeKind = "JSAPI" | "MWEB";

const tradeSelect = {
  id: true,
  mchid: true,
  appid: true,
  outTradeNo: true,
  transactionId: true,
  tradeType: true,
  tradeState: true,
  tradeStateDesc: true,
  description: true,
  attach: true,
  notifyUrl: true,
  amountTotal: true,
  payerOpenid: true,
  payerClientIp: true,
  prepayId: true,
  timeExpire: true,
  successTime: true,
  createdAt: true,
} as const;
type TradeRow = NonNullable<Awaited<ReturnType<typeof loadTrade>>>;

function loadTrade(client: Tx | typeof db, where: { id: string } | { prepayId: string } | { transactionId: string } | { mchid_outTradeNo: { mchid: string; outTradeNo: string } }) {
  return client.sandboxPayTransaction.findUnique({ where: where as never, select: tradeSelect });
}

/** The H5 cashier link WeChat Pay answers with (the merchant may append &redirect_url=…). */
export function h5Url(cfg: WechatPaySandboxConfig, prepayId: string) {
  return `${cfg.appUrl}/sandbox/wechatpay/h5?prepay_id=${encodeURIComponent(prepayId)}&package=${h5Package(prepayId, cfg.apiV3Key)}`;
}

function checkMerchant(cfg: WechatPaySandboxConfig, mchid: string, appid?: string) {
  if (mchid !== cfg.mchId) throw apiErrors.param("mchid与请求签名中的商户号不一致", { field: "/mchid", location: "body", issue: "mchid mismatch" });
  if (appid !== undefined && appid !== cfg.appId) throw apiErrors.appidMismatch();
}

/** POST /v3/pay/transactions/jsapi and /h5. Same out_trade_no and same parameters → the same prepay. */
export async function createOrder(kind: TradeKind, body: unknown, cfg: WechatPaySandboxConfig): Promise<{ prepay_id: string } | { h5_url: string }> {
  const input = kind === "JSAPI" ? parseOrThrow(jsapiBody, body) : parseOrThrow(h5Body, body);
  checkMerchant(cfg, input.mchid, input.appid);
  const wanted = {
    appid: input.appid,
    tradeType: kind,
    description: input.description,
    attach: input.attach ?? null,
    notifyUrl: input.notify_url,
    amountTotal: input.amount.total,
    payerOpenid: "payer" in input ? input.payer.openid : null,
    payerClientIp: "scene_info" in input ? input.scene_info.payer_client_ip : null,
    timeExpire: input.time_expire ? parseWechatTime(input.time_expire) : null,
  };
  const answer = (prepayId: string) => (kind === "JSAPI" ? { prepay_id: prepayId } : { h5_url: h5Url(cfg, prepayId) });

  const existingAnswer = (t: TradeRow) => {
    if (PAID.includes(t.tradeState)) throw apiErrors.orderPaid();
    if (t.tradeState === "CLOSED") throw apiErrors.orderClosed();
    const same =
      t.appid === wanted.appid &&
      t.tradeType === wanted.tradeType &&
      t.description === wanted.description &&
      t.attach === wanted.attach &&
      t.notifyUrl === wanted.notifyUrl &&
      t.amountTotal === wanted.amountTotal &&
      t.payerOpenid === (wanted.tradeType === "JSAPI" ? wanted.payerOpenid : t.payerOpenid) &&
      (t.timeExpire?.getTime() ?? null) === (wanted.timeExpire?.getTime() ?? null);
    if (!same || !t.prepayId) throw apiErrors.outTradeNoUsed();
    return answer(t.prepayId);
  };

  const key = { mchid_outTradeNo: { mchid: input.mchid, outTradeNo: input.out_trade_no } };
  const existing = await loadTrade(db, key);
  if (existing) return existingAnswer(existing);
  const now = new Date();
  const prepayId = newPrepayId(now);
  try {
    await db.sandboxPayTransaction.create({
      data: {
        mchid: input.mchid,
        outTradeNo: input.out_trade_no,
        transactionId: newTransactionId(now),
        tradeState: "NOTPAY",
        tradeStateDesc: tradeStateDesc.NOTPAY,
        prepayId,
        ...wanted,
      },
    });
  } catch (e) {
    // Two identical requests at once: the loser answers like a repeat.
    if (!isUniqueViolation(e)) throw e;
    const winner = await loadTrade(db, key);
    if (!winner) throw e;
    return existingAnswer(winner);
  }
  return answer(prepayId);
}

/** The order as GET /v3/pay/transactions/… answers it. */
export function transactionView(t: TradeRow): Record<string, unknown> {
  const paid = PAID.includes(t.tradeState);
  return {
    appid: t.appid,
    mchid: t.mchid,
    out_trade_no: t.outTradeNo,
    ...(paid ? { transaction_id: t.transactionId, trade_type: t.tradeType, bank_type: "OTHERS", success_time: t.successTime ? toWechatTime(t.successTime) : undefined } : {}),
    trade_state: t.tradeState,
    trade_state_desc: t.tradeStateDesc,
    attach: t.attach ?? "",
    ...(paid && t.payerOpenid ? { payer: { openid: t.payerOpenid } } : {}),
    amount: paid ? { total: t.amountTotal, payer_total: t.amountTotal, currency: "CNY", payer_currency: "CNY" } : { total: t.amountTotal, currency: "CNY", payer_currency: "CNY" },
    promotion_detail: [],
  };
}

function queryMchid(url: URL, cfg: WechatPaySandboxConfig) {
  const mchid = url.searchParams.get("mchid");
  if (!mchid) throw apiErrors.param("输入源“/query/mchid”缺少必填参数", { field: "mchid", location: "query", issue: "缺少必填参数" });
  if (mchid !== cfg.mchId) throw apiErrors.param("mchid与请求签名中的商户号不一致", { field: "mchid", location: "query", issue: "mchid mismatch" });
  return mchid;
}

/** GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid= */
export async function queryByOutTradeNo(outTradeNo: string, url: URL, cfg: WechatPaySandboxConfig) {
  const mchid = queryMchid(url, cfg);
  const t = await loadTrade(db, { mchid_outTradeNo: { mchid, outTradeNo } });
  if (!t) throw apiErrors.orderNotExist();
  return transactionView(t);
}

/** GET /v3/pay/transactions/id/{transaction_id}?mchid= (paid orders only, as WeChat Pay). */
export async function queryByTransactionId(transactionId: string, url: URL, cfg: WechatPaySandboxConfig) {
  const mchid = queryMchid(url, cfg);
  const t = await loadTrade(db, { transactionId });
  if (!t || t.mchid !== mchid || !PAID.includes(t.tradeState)) throw apiErrors.orderNotExist();
  return transactionView(t);
}

async function lockTrade(tx: Tx, where: { outTradeNo: string; mchid: string } | { prepayId: string }) {
  const rows =
    "prepayId" in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SandboxPayTransaction" WHERE "prepayId" = ${where.prepayId} FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SandboxPayTransaction" WHERE mchid = ${where.mchid} AND "outTradeNo" = ${where.outTradeNo} FOR UPDATE`;
  return rows[0] ? loadTrade(tx, { id: rows[0].id }) : null;
}

const closeBody = z.object({ mchid: z.string().min(1).max(32) });

/** POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close → 204; a paid order → ORDERPAID. */
export async function closeOrder(outTradeNo: string, body: unknown, cfg: WechatPaySandboxConfig): Promise<void> {
  const input = parseOrThrow(closeBody, body);
  checkMerchant(cfg, input.mchid);
  if (!OUT_TRADE_NO.test(outTradeNo)) throw apiErrors.param("输入源“/path/out_trade_no”校验失败", { field: "out_trade_no", location: "path" });
  await db.$transaction(async (tx) => {
    const t = await lockTrade(tx, { mchid: input.mchid, outTradeNo });
    // WeChat Pay answers 204 for an order it never saw and for one already closed.
    if (!t || t.tradeState === "CLOSED") return;
    if (PAID.includes(t.tradeState)) throw apiErrors.orderPaid();
    await tx.sandboxPayTransaction.update({ where: { id: t.id }, data: { tradeState: "CLOSED", tradeStateDesc: tradeStateDesc.CLOSED } });
  });
}

/** The plaintext resource of TRANSACTION.SUCCESS. */
export function transactionResource(t: TradeRow) {
  return {
    mchid: t.mchid,
    appid: t.appid,
    out_trade_no: t.outTradeNo,
    transaction_id: t.transactionId,
    trade_type: t.tradeType,
    trade_state: t.tradeState,
    trade_state_desc: t.tradeStateDesc,
    bank_type: "OTHERS",
    attach: t.attach ?? "",
    success_time: t.successTime ? toWechatTime(t.successTime) : "",
    payer: { openid: t.payerOpenid ?? "" },
    amount: { total: t.amountTotal, payer_total: t.amountTotal, currency: "CNY", payer_currency: "CNY" },
  };
}

export type PayOutcome = "paid" | "already_paid" | "failed" | "closed" | "expired" | "not_found";

/** The cashier's "Pay": the order becomes SUCCESS (or PAYERROR under the fault) and TRANSACTION.SUCCESS is sent. */
export async function payOrder(prepayId: string, now = new Date()): Promise<PayOutcome> {
  return db.$transaction(async (tx) => {
    const t = await lockTrade(tx, { prepayId });
    if (!t) return "not_found";
    if (PAID.includes(t.tradeState)) return "already_paid";
    if (t.tradeState === "CLOSED") return "closed";
    if (t.timeExpire && t.timeExpire.getTime() < now.getTime()) return "expired";
    if (!PAYABLE.includes(t.tradeState)) return "closed";
    if (await consumeFault(tx, "paymentFails")) {
      await tx.sandboxPayTransaction.update({ where: { id: t.id }, data: { tradeState: "PAYERROR", tradeStateDesc: tradeStateDesc.PAYERROR } });
      return "failed";
    }
    const paid = await tx.sandboxPayTransaction.update({
      where: { id: t.id },
      data: { tradeState: "SUCCESS", tradeStateDesc: tradeStateDesc.SUCCESS, successTime: now, payerOpenid: t.payerOpenid ?? h5PayerOpenid(prepayId) },
      select: tradeSelect,
    });
    await createNotification(tx, {
      eventType: "TRANSACTION.SUCCESS",
      originalType: "transaction",
      resource: transactionResource(paid),
      notifyUrl: paid.notifyUrl,
      transactionId: paid.transactionId,
    });
    return "paid";
  });
}

/** What the cashier shows for a prepay id (null when unknown). */
export async function cashierOrder(prepayId: string) {
  const t = await loadTrade(db, { prepayId });
  if (!t) return null;
  return {
    outTradeNo: t.outTradeNo,
    description: t.description,
    amountFen: t.amountTotal,
    tradeType: t.tradeType,
    tradeState: t.tradeState,
    expired: Boolean(t.timeExpire && t.timeExpire.getTime() < Date.now()),
    appid: t.appid,
    mchid: t.mchid,
  };
}
