import "server-only";
// Daily reconciliation against WeChat Pay: the day's trade bill (every payment and refund of
// every sub-merchant, downloaded and SHA1-checked) matched line by line against our payments
// and refunds, and the day's profit-sharing results (each fee share and unfreeze, queried)
// against our settlements. Anything on one side only, or differing in amount, payee or state,
// becomes a discrepancy admins see and resolve with a note (audited). A day is reconciled once
// (ReconRun); run again by hand (force), it replaces that day's unresolved discrepancies.
//
// One bill for the whole platform rather than one per sub-merchant: a service provider's bill
// without sub_mchid lists every sub-merchant's lines (特约商户号), so a line for a store we have
// no record of is seen too.
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { ReconKind } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { JobResult } from "@/lib/jobs/worker";
import { log } from "@/lib/log";
import { writeAudit } from "@/lib/protection/audit";
import { getPaymentsGateway, isWechatPayError } from "./gateway";

export const RECON_QUEUE = "payments.reconcileBills";
const DAY_MS = 86_400_000;

/** The Beijing-time date of an instant, YYYY-MM-DD. */
export const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

// ───────────── The bill ─────────────

export interface TradeBillLine {
  time: string;
  subMchid: string;
  transactionId: string;
  outTradeNo: string;
  /** SUCCESS (a payment) or REFUND (a refund line). */
  tradeState: string;
  currency: string;
  /** 应结订单金额 in fen (payment lines). */
  settleFen: number;
  refundId: string;
  outRefundNo: string;
  /** 退款金额 in fen (refund lines). */
  refundFen: number;
  refundStatus: string;
}

const fenOf = (yuan: string | undefined) => {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec((yuan ?? "").trim());
  if (!m) return NaN;
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0")));
};

/**
 * WeChat Pay's trade bill CSV: a header, detail lines whose every value starts with a backtick
 * (split on ",`", so a comma inside a value is kept), then a summary header and line. Columns
 * are read by their names. Throws on a file that is not one.
 */
export function parseTradeBill(text: string): { lines: TradeBillLine[]; summary: Record<string, string> } {
  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.length > 0);
  if (!rows.length) throw new Error("empty bill");
  const header = rows[0].split(",");
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`bill has no ${name} column`);
    return i;
  };
  const cols = {
    time: at("交易时间"), subMchid: at("特约商户号"), transactionId: at("微信订单号"), outTradeNo: at("商户订单号"), tradeState: at("交易状态"), currency: at("货币种类"),
    settle: at("应结订单金额"), refundId: at("微信退款单号"), outRefundNo: at("商户退款单号"), refund: at("退款金额"), refundStatus: at("退款状态"),
  };
  const summaryAt = rows.findIndex((r, i) => i > 0 && r.startsWith("总交易单数"));
  if (summaryAt < 0) throw new Error("bill has no summary");
  const values = (row: string) => {
    if (!row.startsWith("`")) throw new Error("bill line does not start with a backtick");
    return row.slice(1).split(",`");
  };
  const lines = rows.slice(1, summaryAt).map((row) => {
    const v = values(row);
    if (v.length !== header.length) throw new Error(`bill line has ${v.length} values, the header ${header.length}`);
    return {
      time: v[cols.time],
      subMchid: v[cols.subMchid],
      transactionId: v[cols.transactionId],
      outTradeNo: v[cols.outTradeNo],
      tradeState: v[cols.tradeState],
      currency: v[cols.currency],
      settleFen: fenOf(v[cols.settle]),
      refundId: v[cols.refundId],
      outRefundNo: v[cols.outRefundNo],
      refundFen: fenOf(v[cols.refund]),
      refundStatus: v[cols.refundStatus],
    };
  });
  const summaryHeader = rows[summaryAt].split(",");
  const summaryValues = rows[summaryAt + 1] ? values(rows[summaryAt + 1]) : [];
  return { lines, summary: Object.fromEntries(summaryHeader.map((h, i) => [h, summaryValues[i] ?? ""])) };
}

// ───────────── Matching ─────────────

interface Finding {
  kind: ReconKind;
  subject: "PAYMENT" | "REFUND" | "SHARE" | "UNFREEZE";
  ref: string;
  orderId?: string | null;
  storeId?: string | null;
  ours?: Record<string, unknown> | null;
  theirs?: Record<string, unknown> | null;
}

export interface ReconResult {
  billDate: string;
  billLines: number;
  matched: number;
  findings: Finding[];
}

/** Compares a day's bill and profit-sharing results with our books (reads only). */
export async function compareDay(billDate: string): Promise<ReconResult> {
  const gw = getPaymentsGateway();
  const from = new Date(`${billDate}T00:00:00+08:00`);
  const to = new Date(from.getTime() + DAY_MS);
  let lines: TradeBillLine[] = [];
  try {
    const link = await gw.tradeBill({ billDate });
    lines = parseTradeBill((await gw.downloadBill(link)).toString("utf8")).lines;
  } catch (e) {
    if (!isWechatPayError(e, "NO_STATEMENT_EXIST")) throw e; // a day without trades has no bill
  }
  const [payments, refunds, shares, unfreezes] = await Promise.all([
    db.payment.findMany({ where: { status: "SUCCESS", successTime: { gte: from, lt: to } }, select: { transactionId: true, amountFen: true, subMchid: true, orderId: true, order: { select: { storeId: true, store: { select: { mchId: true } } } } } }),
    db.refund.findMany({ where: { status: "SUCCESS", settledAt: { gte: from, lt: to } }, select: { outRefundNo: true, refundId: true, amountFen: true, orderId: true, order: { select: { storeId: true, transactionId: true } } } }),
    db.settlement.findMany({ where: { sharedAt: { gte: from, lt: to }, feeFen: { gt: 0 }, subMchid: { not: "" } }, select: { orderId: true, storeId: true, subMchid: true, transactionId: true, outOrderNo: true, feeFen: true } }),
    db.settlement.findMany({ where: { state: "SETTLED", settledAt: { gte: from, lt: to }, subMchid: { not: "" } }, select: { orderId: true, storeId: true, subMchid: true, transactionId: true, outOrderNo: true, netFen: true } }),
  ]);
  const findings: Finding[] = [];
  let matched = 0;

  // Payments, by transaction id.
  const billPayments = new Map(lines.filter((l) => l.tradeState !== "REFUND").map((l) => [l.transactionId, l]));
  for (const p of payments) {
    const ref = p.transactionId ?? "";
    const line = billPayments.get(ref);
    billPayments.delete(ref);
    const ours = { amountFen: p.amountFen, subMchid: p.subMchid ?? "" };
    if (!line) findings.push({ kind: "MISSING_IN_BILL", subject: "PAYMENT", ref, orderId: p.orderId, storeId: p.order.storeId, ours });
    else if (line.settleFen !== p.amountFen) findings.push({ kind: "AMOUNT_MISMATCH", subject: "PAYMENT", ref, orderId: p.orderId, storeId: p.order.storeId, ours, theirs: { amountFen: line.settleFen } });
    else if ((line.subMchid || "") !== (p.subMchid ?? "") || line.tradeState !== "SUCCESS" || line.currency !== "CNY") findings.push({ kind: "STATE_MISMATCH", subject: "PAYMENT", ref, orderId: p.orderId, storeId: p.order.storeId, ours, theirs: { subMchid: line.subMchid, tradeState: line.tradeState, currency: line.currency } });
    else matched++;
  }
  for (const [ref, line] of billPayments) findings.push({ kind: "MISSING_IN_BOOKS", subject: "PAYMENT", ref, theirs: { amountFen: line.settleFen, subMchid: line.subMchid, outTradeNo: line.outTradeNo, time: line.time } });

  // Refunds, by out_refund_no.
  const billRefunds = new Map(lines.filter((l) => l.tradeState === "REFUND").map((l) => [l.outRefundNo, l]));
  for (const r of refunds) {
    const line = billRefunds.get(r.outRefundNo);
    billRefunds.delete(r.outRefundNo);
    const ours = { amountFen: r.amountFen, refundId: r.refundId };
    if (!line) findings.push({ kind: "MISSING_IN_BILL", subject: "REFUND", ref: r.outRefundNo, orderId: r.orderId, storeId: r.order.storeId, ours });
    else if (line.refundFen !== r.amountFen) findings.push({ kind: "AMOUNT_MISMATCH", subject: "REFUND", ref: r.outRefundNo, orderId: r.orderId, storeId: r.order.storeId, ours, theirs: { amountFen: line.refundFen } });
    else if (line.refundStatus !== "SUCCESS") findings.push({ kind: "STATE_MISMATCH", subject: "REFUND", ref: r.outRefundNo, orderId: r.orderId, storeId: r.order.storeId, ours, theirs: { refundStatus: line.refundStatus } });
    else matched++;
  }
  for (const [ref, line] of billRefunds) findings.push({ kind: "MISSING_IN_BOOKS", subject: "REFUND", ref, theirs: { amountFen: line.refundFen, transactionId: line.transactionId, time: line.time } });

  // Profit sharing: what WeChat Pay says of each share and unfreeze we booked that day.
  for (const s of shares) {
    const share = await gw.queryShare({ subMchId: s.subMchid, transactionId: s.transactionId, outOrderNo: s.outOrderNo });
    const r = share?.receivers.find((x) => x.account === gw.mchId);
    const ours = { feeFen: s.feeFen };
    if (!share || !r) findings.push({ kind: "MISSING_IN_BILL", subject: "SHARE", ref: s.outOrderNo, orderId: s.orderId, storeId: s.storeId, ours });
    else if (r.amountFen !== s.feeFen) findings.push({ kind: "AMOUNT_MISMATCH", subject: "SHARE", ref: s.outOrderNo, orderId: s.orderId, storeId: s.storeId, ours, theirs: { amountFen: r.amountFen } });
    else if (r.result !== "SUCCESS") findings.push({ kind: "STATE_MISMATCH", subject: "SHARE", ref: s.outOrderNo, orderId: s.orderId, storeId: s.storeId, ours, theirs: { result: r.result, failReason: r.failReason } });
    else matched++;
  }
  for (const s of unfreezes) {
    const ref = `${s.outOrderNo}U`;
    const unfreeze = await gw.queryShare({ subMchId: s.subMchid, transactionId: s.transactionId, outOrderNo: ref });
    const r = unfreeze?.receivers.find((x) => x.account === s.subMchid);
    const ours = { netFen: s.netFen };
    if (!unfreeze || !r) findings.push({ kind: "MISSING_IN_BILL", subject: "UNFREEZE", ref, orderId: s.orderId, storeId: s.storeId, ours });
    else if (r.amountFen !== s.netFen) findings.push({ kind: "AMOUNT_MISMATCH", subject: "UNFREEZE", ref, orderId: s.orderId, storeId: s.storeId, ours, theirs: { amountFen: r.amountFen } });
    else if (r.result !== "SUCCESS") findings.push({ kind: "STATE_MISMATCH", subject: "UNFREEZE", ref, orderId: s.orderId, storeId: s.storeId, ours, theirs: { result: r.result } });
    else matched++;
  }
  return { billDate, billLines: lines.length, matched, findings };
}

/** Reconciles a day once (or again with force: that day's unresolved discrepancies are replaced). */
export async function reconcileDay(billDate: string, opts: { force?: boolean } = {}): Promise<ReconResult | null> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(billDate)) throw new AppError("VALIDATION", "billDate must be YYYY-MM-DD");
  const existing = await db.reconRun.findUnique({ where: { billDate }, select: { status: true } });
  if (existing?.status === "DONE" && !opts.force) return null;
  await db.reconRun.upsert({ where: { billDate }, create: { billDate, status: "RUNNING" }, update: { status: "RUNNING", error: null, startedAt: new Date(), finishedAt: null } });
  try {
    const result = await compareDay(billDate);
    await db.$transaction(async (tx) => {
      await tx.reconDiscrepancy.deleteMany({ where: { billDate, resolvedAt: null } });
      await tx.reconDiscrepancy.createMany({
        data: result.findings.map((f) => ({ billDate, kind: f.kind, subject: f.subject, ref: f.ref, orderId: f.orderId ?? null, storeId: f.storeId ?? null, ours: (f.ours ?? Prisma.JsonNull) as Prisma.InputJsonValue, theirs: (f.theirs ?? Prisma.JsonNull) as Prisma.InputJsonValue })),
        skipDuplicates: true, // a difference already resolved stays resolved
      });
      await tx.reconRun.update({ where: { billDate }, data: { status: "DONE", billLines: result.billLines, matched: result.matched, discrepancies: result.findings.length, finishedAt: new Date() } });
    });
    if (result.findings.length) log.warn("reconciliation found discrepancies", { billDate, count: result.findings.length });
    return result;
  } catch (e) {
    await db.reconRun.update({ where: { billDate }, data: { status: "FAILED", error: e instanceof Error ? e.message.slice(0, 300) : String(e), finishedAt: new Date() } });
    throw e;
  }
}

/** Recurring (hourly): yesterday's bill, once it exists (WeChat Pay has it from 10:00 Beijing time). */
export async function reconcileBillsJob(now = new Date()): Promise<JobResult> {
  const beijingHour = new Date(now.getTime() + 8 * 3600_000).getUTCHours();
  if (beijingHour < 10) return;
  await reconcileDay(beijingDate(new Date(now.getTime() - DAY_MS)));
}

// ───────────── Admins ─────────────

export async function listReconciliation(actor: Actor | null) {
  requireAdmin(actor);
  const [runs, open, resolved] = await Promise.all([
    db.reconRun.findMany({ orderBy: { billDate: "desc" }, take: 30 }),
    db.reconDiscrepancy.findMany({ where: { resolvedAt: null }, orderBy: [{ billDate: "desc" }, { createdAt: "asc" }], take: 200 }),
    db.reconDiscrepancy.findMany({ where: { resolvedAt: { not: null } }, orderBy: { resolvedAt: "desc" }, take: 50 }),
  ]);
  const orderIds = [...new Set([...open, ...resolved].map((d) => d.orderId).filter((x): x is string => !!x))];
  const orders = new Map((await db.order.findMany({ where: { id: { in: orderIds } }, select: { id: true, orderNo: true, store: { select: { name: true } } } })).map((o) => [o.id, o]));
  const withOrder = <T extends { orderId: string | null }>(d: T) => ({ ...d, orderNo: d.orderId ? (orders.get(d.orderId)?.orderNo ?? null) : null, storeName: d.orderId ? (orders.get(d.orderId)?.store.name ?? null) : null });
  return { runs, open: open.map(withOrder), resolved: resolved.map(withOrder) };
}

/** Admin: marks a discrepancy resolved, saying what was done. Audited. */
export async function resolveDiscrepancy(actor: Actor | null, id: string, note: string): Promise<void> {
  const admin = requireAdmin(actor);
  const text = note.trim();
  if (text.length < 2 || text.length > 500) throw new AppError("VALIDATION", "Say what was done (2–500 characters).", { fieldErrors: { note: ["reconNoteLength"] } });
  await db.$transaction(async (tx) => {
    const { count } = await tx.reconDiscrepancy.updateMany({ where: { id, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedById: admin.userId, note: text } });
    if (!count) {
      if (!(await tx.reconDiscrepancy.count({ where: { id } }))) throw new AppError("NOT_FOUND", "No such discrepancy");
      throw new AppError("INVALID_STATE", "Already resolved.", { details: { messageKey: "reconAlreadyResolved" } });
    }
    await writeAudit(tx, { actorId: admin.userId, action: "RECON_RESOLVE", subjectType: "ReconDiscrepancy", subjectId: id, reason: text });
  });
}
