import "server-only";
// The sandbox's trade bill (交易账单), as WeChat Pay serves it:
//   GET /v3/bill/tradebill?bill_date=YYYY-MM-DD[&sub_mchid=][&bill_type=ALL|SUCCESS|REFUND]
//     → {hash_type: "SHA1", hash_value, download_url}; only for a day already over (Beijing
//       time), 400 NO_STATEMENT_EXIST when it had no trade
//   GET /v3/billdownload/file?token=…   the file itself: the request signed, the answer not
// The file is CSV: a header row and one row per payment or refund of the day, every value
// prefixed with a backtick (so spreadsheets keep long numbers), amounts in yuan; then a summary
// header and row, starting with a UTF-8 byte-order mark as WeChat Pay's files do (SDKs cut it
// before splitting; the SHA1 covers it). A service provider's bill without sub_mchid covers all
// its sub-merchants.
//   GET /v3/profitsharing/bills?bill_date=YYYY-MM-DD[&sub_mchid=]   the profit-sharing bill (分账账单)
//     → the same link; one row per share, unfreeze or return (回退) that succeeded that day
//     (WeChat Pay leaves out what did not), amounts in yuan, then a summary header and row. Its
//     columns are the ones WeChat Pay documents for its profit-sharing bill (create_time,
//     initiator, sponsor, sub_mchid, transaction_id, order_id, out_order_no, detail_id,
//     receiver_account, amount, currency, settlement_amount, settlement_currency, exchange_rate,
//     business_type, status, description); business_type is 分账, 解冻 or 回退. The summary's
//     columns are not documented: ours are the count and the three totals.
// The file is written when the link is asked for, so the faults (billDropLine, billAlterLine;
// shareBillDropLine, shareBillAlterLine) change exactly the file whose hash the link carries.
import crypto from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { WechatPaySandboxConfig } from "@/lib/payments/wechatpay/config";
import { consumeFault } from "./faults";
import { apiErrors, PayApiError, platformSignatureHeaders } from "./protocol";
import { requireBound } from "./sub-merchants";
import { parseOrThrow } from "./validation";

export const TRADE_BILL_HEADER = [
  "交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类",
  "应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率",
  "订单金额", "申请退款金额", "费率备注",
];
export const SHARE_BILL_HEADER = [
  "create_time", "initiator", "sponsor", "sub_mchid", "transaction_id", "order_id", "out_order_no", "detail_id", "receiver_account", "amount", "currency",
  "settlement_amount", "settlement_currency", "exchange_rate", "business_type", "status", "description",
];
export const SHARE_BILL_SUMMARY_HEADER = ["total_count", "share_amount", "unfreeze_amount", "return_amount"];
export const TRADE_BILL_SUMMARY_HEADER = ["总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额"];
/** The sandbox's payment fee (WeChat Pay's usual 0.6%), shown in the bill; the platform does not reconcile it. */
const RATE = 0.006;
const DAY_MS = 86_400_000;

const yuan = (fen: number) => (fen / 100).toFixed(2);
const tick = (v: string) => `\`${v}`;
/** Beijing-time "YYYY-MM-DD HH:mm:ss". */
const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
/** The instant a Beijing-time day starts. */
const dayStart = (billDate: string) => new Date(`${billDate}T00:00:00+08:00`);
export const beijingDate = (d = new Date()) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const billQuery = z.object({
  bill_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "bill_date格式应为YYYY-MM-DD" }),
  sub_mchid: z.string().regex(/^\d{8,12}$/, { error: "sub_mchid格式错误" }).optional(),
  bill_type: z.enum(["ALL", "SUCCESS", "REFUND"], { error: "bill_type取值错误" }).optional(),
  tar_type: z.literal("GZIP", { error: "tar_type取值错误" }).optional(),
});

/** The rows of a day's bill: payments by success time, refunds by success time. */
async function billRows(cfg: WechatPaySandboxConfig, billDate: string, subMchid: string | undefined, billType: "ALL" | "SUCCESS" | "REFUND") {
  const from = dayStart(billDate);
  const to = new Date(from.getTime() + DAY_MS);
  const scope = { mchid: cfg.mchId, ...(subMchid ? { subMchid } : {}) };
  const [trades, refunds] = await Promise.all([
    billType === "REFUND" ? [] : db.sandboxPayTransaction.findMany({ where: { ...scope, successTime: { gte: from, lt: to } }, orderBy: { successTime: "asc" }, select: { appid: true, mchid: true, subMchid: true, transactionId: true, outTradeNo: true, payerOpenid: true, tradeType: true, amountTotal: true, description: true, attach: true, successTime: true } }),
    billType === "SUCCESS" ? [] : db.sandboxPayRefund.findMany({ where: { ...scope, status: "SUCCESS", successTime: { gte: from, lt: to } }, orderBy: { successTime: "asc" }, select: { mchid: true, subMchid: true, transactionId: true, outTradeNo: true, refundId: true, outRefundNo: true, amountRefund: true, amountTotal: true, successTime: true } }),
  ]);
  const byTx = new Map((await db.sandboxPayTransaction.findMany({ where: { transactionId: { in: refunds.map((r) => r.transactionId) } }, select: { transactionId: true, appid: true, payerOpenid: true, tradeType: true, description: true } })).map((t) => [t.transactionId, t]));
  const fee = (fen: number) => Math.round(fen * RATE);
  const rows: { at: Date; cells: string[]; settle: number; refund: number; fee: number; order: number; asked: number }[] = [];
  for (const t of trades) {
    rows.push({
      at: t.successTime!,
      cells: [beijing(t.successTime!), t.appid, t.mchid, t.subMchid, "", t.transactionId ?? "", t.outTradeNo, t.payerOpenid ?? "", t.tradeType, "SUCCESS", "OTHERS", "CNY", yuan(t.amountTotal), "0.00", "0", "0", "0.00", "0.00", "", "", t.description, t.attach ?? "", yuan(fee(t.amountTotal)), "0.60%", yuan(t.amountTotal), "0.00", ""],
      settle: t.amountTotal,
      refund: 0,
      fee: fee(t.amountTotal),
      order: t.amountTotal,
      asked: 0,
    });
  }
  for (const r of refunds) {
    const t = byTx.get(r.transactionId);
    rows.push({
      at: r.successTime!,
      cells: [beijing(r.successTime!), t?.appid ?? "", r.mchid, r.subMchid, "", r.transactionId, r.outTradeNo, t?.payerOpenid ?? "", t?.tradeType ?? "", "REFUND", "OTHERS", "CNY", "0.00", "0.00", r.refundId, r.outRefundNo, yuan(r.amountRefund), "0.00", "ORIGINAL", "SUCCESS", t?.description ?? "", "", yuan(-fee(r.amountRefund)), "0.60%", "0.00", yuan(r.amountRefund), ""],
      settle: 0,
      refund: r.amountRefund,
      fee: -fee(r.amountRefund),
      order: 0,
      asked: r.amountRefund,
    });
  }
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function csvOf(rows: Awaited<ReturnType<typeof billRows>>): string {
  const line = (cells: string[]) => cells.map(tick).join(",");
  const sum = (k: "settle" | "refund" | "fee" | "order" | "asked") => rows.reduce((s, r) => s + r[k], 0);
  return "\uFEFF" + [
    TRADE_BILL_HEADER.join(","),
    ...rows.map((r) => line(r.cells)),
    TRADE_BILL_SUMMARY_HEADER.join(","),
    line([String(rows.length), yuan(sum("settle")), yuan(sum("refund")), "0.00", yuan(sum("fee")), yuan(sum("order")), yuan(sum("asked"))]),
  ].join("\r\n") + "\r\n";
}

/** GET /v3/bill/tradebill */
export async function tradeBill(url: URL, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const q = parseOrThrow(billQuery, Object.fromEntries(url.searchParams), "query");
  if (q.tar_type) throw apiErrors.invalidRequest("沙箱不提供压缩账单，请不填tar_type");
  if (q.sub_mchid) await requireBound(cfg.mchId, q.sub_mchid);
  // A day's bill exists once the day is over in Beijing.
  if (q.bill_date >= beijingDate()) throw apiErrors.invalidRequest("账单日期须早于今天");
  const rows = await billRows(cfg, q.bill_date, q.sub_mchid, q.bill_type ?? "ALL");
  if (!rows.length) throw new PayApiError(400, "NO_STATEMENT_EXIST", "账单文件不存在");
  // Faults: one line left out, or one line's amount changed (the first payment's, else the first line's).
  if (await consumeFault(db, "billDropLine")) rows.splice(0, 1);
  else if (await consumeFault(db, "billAlterLine")) {
    const r = rows.find((x) => x.settle > 0) ?? rows[0];
    const col = r.settle > 0 ? 12 : 16;
    r.cells[col] = yuan(Math.round(Number(r.cells[col]) * 100) + 1);
  }
  return billLink(cfg, "TRADE", q.bill_date, q.sub_mchid, csvOf(rows));
}

const shareBillQuery = z.object({
  bill_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "bill_date格式应为YYYY-MM-DD" }),
  sub_mchid: z.string().regex(/^\d{8,12}$/, { error: "sub_mchid格式错误" }).optional(),
  tar_type: z.literal("GZIP", { error: "tar_type取值错误" }).optional(),
});

type ShareBillRow = { at: Date; kind: "分账" | "解冻" | "回退"; amount: number; cells: string[] };

/** The rows of a day's profit-sharing bill: each receiver line of a share or unfreeze that succeeded, each return. */
async function shareBillRows(cfg: WechatPaySandboxConfig, billDate: string, subMchid: string | undefined): Promise<ShareBillRow[]> {
  const from = dayStart(billDate);
  const to = new Date(from.getTime() + DAY_MS);
  const scope = { spMchid: cfg.mchId, ...(subMchid ? { subMchid } : {}) };
  const [orders, returns] = await Promise.all([
    db.sandboxPayShareOrder.findMany({ where: { ...scope, state: "FINISHED", finishedAt: { gte: from, lt: to } }, orderBy: { finishedAt: "asc" }, select: { subMchid: true, transactionId: true, orderId: true, outOrderNo: true, unfreeze: true, receivers: true, createdAt: true, finishedAt: true } }),
    db.sandboxPayShareReturn.findMany({ where: { ...scope, result: "SUCCESS", finishTime: { gte: from, lt: to } }, orderBy: { finishTime: "asc" }, select: { subMchid: true, transactionId: true, returnId: true, outReturnNo: true, returnMchid: true, amount: true, description: true, createdAt: true, finishTime: true } }),
  ]);
  const row = (at: Date, kind: ShareBillRow["kind"], amount: number, v: { created: Date; sponsor: string; sub: string; tx: string; id: string; outNo: string; detail: string; receiver: string; description: string }): ShareBillRow => ({
    at,
    kind,
    amount,
    cells: [beijing(v.created), cfg.mchId, v.sponsor, v.sub, v.tx, v.id, v.outNo, v.detail, v.receiver, yuan(amount), "CNY", yuan(amount), "CNY", "1", kind, "SUCCESS", v.description],
  });
  const rows: ShareBillRow[] = [];
  for (const o of orders) {
    for (const r of o.receivers as { account: string; amount: number; result: string; detail_id: string; description: string }[]) {
      if (r.result !== "SUCCESS") continue;
      const toSelf = r.account === o.subMchid;
      rows.push(row(o.finishedAt!, toSelf ? "解冻" : "分账", r.amount, { created: o.createdAt, sponsor: o.subMchid, sub: o.subMchid, tx: o.transactionId, id: o.orderId, outNo: o.outOrderNo, detail: r.detail_id, receiver: r.account, description: r.description }));
    }
  }
  // A return moves money from the receiver back to the sub-merchant: the receiver pays it.
  for (const r of returns) rows.push(row(r.finishTime!, "回退", r.amount, { created: r.createdAt, sponsor: r.returnMchid, sub: r.subMchid, tx: r.transactionId, id: r.returnId, outNo: r.outReturnNo, detail: "", receiver: r.subMchid, description: r.description }));
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function shareCsvOf(rows: ShareBillRow[]): string {
  const line = (cells: string[]) => cells.map(tick).join(",");
  const sum = (kind: ShareBillRow["kind"]) => yuan(rows.filter((r) => r.kind === kind).reduce((s, r) => s + r.amount, 0));
  return "\uFEFF" + [SHARE_BILL_HEADER.join(","), ...rows.map((r) => line(r.cells)), SHARE_BILL_SUMMARY_HEADER.join(","), line([String(rows.length), sum("分账"), sum("解冻"), sum("回退")])].join("\r\n") + "\r\n";
}

/** GET /v3/profitsharing/bills */
export async function profitSharingBill(url: URL, cfg: WechatPaySandboxConfig): Promise<Record<string, unknown>> {
  const q = parseOrThrow(shareBillQuery, Object.fromEntries(url.searchParams), "query");
  if (q.tar_type) throw apiErrors.invalidRequest("沙箱不提供压缩账单，请不填tar_type");
  if (q.sub_mchid) await requireBound(cfg.mchId, q.sub_mchid);
  if (q.bill_date >= beijingDate()) throw apiErrors.invalidRequest("账单日期须早于今天");
  const rows = await shareBillRows(cfg, q.bill_date, q.sub_mchid);
  if (!rows.length) throw new PayApiError(400, "NO_STATEMENT_EXIST", "账单文件不存在");
  // Faults: the first row left out, or its amount one fen more.
  if (await consumeFault(db, "shareBillDropLine")) rows.splice(0, 1);
  else if (await consumeFault(db, "shareBillAlterLine")) rows[0].cells[9] = yuan(rows[0].amount + 1);
  return billLink(cfg, "PROFIT_SHARING", q.bill_date, q.sub_mchid, shareCsvOf(rows));
}

async function billLink(cfg: WechatPaySandboxConfig, kind: "TRADE" | "PROFIT_SHARING", billDate: string, subMchid: string | undefined, content: string) {
  const token = crypto.randomBytes(24).toString("base64url");
  await db.sandboxPayBill.create({ data: { token, kind, billDate, subMchid: subMchid ?? "", content } });
  return {
    hash_type: "SHA1",
    hash_value: crypto.createHash("sha1").update(content, "utf8").digest("hex"),
    download_url: `${env().APP_URL}/sandbox/wechatpay/v3/billdownload/file?token=${token}`,
  };
}

/** GET /v3/billdownload/file?token=: the file (the caller already checked the request's signature); errors are signed JSON. */
export async function downloadBill(url: URL, cfg: WechatPaySandboxConfig): Promise<Response> {
  const token = url.searchParams.get("token") ?? "";
  // WeChat Pay's links are good for 30 seconds; the sandbox's for an hour of (scaled) time.
  const bill = await db.sandboxPayBill.findUnique({ where: { token }, select: { content: true, createdAt: true } });
  if (!bill || Date.now() - bill.createdAt.getTime() > 3_600_000) {
    const body = JSON.stringify(apiErrors.resourceNotExists("账单下载地址不存在或已过期").toJSON());
    return new Response(body, { status: 404, headers: { "Content-Type": "application/json", ...platformSignatureHeaders(body, cfg) } });
  }
  return new Response(bill.content, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
