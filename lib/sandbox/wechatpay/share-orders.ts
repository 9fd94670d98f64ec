import "server-only";
// The sandbox's profit-sharing orders, as WeChat Pay's partner API v3 serves them:
//   POST /v3/profitsharing/orders                         share part of a frozen payment
//   GET  /v3/profitsharing/orders/{out_order_no}          ?sub_mchid=&transaction_id=
//   POST /v3/profitsharing/orders/unfreeze                unfreeze what is left to the sub-merchant
//   POST /v3/profitsharing/return-orders                  a receiver gives part of a share back
//   GET  /v3/profitsharing/return-orders/{out_return_no}  ?sub_mchid=&out_order_no=
//   GET  /v3/profitsharing/transactions/{transaction_id}/amounts
// A payment made with settle_info.profit_sharing stays frozen in the sub-merchant's account
// (unsplit) until it is shared or unfrozen; refunds come out of the unsplit money first, then
// the sub-merchant's available balance (subMerchantAccount; refused NOT_ENOUGH beyond both). Shares
// and unfreezes start PROCESSING and finish after a (time-scaled) delay on the job queue; the
// faults make a share's receivers end CLOSED (ACCOUNT_ABNORMAL) or an unfreeze stay PROCESSING.
// out_order_no / out_return_no make every call idempotent: the same request answers the same.
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { enqueue } from "@/lib/jobs/queue";
import type { JobResult } from "@/lib/jobs/worker";
import { sandboxConfig, type WechatPaySandboxConfig } from "@/lib/payments/wechatpay/config";
import { randomString, toWechatTime } from "@/lib/payments/wechatpay/crypto";
import { consumeFault } from "./faults";
import { apiErrors, PayApiError } from "./protocol";
import { requireBound, subMerchant } from "./sub-merchants";
import { parseOrThrow } from "./validation";

export const SHARE_QUEUE = "sandbox.wechatpay.share";
/** Seconds from request to a finished share or unfreeze, before WECHATPAY_SANDBOX_TIME_SCALE. */
export const SHARE_FINISH_SECONDS = 5;
/** How long an unfreeze held by the fault stays PROCESSING before it is tried again: 30 s, not time-scaled (it is meant to be seen). */
const STUCK_RETRY_MS = 30_000;
const MAX_RECEIVERS = 50;

const MCH_ID = /^\d{8,12}$/;
const OUT_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;
const outNo = z.string().regex(OUT_NO, { error: "长度须为1-64个字符，只能是数字、大小写字母_-|*@" });
const fen = z.number({ error: "必须是整数" }).int({ error: "必须是整数" }).min(1, { error: "值低于最小值1" }).max(10_000_000_000);
const DIGITS = "0123456789";

export interface ShareReceiver {
  type: string;
  account: string;
  amount: number;
  description: string;
  result: "PENDING" | "SUCCESS" | "CLOSED";
  fail_reason?: string;
  detail_id: string;
  create_time: string;
  finish_time?: string;
}

const newShareOrderId = () => `30000${randomString(23, DIGITS)}`;
const newDetailId = () => `36011${randomString(23, DIGITS)}`;
const newReturnId = () => `90000${randomString(23, DIGITS)}`;

const shareBody = z.object({
  sub_mchid: z.string().regex(MCH_ID, { error: "sub_mchid格式错误" }),
  appid: z.string().min(1).max(32),
  sub_appid: z.string().max(32).optional(),
  transaction_id: z.string().min(1).max(32),
  out_order_no: outNo,
  receivers: z
    .array(
      z.object({
        type: z.enum(["MERCHANT_ID", "PERSONAL_OPENID", "PERSONAL_SUB_OPENID"], { error: "分账接收方类型错误" }),
        account: z.string().min(1).max(64),
        name: z.string().max(1024).optional(),
        amount: fen,
        description: z.string().min(1).max(80, { error: "长度不能超过80" }),
      }),
    )
    .min(1)
    .max(MAX_RECEIVERS, { error: "分账接收方不能超过50个" }),
  unfreeze_unsplit: z.boolean({ error: "unfreeze_unsplit必填" }),
});

const unfreezeBody = z.object({
  sub_mchid: z.string().regex(MCH_ID, { error: "sub_mchid格式错误" }),
  transaction_id: z.string().min(1).max(32),
  out_order_no: outNo,
  description: z.string().min(1).max(80, { error: "长度不能超过80" }),
});

const returnBody = z.object({
  sub_mchid: z.string().regex(MCH_ID, { error: "sub_mchid格式错误" }),
  order_id: z.string().min(1).max(64).optional(),
  out_order_no: outNo.optional(),
  out_return_no: outNo,
  return_mchid: z.string().regex(MCH_ID, { error: "return_mchid格式错误" }),
  amount: fen,
  description: z.string().min(1).max(80, { error: "长度不能超过80" }),
});

const orderSelect = { id: true, spMchid: true, subMchid: true, transactionId: true, outOrderNo: true, orderId: true, state: true, unfreeze: true, unfreezeUnsplit: true, receivers: true, createdAt: true, finishedAt: true } as const;
type OrderRow = { id: string; spMchid: string; subMchid: string; transactionId: string; outOrderNo: string; orderId: string; state: string; unfreeze: boolean; unfreezeUnsplit: boolean; receivers: unknown; createdAt: Date; finishedAt: Date | null };

const receiversOf = (o: OrderRow) => o.receivers as ShareReceiver[];

/** The share order as the API answers it. */
export function shareOrderView(o: OrderRow): Record<string, unknown> {
  return {
    sub_mchid: o.subMchid,
    transaction_id: o.transactionId,
    out_order_no: o.outOrderNo,
    order_id: o.orderId,
    state: o.state,
    receivers: receiversOf(o).map((r) => ({ ...r })),
  };
}

/**
 * What is still frozen of a payment: nothing once anything unfroze it; otherwise what was paid
 * less refunds (not CLOSED) and shares (not CLOSED).
 */
export async function unsplitOf(client: Tx | typeof db, transactionId: string, amountTotal: number): Promise<number> {
  const orders = (await client.sandboxPayShareOrder.findMany({ where: { transactionId }, select: orderSelect })) as OrderRow[];
  const refunds = await client.sandboxPayRefund.aggregate({ where: { transactionId, status: { not: "CLOSED" } }, _sum: { amountRefund: true } });
  return unsplitFrom(orders, refunds._sum.amountRefund ?? 0, amountTotal);
}

function unsplitFrom(orders: OrderRow[], refundedFen: number, amountTotal: number): number {
  if (orders.some((o) => o.unfreeze || (o.unfreezeUnsplit && o.state === "FINISHED"))) return 0;
  const shared = orders.flatMap(receiversOf).filter((r) => r.result !== "CLOSED").reduce((s, r) => s + r.amount, 0);
  return Math.max(0, amountTotal - shared - refundedFen);
}

async function lockSharedTrade(tx: Tx, spMchid: string, subMchid: string, transactionId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SandboxPayTransaction" WHERE mchid = ${spMchid} AND "subMchid" = ${subMchid} AND "transactionId" = ${transactionId} FOR UPDATE`;
  if (!rows[0]) throw apiErrors.resourceNotExists("订单不存在");
  const t = (await tx.sandboxPayTransaction.findUnique({ where: { id: rows[0].id }, select: { tradeState: true, amountTotal: true, profitSharing: true } }))!;
  if (t.tradeState !== "SUCCESS" && t.tradeState !== "REFUND") throw apiErrors.resourceNotExists("订单不存在");
  if (!t.profitSharing) throw apiErrors.invalidRequest("该笔订单不需要分账（下单时未指定profit_sharing）");
  return t;
}

const sameReceivers = (a: ShareReceiver[], b: { type: string; account: string; amount: number; description: string }[]) =>
  a.length === b.length && a.every((r, i) => r.type === b[i].type && r.account === b[i].account && r.amount === b[i].amount && r.description === b[i].description);

async function scheduleFinish(tx: Tx, id: string, cfg: WechatPaySandboxConfig, afterMs = SHARE_FINISH_SECONDS * 1000 * cfg.timeScale) {
  await enqueue(tx, SHARE_QUEUE, { id }, { runAt: new Date(Date.now() + afterMs), maxAttempts: 20 });
}

/** POST /v3/profitsharing/orders */
export async function createShareOrder(body: unknown, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const input = parseOrThrow(shareBody, body);
  if (input.appid !== cfg.appId) throw apiErrors.appidMismatch();
  const spMchid = cfg.mchId;
  await requireBound(spMchid, input.sub_mchid);
  try {
    return await db.$transaction(async (tx) => {
      const trade = await lockSharedTrade(tx, spMchid, input.sub_mchid, input.transaction_id);
      const existing = (await tx.sandboxPayShareOrder.findUnique({ where: { spMchid_subMchid_outOrderNo: { spMchid, subMchid: input.sub_mchid, outOrderNo: input.out_order_no } }, select: orderSelect })) as OrderRow | null;
      if (existing) {
        if (existing.transactionId === input.transaction_id && !existing.unfreeze && sameReceivers(receiversOf(existing).filter((r) => r.account !== input.sub_mchid), input.receivers)) return shareOrderView(existing);
        throw apiErrors.invalidRequest("商户分账单号重复，且与原分账请求参数不一致");
      }
      for (const r of input.receivers) {
        if (r.type !== "MERCHANT_ID") throw apiErrors.invalidRequest("沙箱仅支持商户号（MERCHANT_ID）分账接收方");
        const added = await tx.sandboxPayShareReceiver.count({ where: { spMchid, subMchid: input.sub_mchid, account: r.account } });
        if (!added) throw new PayApiError(400, "RECEIVER_INVALID", "分账接收方未添加，请先调用添加分账接收方接口");
      }
      const unsplit = await unsplitOf(tx, input.transaction_id, trade.amountTotal);
      const total = input.receivers.reduce((s, r) => s + r.amount, 0);
      if (unsplit === 0 && (await tx.sandboxPayShareOrder.count({ where: { transactionId: input.transaction_id, unfreeze: true } }))) throw apiErrors.invalidRequest("该笔订单已解冻，不能再分账");
      if (total > unsplit) throw new PayApiError(403, "NOT_ENOUGH", "分账金额超过订单剩余待分金额");
      // The sub-merchant's agreed cap, on the order amount, across every share of it.
      const sub = (await subMerchant(spMchid, input.sub_mchid, tx))!;
      const prior = (await tx.sandboxPayShareOrder.findMany({ where: { transactionId: input.transaction_id, unfreeze: false }, select: orderSelect })) as OrderRow[];
      const priorShared = prior.flatMap(receiversOf).filter((r) => r.result !== "CLOSED" && r.account !== input.sub_mchid).reduce((s, r) => s + r.amount, 0);
      if ((priorShared + total) * 10_000 > trade.amountTotal * sub.maxRatioBps) throw apiErrors.invalidRequest("分账金额超出最大分账比例");
      const now = toWechatTime(new Date());
      const receivers: ShareReceiver[] = input.receivers.map((r) => ({ type: r.type, account: r.account, amount: r.amount, description: r.description, result: "PENDING", detail_id: newDetailId(), create_time: now }));
      const order = (await tx.sandboxPayShareOrder.create({
        data: { spMchid, subMchid: input.sub_mchid, transactionId: input.transaction_id, outOrderNo: input.out_order_no, orderId: newShareOrderId(), state: "PROCESSING", unfreezeUnsplit: input.unfreeze_unsplit, receivers: receivers as object[] },
        select: orderSelect,
      })) as OrderRow;
      await scheduleFinish(tx, order.id, cfg);
      return shareOrderView(order);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw apiErrors.invalidRequest("商户分账单号重复，且与原分账请求参数不一致");
    throw e;
  }
}

/** POST /v3/profitsharing/orders/unfreeze */
export async function unfreezeOrder(body: unknown, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const input = parseOrThrow(unfreezeBody, body);
  const spMchid = cfg.mchId;
  await requireBound(spMchid, input.sub_mchid);
  try {
    return await db.$transaction(async (tx) => {
      const trade = await lockSharedTrade(tx, spMchid, input.sub_mchid, input.transaction_id);
      const existing = (await tx.sandboxPayShareOrder.findUnique({ where: { spMchid_subMchid_outOrderNo: { spMchid, subMchid: input.sub_mchid, outOrderNo: input.out_order_no } }, select: orderSelect })) as OrderRow | null;
      if (existing) {
        if (existing.unfreeze && existing.transactionId === input.transaction_id) return shareOrderView(existing);
        throw apiErrors.invalidRequest("商户分账单号重复，且与原分账请求参数不一致");
      }
      const processing = await tx.sandboxPayShareOrder.count({ where: { transactionId: input.transaction_id, state: "PROCESSING" } });
      if (processing) throw new PayApiError(429, "FREQUENCY_LIMITED", "该笔订单有分账请求处理中，请稍后再试");
      const unsplit = await unsplitOf(tx, input.transaction_id, trade.amountTotal);
      if (unsplit === 0 && (await tx.sandboxPayShareOrder.count({ where: { transactionId: input.transaction_id, OR: [{ unfreeze: true }, { unfreezeUnsplit: true }] } }))) throw apiErrors.invalidRequest("该笔订单已解冻");
      const now = toWechatTime(new Date());
      const receivers: ShareReceiver[] = [{ type: "MERCHANT_ID", account: input.sub_mchid, amount: unsplit, description: "解冻给分账方", result: "PENDING", detail_id: newDetailId(), create_time: now }];
      const order = (await tx.sandboxPayShareOrder.create({
        data: { spMchid, subMchid: input.sub_mchid, transactionId: input.transaction_id, outOrderNo: input.out_order_no, orderId: newShareOrderId(), state: "PROCESSING", unfreeze: true, receivers: receivers as object[] },
        select: orderSelect,
      })) as OrderRow;
      await scheduleFinish(tx, order.id, cfg);
      return shareOrderView(order);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw apiErrors.invalidRequest("商户分账单号重复，且与原分账请求参数不一致");
    throw e;
  }
}

/** GET /v3/profitsharing/orders/{out_order_no}?sub_mchid=&transaction_id= */
export async function queryShareOrder(outOrderNo: string, url: URL, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const subMchid = url.searchParams.get("sub_mchid") ?? "";
  const transactionId = url.searchParams.get("transaction_id") ?? "";
  if (!MCH_ID.test(subMchid)) throw apiErrors.param("sub_mchid必填", { field: "sub_mchid", location: "query" });
  if (!transactionId) throw apiErrors.param("transaction_id必填", { field: "transaction_id", location: "query" });
  await requireBound(cfg.mchId, subMchid);
  const o = (await db.sandboxPayShareOrder.findUnique({ where: { spMchid_subMchid_outOrderNo: { spMchid: cfg.mchId, subMchid, outOrderNo } }, select: orderSelect })) as OrderRow | null;
  if (!o || o.transactionId !== transactionId) throw apiErrors.resourceNotExists("记录不存在");
  return shareOrderView(o);
}

/** GET /v3/profitsharing/transactions/{transaction_id}/amounts */
export async function unsplitAmount(transactionId: string, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const t = await db.sandboxPayTransaction.findFirst({ where: { mchid: cfg.mchId, transactionId, tradeState: { in: ["SUCCESS", "REFUND"] } }, select: { amountTotal: true, subMchid: true, profitSharing: true } });
  if (!t) throw apiErrors.resourceNotExists("订单不存在");
  if (t.subMchid) await requireBound(cfg.mchId, t.subMchid);
  return { transaction_id: transactionId, unsplit_amount: t.profitSharing ? await unsplitOf(db, transactionId, t.amountTotal) : 0 };
}

/** Finishes a PROCESSING share or unfreeze (idempotent); an unfreeze held by the fault is tried again later. */
export async function finishShareOrder(id: string, cfg: WechatPaySandboxConfig, now = new Date()): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SandboxPayShareOrder" WHERE id = ${id} FOR UPDATE`;
    if (!locked[0]) return null;
    const o = (await tx.sandboxPayShareOrder.findUnique({ where: { id }, select: orderSelect })) as OrderRow;
    if (o.state !== "PROCESSING") return o.state;
    if (o.unfreeze && (await consumeFault(tx, "unfreezeStuck"))) {
      await scheduleFinish(tx, id, cfg, STUCK_RETRY_MS);
      return "PROCESSING";
    }
    const fails = !o.unfreeze && (await consumeFault(tx, "shareFails"));
    const at = toWechatTime(now);
    const receivers = receiversOf(o).map((r): ShareReceiver => (fails ? { ...r, result: "CLOSED", fail_reason: "ACCOUNT_ABNORMAL", finish_time: at } : { ...r, result: "SUCCESS", finish_time: at }));
    if (o.unfreezeUnsplit && !fails) {
      // What is left after this share is unfrozen to the sub-merchant, shown as its own line.
      const trade = (await tx.sandboxPayTransaction.findFirst({ where: { transactionId: o.transactionId }, select: { amountTotal: true } }))!;
      const shared = receivers.reduce((s, r) => s + r.amount, 0);
      const others = (await tx.sandboxPayShareOrder.findMany({ where: { transactionId: o.transactionId, id: { not: id } }, select: orderSelect })) as OrderRow[];
      const otherShared = others.flatMap(receiversOf).filter((r) => r.result !== "CLOSED").reduce((s, r) => s + r.amount, 0);
      const refunds = await tx.sandboxPayRefund.findMany({ where: { transactionId: o.transactionId, status: { not: "CLOSED" } }, select: { amountRefund: true } });
      const rest = Math.max(0, trade.amountTotal - shared - otherShared - refunds.reduce((s, r) => s + r.amountRefund, 0));
      if (rest > 0) receivers.push({ type: "MERCHANT_ID", account: o.subMchid, amount: rest, description: "解冻给分账方", result: "SUCCESS", detail_id: newDetailId(), create_time: at, finish_time: at });
    }
    await tx.sandboxPayShareOrder.update({ where: { id }, data: { state: "FINISHED", receivers: receivers as object[], finishedAt: now } });
    return "FINISHED";
  });
}

const returnSelect = { id: true, spMchid: true, subMchid: true, outOrderNo: true, orderId: true, outReturnNo: true, returnId: true, returnMchid: true, amount: true, description: true, result: true, failReason: true, transactionId: true, createdAt: true, finishTime: true } as const;

function returnView(r: { subMchid: string; orderId: string; outOrderNo: string; outReturnNo: string; returnId: string; returnMchid: string; amount: number; description: string; result: string; failReason: string | null; createdAt: Date; finishTime: Date | null }) {
  return {
    sub_mchid: r.subMchid,
    order_id: r.orderId,
    out_order_no: r.outOrderNo,
    out_return_no: r.outReturnNo,
    return_id: r.returnId,
    return_mchid: r.returnMchid,
    amount: r.amount,
    description: r.description,
    result: r.result,
    ...(r.failReason ? { fail_reason: r.failReason } : {}),
    create_time: toWechatTime(r.createdAt),
    ...(r.finishTime ? { finish_time: toWechatTime(r.finishTime) } : {}),
  };
}

/** POST /v3/profitsharing/return-orders: settled at once (WeChat Pay may answer PROCESSING; callers query). */
export async function createShareReturn(body: unknown, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const input = parseOrThrow(returnBody, body);
  if (!input.order_id && !input.out_order_no) throw apiErrors.param("order_id和out_order_no必须二选一", { field: "/out_order_no", location: "body", issue: "缺少必填参数" });
  const spMchid = cfg.mchId;
  await requireBound(spMchid, input.sub_mchid);
  try {
    return await db.$transaction(async (tx) => {
      const where = input.order_id ? { orderId: input.order_id } : { spMchid_subMchid_outOrderNo: { spMchid, subMchid: input.sub_mchid, outOrderNo: input.out_order_no! } };
      const share = (await tx.sandboxPayShareOrder.findUnique({ where, select: orderSelect })) as OrderRow | null;
      if (!share || share.subMchid !== input.sub_mchid || share.unfreeze) throw apiErrors.resourceNotExists("分账单不存在");
      await tx.$queryRaw`SELECT id FROM "SandboxPayShareOrder" WHERE id = ${share.id} FOR UPDATE`;
      const existing = await tx.sandboxPayShareReturn.findUnique({ where: { spMchid_subMchid_outReturnNo: { spMchid, subMchid: input.sub_mchid, outReturnNo: input.out_return_no } }, select: returnSelect });
      if (existing) {
        if (existing.orderId === share.orderId && existing.amount === input.amount && existing.returnMchid === input.return_mchid) return returnView(existing);
        throw apiErrors.invalidRequest("回退单号重复，且与原回退请求参数不一致");
      }
      const received = receiversOf(share).filter((r) => r.account === input.return_mchid && r.result === "SUCCESS").reduce((s, r) => s + r.amount, 0);
      const returned = (await tx.sandboxPayShareReturn.findMany({ where: { orderId: share.orderId, returnMchid: input.return_mchid, result: { not: "FAILED" } }, select: { amount: true } })).reduce((s, r) => s + r.amount, 0);
      if (received === 0) throw apiErrors.invalidRequest("回退方不是该分账单的分账接收方，或分账尚未成功");
      if (returned + input.amount > received) throw new PayApiError(403, "NOT_ENOUGH", "回退金额超过分账接收方已分得金额");
      const now = new Date();
      const r = await tx.sandboxPayShareReturn.create({
        data: { spMchid, subMchid: input.sub_mchid, outOrderNo: share.outOrderNo, orderId: share.orderId, outReturnNo: input.out_return_no, returnId: newReturnId(), returnMchid: input.return_mchid, amount: input.amount, description: input.description, result: "SUCCESS", transactionId: share.transactionId, finishTime: now },
        select: returnSelect,
      });
      return returnView(r);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw apiErrors.invalidRequest("回退单号重复，且与原回退请求参数不一致");
    throw e;
  }
}

/** GET /v3/profitsharing/return-orders/{out_return_no}?sub_mchid=&out_order_no= */
export async function queryShareReturn(outReturnNo: string, url: URL, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const subMchid = url.searchParams.get("sub_mchid") ?? "";
  const outOrderNo = url.searchParams.get("out_order_no") ?? "";
  if (!MCH_ID.test(subMchid)) throw apiErrors.param("sub_mchid必填", { field: "sub_mchid", location: "query" });
  if (!outOrderNo) throw apiErrors.param("out_order_no必填", { field: "out_order_no", location: "query" });
  await requireBound(cfg.mchId, subMchid);
  const r = await db.sandboxPayShareReturn.findUnique({ where: { spMchid_subMchid_outReturnNo: { spMchid: cfg.mchId, subMchid, outReturnNo } }, select: returnSelect });
  if (!r || r.outOrderNo !== outOrderNo) throw apiErrors.resourceNotExists("记录不存在");
  return returnView(r);
}

/**
 * A sub-merchant's money in the sandbox, from its transactions: frozen (unsplit), unfrozen to
 * it, shared to the platform (less returns), refunded, withdrawn, and what is available — the
 * balance a refund draws on once its payment's frozen money is not enough. Four queries
 * whatever the number of payments. For refunds, the inspector and the tests' books.
 */
export async function subMerchantAccount(client: Tx | typeof db, spMchid: string, subMchid: string) {
  const [trades, sub] = await Promise.all([
    client.sandboxPayTransaction.findMany({ where: { mchid: spMchid, subMchid, tradeState: { in: ["SUCCESS", "REFUND"] } }, select: { transactionId: true, amountTotal: true, profitSharing: true } }),
    client.sandboxPaySubMerchant.findUnique({ where: { spMchid_subMchid: { spMchid, subMchid } }, select: { withdrawnFen: true } }),
  ]);
  const ids = trades.map((t) => t.transactionId!);
  const [orders, returns, refunds] = await Promise.all([
    client.sandboxPayShareOrder.findMany({ where: { transactionId: { in: ids } }, select: orderSelect }) as Promise<OrderRow[]>,
    client.sandboxPayShareReturn.findMany({ where: { transactionId: { in: ids }, result: "SUCCESS" }, select: { amount: true } }),
    client.sandboxPayRefund.findMany({ where: { transactionId: { in: ids }, status: { not: "CLOSED" } }, select: { transactionId: true, amountRefund: true, fromAvailableFen: true, status: true } }),
  ]);
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);
  const live = orders.flatMap(receiversOf).filter((r) => r.result !== "CLOSED");
  const done = live.filter((r) => r.result === "SUCCESS");
  const ordersOf = new Map<string, OrderRow[]>();
  for (const o of orders) ordersOf.set(o.transactionId, [...(ordersOf.get(o.transactionId) ?? []), o]);
  const refundsOf = new Map<string, number>();
  for (const r of refunds) refundsOf.set(r.transactionId, (refundsOf.get(r.transactionId) ?? 0) + r.amountRefund);
  let frozen = 0;
  for (const t of trades) if (t.profitSharing) frozen += unsplitFrom(ordersOf.get(t.transactionId!) ?? [], refundsOf.get(t.transactionId!) ?? 0, t.amountTotal);
  const paid = sum(trades, (t) => t.amountTotal);
  const returned = sum(returns, (r) => r.amount);
  const withdrawn = sub?.withdrawnFen ?? 0;
  // Everything the account holds, less what is still frozen: refunds in flight count as gone.
  const total = paid - sum(refunds, (r) => r.amountRefund) - sum(live.filter((r) => r.account !== subMchid), (r) => r.amount) + returned - withdrawn;
  const settled = refunds.filter((r) => r.status === "SUCCESS");
  return {
    paid,
    refunded: sum(settled, (r) => r.amountRefund),
    /** Of `refunded`, what came out of the available balance (after the payment's money was unfrozen or shared). */
    refundedFromAvailable: sum(settled, (r) => r.fromAvailableFen),
    frozen,
    unfrozen: sum(done.filter((r) => r.account === subMchid), (r) => r.amount),
    shared: sum(done.filter((r) => r.account !== subMchid), (r) => r.amount),
    returned,
    withdrawn,
    available: Math.max(0, total - frozen),
  };
}

export const subMerchantBooks = (spMchid: string, subMchid: string) => subMerchantAccount(db, spMchid, subMchid);

/** The inspector's "withdraw": the sub-merchant takes its whole available balance to its bank. Answers the amount. */
export async function withdrawAvailable(tx: Tx, spMchid: string, subMchid: string): Promise<number> {
  const locked = await tx.$queryRaw<{ subMchid: string }[]>`SELECT "subMchid" FROM "SandboxPaySubMerchant" WHERE "spMchid" = ${spMchid} AND "subMchid" = ${subMchid} FOR UPDATE`;
  if (!locked[0]) return -1;
  const { available } = await subMerchantAccount(tx, spMchid, subMchid);
  if (available > 0) await tx.sandboxPaySubMerchant.update({ where: { spMchid_subMchid: { spMchid, subMchid } }, data: { withdrawnFen: { increment: available } } });
  return available;
}

export const shareJobHandlers = {
  [SHARE_QUEUE]: async (payload: unknown): Promise<JobResult> => {
    await finishShareOrder((payload as { id: string }).id, sandboxConfig());
  },
};
