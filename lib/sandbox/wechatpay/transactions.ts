import "server-only";
// The sandbox's orders: JSAPI/H5 ordering, queries, closing, and the payment the cashier makes,
// through the direct merchant API (/v3/pay/transactions/…) and the service provider's partner
// API (/v3/pay/partner/transactions/…, for a sub-merchant bound to it: lib/sandbox/wechatpay/sub-merchants.ts).
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
import { requireBound } from "./sub-merchants";
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

const orderCommon = {
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
const direct = { appid: z.string().min(1).max(32), mchid: z.string().min(1).max(32), ...orderCommon };
const partner = {
  sp_appid: z.string().min(1).max(32),
  sp_mchid: z.string().min(1).max(32),
  sub_appid: z.string().min(1).max(32).optional(),
  sub_mchid: z.string().min(1).max(32),
  settle_info: z.object({ profit_sharing: z.boolean().optional(), subsidy_amount: z.number().int().min(0).optional() }).optional(),
  ...orderCommon,
};
const sceneInfo = z.object({
  payer_client_ip: z.string().min(1).max(45),
  device_id: z.string().max(32).optional(),
  h5_info: z.object({ type: z.string().min(1).max(32), app_name: z.string().optional(), app_url: z.string().optional() }),
});
const bodies = {
  direct: {
    JSAPI: z.object({ ...direct, payer: z.object({ openid: z.string().min(1).max(128) }) }),
    MWEB: z.object({ ...direct, scene_info: sceneInfo }),
  },
  partner: {
    // One of sp_openid (the buyer under sp_appid) and sub_openid (under sub_appid).
    JSAPI: z.object({ ...partner, payer: z.object({ sp_openid: z.string().min(1).max(128).optional(), sub_openid: z.string().min(1).max(128).optional() }) }),
    MWEB: z.object({ ...partner, scene_info: sceneInfo }),
  },
};

/** Which API a request came through: the merchant's own, or a service provider's for a sub-merchant. */
export type PayApi = "direct" | "partner";

export type TradeKind = "JSAPI" | "MWEB";

const tradeSelect = {
  id: true,
  mchid: true,
  appid: true,
  subMchid: true,
  subAppid: true,
  profitSharing: true,
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

function loadTrade(client: Tx | typeof db, where: { id: string } | { prepayId: string } | { transactionId: string } | { mchid_subMchid_outTradeNo: { mchid: string; subMchid: string; outTradeNo: string } }) {
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

/** The merchant a request is about: (mchid, "") direct, or (sp_mchid, sub_mchid) for a bound sub-merchant. */
async function payeeOf(api: PayApi, cfg: WechatPaySandboxConfig, ids: { mchid?: string; appid?: string; sp_mchid?: string; sp_appid?: string; sub_mchid?: string }, where: "body" | "query") {
  if (api === "direct") {
    checkMerchant(cfg, ids.mchid ?? "", ids.appid);
    return { mchid: ids.mchid!, subMchid: "" };
  }
  const sp = ids.sp_mchid ?? "";
  if (sp !== cfg.mchId) throw apiErrors.param("sp_mchid与请求签名中的商户号不一致", { field: where === "body" ? "/sp_mchid" : "sp_mchid", location: where, issue: "sp_mchid mismatch" });
  if (ids.sp_appid !== undefined && ids.sp_appid !== cfg.appId) throw apiErrors.appidMismatch();
  await requireBound(sp, ids.sub_mchid ?? "");
  return { mchid: sp, subMchid: ids.sub_mchid! };
}

/** An order request of either API, parsed and put in one shape. */
function orderRequest(kind: TradeKind, api: PayApi, body: unknown) {
  const common = (input: z.output<z.ZodObject<typeof orderCommon>>) => ({
    tradeType: kind,
    description: input.description,
    attach: input.attach ?? null,
    notifyUrl: input.notify_url,
    amountTotal: input.amount.total,
    timeExpire: input.time_expire ? parseWechatTime(input.time_expire) : null,
  });
  if (api === "direct") {
    const input = kind === "JSAPI" ? parseOrThrow(bodies.direct.JSAPI, body) : parseOrThrow(bodies.direct.MWEB, body);
    return {
      outTradeNo: input.out_trade_no,
      ids: { appid: input.appid, mchid: input.mchid },
      wanted: {
        ...common(input),
        appid: input.appid,
        subAppid: null,
        profitSharing: false,
        payerOpenid: "payer" in input ? input.payer.openid : null,
        payerClientIp: "scene_info" in input ? input.scene_info.payer_client_ip : null,
      },
    };
  }
  const input = kind === "JSAPI" ? parseOrThrow(bodies.partner.JSAPI, body) : parseOrThrow(bodies.partner.MWEB, body);
  if ("payer" in input) {
    if (!input.payer.sp_openid && !input.payer.sub_openid) {
      throw apiErrors.param("输入源“/body/payer”校验失败：sp_openid和sub_openid必须二选一", { field: "/payer", location: "body", issue: "sp_openid和sub_openid必须二选一" });
    }
    if (input.payer.sub_openid && !input.sub_appid) throw apiErrors.param("传入sub_openid时sub_appid必填", { field: "/sub_appid", location: "body", issue: "缺少必填参数" });
  }
  return {
    outTradeNo: input.out_trade_no,
    ids: { sp_appid: input.sp_appid, sp_mchid: input.sp_mchid, sub_mchid: input.sub_mchid },
    wanted: {
      ...common(input),
      appid: input.sp_appid,
      subAppid: input.sub_appid ?? null,
      profitSharing: Boolean(input.settle_info?.profit_sharing),
      payerOpenid: "payer" in input ? (input.payer.sp_openid ?? input.payer.sub_openid ?? null) : null,
      payerClientIp: "scene_info" in input ? input.scene_info.payer_client_ip : null,
    },
  };
}

/**
 * POST /v3/pay/transactions/jsapi and /h5, and their /v3/pay/partner/… twins. Same
 * out_trade_no and same parameters → the same prepay.
 */
export async function createOrder(kind: TradeKind, body: unknown, cfg: WechatPaySandboxConfig, api: PayApi = "direct"): Promise<{ prepay_id: string } | { h5_url: string }> {
  const { ids, wanted, outTradeNo } = orderRequest(kind, api, body);
  const who = await payeeOf(api, cfg, ids, "body");
  const answer = (prepayId: string) => (kind === "JSAPI" ? { prepay_id: prepayId } : { h5_url: h5Url(cfg, prepayId) });

  const existingAnswer = (t: TradeRow) => {
    if (PAID.includes(t.tradeState)) throw apiErrors.orderPaid();
    if (t.tradeState === "CLOSED") throw apiErrors.orderClosed();
    const same =
      t.appid === wanted.appid &&
      t.subAppid === wanted.subAppid &&
      t.profitSharing === wanted.profitSharing &&
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

  const key = { mchid_subMchid_outTradeNo: { mchid: who.mchid, subMchid: who.subMchid, outTradeNo } };
  const existing = await loadTrade(db, key);
  if (existing) return existingAnswer(existing);
  const now = new Date();
  const prepayId = newPrepayId(now);
  try {
    await db.sandboxPayTransaction.create({
      data: {
        mchid: who.mchid,
        subMchid: who.subMchid,
        outTradeNo,
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

/** Who a trade belongs to, as the API names it: {appid, mchid} or {sp_appid, sp_mchid, sub_appid?, sub_mchid}. */
function owner(t: Pick<TradeRow, "appid" | "mchid" | "subMchid" | "subAppid">) {
  return t.subMchid ? { sp_appid: t.appid, sp_mchid: t.mchid, ...(t.subAppid ? { sub_appid: t.subAppid } : {}), sub_mchid: t.subMchid } : { appid: t.appid, mchid: t.mchid };
}

/** The payer as the API names them: {openid}, or {sp_openid} for a partner trade. */
function payerOf(t: Pick<TradeRow, "subMchid" | "payerOpenid">) {
  return t.subMchid ? { sp_openid: t.payerOpenid ?? "" } : { openid: t.payerOpenid ?? "" };
}

/** The order as GET /v3/pay/transactions/… answers it. */
export function transactionView(t: TradeRow): Record<string, unknown> {
  const paid = PAID.includes(t.tradeState);
  return {
    ...owner(t),
    out_trade_no: t.outTradeNo,
    ...(paid ? { transaction_id: t.transactionId, trade_type: t.tradeType, bank_type: "OTHERS", success_time: t.successTime ? toWechatTime(t.successTime) : undefined } : {}),
    trade_state: t.tradeState,
    trade_state_desc: t.tradeStateDesc,
    attach: t.attach ?? "",
    ...(paid && t.payerOpenid ? { payer: payerOf(t) } : {}),
    amount: paid ? { total: t.amountTotal, payer_total: t.amountTotal, currency: "CNY", payer_currency: "CNY" } : { total: t.amountTotal, currency: "CNY", payer_currency: "CNY" },
    promotion_detail: [],
  };
}

/** The merchant named in a query string: ?mchid= (direct) or ?sp_mchid=&sub_mchid= (partner). */
async function queryPayee(api: PayApi, url: URL, cfg: WechatPaySandboxConfig) {
  const names = api === "direct" ? ["mchid"] : ["sp_mchid", "sub_mchid"];
  for (const n of names) {
    if (!url.searchParams.get(n)) throw apiErrors.param(`输入源“/query/${n}”缺少必填参数`, { field: n, location: "query", issue: "缺少必填参数" });
  }
  const q = Object.fromEntries(names.map((n) => [n, url.searchParams.get(n)!]));
  if (api === "direct" && q.mchid !== cfg.mchId) throw apiErrors.param("mchid与请求签名中的商户号不一致", { field: "mchid", location: "query", issue: "mchid mismatch" });
  return payeeOf(api, cfg, q, "query");
}

/** GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid= (partner: ?sp_mchid=&sub_mchid=) */
export async function queryByOutTradeNo(outTradeNo: string, url: URL, cfg: WechatPaySandboxConfig, api: PayApi = "direct") {
  const who = await queryPayee(api, url, cfg);
  const t = await loadTrade(db, { mchid_subMchid_outTradeNo: { mchid: who.mchid, subMchid: who.subMchid, outTradeNo } });
  if (!t) throw apiErrors.orderNotExist();
  return transactionView(t);
}

/** GET /v3/pay/transactions/id/{transaction_id}?mchid= (paid orders only, as WeChat Pay). */
export async function queryByTransactionId(transactionId: string, url: URL, cfg: WechatPaySandboxConfig, api: PayApi = "direct") {
  const who = await queryPayee(api, url, cfg);
  const t = await loadTrade(db, { transactionId });
  if (!t || t.mchid !== who.mchid || t.subMchid !== who.subMchid || !PAID.includes(t.tradeState)) throw apiErrors.orderNotExist();
  return transactionView(t);
}

async function lockTrade(tx: Tx, where: { outTradeNo: string; mchid: string; subMchid: string } | { prepayId: string }) {
  const rows =
    "prepayId" in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SandboxPayTransaction" WHERE "prepayId" = ${where.prepayId} FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SandboxPayTransaction" WHERE mchid = ${where.mchid} AND "subMchid" = ${where.subMchid} AND "outTradeNo" = ${where.outTradeNo} FOR UPDATE`;
  return rows[0] ? loadTrade(tx, { id: rows[0].id }) : null;
}

const closeBodies = {
  direct: z.object({ mchid: z.string().min(1).max(32) }),
  partner: z.object({ sp_mchid: z.string().min(1).max(32), sub_mchid: z.string().min(1).max(32) }),
};

/** POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close (partner: {sp_mchid, sub_mchid}) → 204; a paid order → ORDERPAID. */
export async function closeOrder(outTradeNo: string, body: unknown, cfg: WechatPaySandboxConfig, api: PayApi = "direct"): Promise<void> {
  const input = parseOrThrow(closeBodies[api] as z.ZodType<Record<string, string>>, body);
  const who = await payeeOf(api, cfg, input, "body");
  if (!OUT_TRADE_NO.test(outTradeNo)) throw apiErrors.param("输入源“/path/out_trade_no”校验失败", { field: "out_trade_no", location: "path" });
  await db.$transaction(async (tx) => {
    const t = await lockTrade(tx, { mchid: who.mchid, subMchid: who.subMchid, outTradeNo });
    // WeChat Pay answers 204 for an order it never saw and for one already closed.
    if (!t || t.tradeState === "CLOSED") return;
    if (PAID.includes(t.tradeState)) throw apiErrors.orderPaid();
    await tx.sandboxPayTransaction.update({ where: { id: t.id }, data: { tradeState: "CLOSED", tradeStateDesc: tradeStateDesc.CLOSED } });
  });
}

/** The plaintext resource of TRANSACTION.SUCCESS. */
export function transactionResource(t: TradeRow) {
  return {
    ...owner(t),
    out_trade_no: t.outTradeNo,
    transaction_id: t.transactionId,
    trade_type: t.tradeType,
    trade_state: t.tradeState,
    trade_state_desc: t.tradeStateDesc,
    bank_type: "OTHERS",
    attach: t.attach ?? "",
    success_time: t.successTime ? toWechatTime(t.successTime) : "",
    payer: payerOf(t),
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
    subMchid: t.subMchid || null,
    profitSharing: t.profitSharing,
  };
}
