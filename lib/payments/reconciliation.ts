import "server-only";
// Daily reconciliation against WeChat Pay: the day's trade bill (every payment and refund of
// every sub-merchant, downloaded and SHA1-checked) matched line by line against our payments
// and refunds, and the day's profit-sharing bill (each share, unfreeze and return that
// succeeded) against our settlements' fee shares, unfreezes and fee returns. Anything on one side only, or differing in amount, payee or state,
// becomes a discrepancy admins see and resolve with a note (audited). A day is reconciled once
// (ReconRun); run again by hand (force), it replaces that day's unresolved discrepancies.
//
// One bill of each kind for the whole platform rather than one per sub-merchant: a service
// provider's bill without sub_mchid lists every sub-merchant's lines, so a line for a store we
// have no record of is seen too. Around midnight the two sides can book one share on different
// days: a share missing from the day's bill is asked about (finished on another day: no
// difference), and a bill line missing from the day's books is looked for on any day.
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
 * A WeChat Pay bill CSV (trade or profit-sharing): a header, detail lines whose every value
 * starts with a backtick (split on ",`", so a comma inside a value is kept), then a summary
 * header (its first column `summaryFirst`) and line. Columns are read by their names. Throws on
 * a file that is not one.
 */
function readBill(text: string, summaryFirst: string, columns: Record<string, string>) {
  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.length > 0);
  if (!rows.length) throw new Error("empty bill");
  const header = rows[0].split(",");
  const cols = Object.fromEntries(
    Object.entries(columns).map(([key, name]) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`bill has no ${name} column`);
      return [key, i];
    }),
  );
  const summaryAt = rows.findIndex((r, i) => i > 0 && r.startsWith(summaryFirst));
  if (summaryAt < 0) throw new Error("bill has no summary");
  const values = (row: string) => {
    if (!row.startsWith("`")) throw new Error("bill line does not start with a backtick");
    return row.slice(1).split(",`");
  };
  const lines = rows.slice(1, summaryAt).map((row) => {
    const v = values(row);
    if (v.length !== header.length) throw new Error(`bill line has ${v.length} values, the header ${header.length}`);
    return Object.fromEntries(Object.entries(cols).map(([key, i]) => [key, v[i]]));
  });
  const summaryHeader = rows[summaryAt].split(",");
  const summaryValues = rows[summaryAt + 1] ? values(rows[summaryAt + 1]) : [];
  return { lines, summary: Object.fromEntries(summaryHeader.map((h, i) => [h, summaryValues[i] ?? ""])) };
}

const TRADE_COLUMNS = {
  time: "交易时间", subMchid: "特约商户号", transactionId: "微信订单号", outTradeNo: "商户订单号", tradeState: "交易状态", currency: "货币种类",
  settle: "应结订单金额", refundId: "微信退款单号", outRefundNo: "商户退款单号", refund: "退款金额", refundStatus: "退款状态",
};

/** WeChat Pay's trade bill (交易账单). */
export function parseTradeBill(text: string): { lines: TradeBillLine[]; summary: Record<string, string> } {
  const { lines, summary } = readBill(text, "总交易单数", TRADE_COLUMNS);
  return {
    lines: lines.map((v) => ({
      time: v.time,
      subMchid: v.subMchid,
      transactionId: v.transactionId,
      outTradeNo: v.outTradeNo,
      tradeState: v.tradeState,
      currency: v.currency,
      settleFen: fenOf(v.settle),
      refundId: v.refundId,
      outRefundNo: v.outRefundNo,
      refundFen: fenOf(v.refund),
      refundStatus: v.refundStatus,
    })),
    summary,
  };
}

export interface ShareBillLine {
  time: string;
  subMchid: string;
  transactionId: string;
  /** WeChat Pay's share order id, or its return id for 回退. */
  orderId: string;
  /** Our out_order_no, or out_return_no for 回退. */
  outOrderNo: string;
  receiver: string;
  amountFen: number;
  currency: string;
  /** 分账 (a share to a receiver), 解冻 (unfrozen to the sub-merchant) or 回退 (a receiver gave a share back). */
  businessType: string;
  status: string;
}

const SHARE_COLUMNS = {
  time: "create_time", subMchid: "sub_mchid", transactionId: "transaction_id", orderId: "order_id", outOrderNo: "out_order_no", receiver: "receiver_account",
  amount: "amount", currency: "currency", businessType: "business_type", status: "status",
};

/** WeChat Pay's profit-sharing bill (分账账单): only what succeeded, one line per receiver of a share, per unfreeze and per return. */
export function parseShareBill(text: string): { lines: ShareBillLine[]; summary: Record<string, string> } {
  const { lines, summary } = readBill(text, "total_count", SHARE_COLUMNS);
  return {
    lines: lines.map((v) => ({ time: v.time, subMchid: v.subMchid, transactionId: v.transactionId, orderId: v.orderId, outOrderNo: v.outOrderNo, receiver: v.receiver, amountFen: fenOf(v.amount), currency: v.currency, businessType: v.businessType, status: v.status })),
    summary,
  };
}

// ───────────── Matching ─────────────

interface Finding {
  kind: ReconKind;
  subject: "PAYMENT" | "REFUND" | "SHARE" | "UNFREEZE" | "RETURN";
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
  // A day without trades (or without shares) has no bill.
  const noBill = (e: unknown) => {
    if (!isWechatPayError(e, "NO_STATEMENT_EXIST")) throw e;
    return { lines: [] };
  };
  const { lines }: { lines: TradeBillLine[] } = await gw
    .tradeBill({ billDate })
    .then(async (link) => parseTradeBill((await gw.downloadBill(link)).toString("utf8")))
    .catch(noBill);
  const { lines: shareLines }: { lines: ShareBillLine[] } = gw.mode === "service_provider"
    ? await gw
        .profitSharingBill({ billDate })
        .then(async (link) => parseShareBill((await gw.downloadBill(link)).toString("utf8")))
        .catch(noBill)
    : { lines: [] };
  const [payments, refunds, shares, unfreezes, returnEvents] = await Promise.all([
    db.payment.findMany({ where: { status: "SUCCESS", successTime: { gte: from, lt: to } }, select: { transactionId: true, amountFen: true, subMchid: true, orderId: true, order: { select: { storeId: true, store: { select: { mchId: true } } } } } }),
    db.refund.findMany({ where: { status: "SUCCESS", settledAt: { gte: from, lt: to } }, select: { outRefundNo: true, refundId: true, amountFen: true, orderId: true, order: { select: { storeId: true, transactionId: true } } } }),
    db.settlement.findMany({ where: { sharedAt: { gte: from, lt: to }, feeFen: { gt: 0 }, subMchid: { not: "" } }, select: { orderId: true, storeId: true, subMchid: true, transactionId: true, outOrderNo: true, feeFen: true } }),
    db.settlement.findMany({ where: { state: "SETTLED", settledAt: { gte: from, lt: to }, subMchid: { not: "" } }, select: { orderId: true, storeId: true, subMchid: true, transactionId: true, outOrderNo: true, netFen: true } }),
    db.moneyEvent.findMany({ where: { type: "FEE_RETURNED", createdAt: { gte: from, lt: to } }, select: { orderId: true, data: true, order: { select: { storeId: true, settlement: { select: { subMchid: true, transactionId: true } } } } } }),
  ]);
  const feeReturns = returnEvents.map((e) => {
    const d = e.data as { outReturnNo: string; amountFen: number };
    return { orderId: e.orderId, storeId: e.order.storeId, outReturnNo: d.outReturnNo, amountFen: d.amountFen, subMchid: e.order.settlement?.subMchid ?? "", transactionId: e.order.settlement?.transactionId ?? "" };
  });
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

  // Profit sharing: the day's profit-sharing bill against each fee share, unfreeze and fee
  // return we booked that day, keyed by business type and out_order_no (out_return_no).
  const expected: { key: string; subject: Finding["subject"]; ref: string; orderId: string; storeId: string; amountFen: number; subMchid: string; transactionId: string; receiver: string }[] = [
    ...shares.map((s) => ({ key: `分账:${s.outOrderNo}`, subject: "SHARE" as const, ref: s.outOrderNo, orderId: s.orderId, storeId: s.storeId, amountFen: s.feeFen, subMchid: s.subMchid, transactionId: s.transactionId, receiver: gw.mchId })),
    ...unfreezes.map((s) => ({ key: `解冻:${s.outOrderNo}U`, subject: "UNFREEZE" as const, ref: `${s.outOrderNo}U`, orderId: s.orderId, storeId: s.storeId, amountFen: s.netFen, subMchid: s.subMchid, transactionId: s.transactionId, receiver: s.subMchid })),
    ...feeReturns.map((r) => ({ key: `回退:${r.outReturnNo}`, subject: "RETURN" as const, ref: r.outReturnNo, orderId: r.orderId, storeId: r.storeId, amountFen: r.amountFen, subMchid: r.subMchid, transactionId: r.transactionId, receiver: r.subMchid })),
  ];
  const billShares = new Map(shareLines.map((l) => [`${l.businessType}:${l.outOrderNo}`, l]));
  for (const e of expected) {
    const line = billShares.get(e.key);
    billShares.delete(e.key);
    const ours = { amountFen: e.amountFen, receiver: e.receiver };
    const where = { ref: e.ref, orderId: e.orderId, storeId: e.storeId, subject: e.subject };
    if (!line) {
      // Not in this day's bill: a difference, unless WeChat Pay finished it on another day (around midnight).
      if (await finishedOnAnotherDay(e, from, to)) matched++;
      else findings.push({ kind: "MISSING_IN_BILL", ...where, ours });
    } else if (line.amountFen !== e.amountFen) findings.push({ kind: "AMOUNT_MISMATCH", ...where, ours, theirs: { amountFen: line.amountFen } });
    else if (line.receiver !== e.receiver || line.subMchid !== e.subMchid || line.status !== "SUCCESS" || line.currency !== "CNY") findings.push({ kind: "STATE_MISMATCH", ...where, ours, theirs: { receiver: line.receiver, subMchid: line.subMchid, status: line.status, currency: line.currency } });
    else matched++;
  }
  for (const line of billShares.values()) {
    const subject = line.businessType === "回退" ? "RETURN" : line.businessType === "解冻" ? "UNFREEZE" : "SHARE";
    // Booked by us on another day (the other side of midnight), the same amount: not a difference.
    if (await bookedOnAnotherDay(subject, line)) {
      matched++;
      continue;
    }
    findings.push({ kind: "MISSING_IN_BOOKS", subject, ref: line.outOrderNo, theirs: { amountFen: line.amountFen, subMchid: line.subMchid, receiver: line.receiver, transactionId: line.transactionId, time: line.time } });
  }
  return { billDate, billLines: lines.length + shareLines.length, matched, findings };
}

/** Whether WeChat Pay finished this share, unfreeze or return outside [from, to) (asked directly). */
async function finishedOnAnotherDay(e: { subject: Finding["subject"]; ref: string; subMchid: string; transactionId: string; receiver: string }, from: Date, to: Date): Promise<boolean> {
  const gw = getPaymentsGateway();
  const outside = (t: Date | null) => t !== null && (t < from || t >= to);
  if (e.subject === "RETURN") {
    const s = await db.settlement.findFirst({ where: { subMchid: e.subMchid, transactionId: e.transactionId }, select: { outOrderNo: true } });
    const r = s ? await gw.queryShareReturn({ subMchId: e.subMchid, outOrderNo: s.outOrderNo, outReturnNo: e.ref }) : null;
    return r?.result === "SUCCESS" && outside(r.finishTime);
  }
  const order = await gw.queryShare({ subMchId: e.subMchid, transactionId: e.transactionId, outOrderNo: e.ref });
  const r = order?.receivers.find((x) => x.account === e.receiver);
  return r?.result === "SUCCESS" && outside(r.finishTime);
}

/** Whether a bill line is in our books under another day, with the same amount. */
async function bookedOnAnotherDay(subject: Finding["subject"], line: ShareBillLine): Promise<boolean> {
  if (subject === "RETURN") {
    const e = await db.moneyEvent.findFirst({ where: { type: "FEE_RETURNED", data: { path: ["outReturnNo"], equals: line.outOrderNo } }, select: { data: true } });
    return (e?.data as { amountFen?: number } | undefined)?.amountFen === line.amountFen;
  }
  if (subject === "UNFREEZE") {
    const s = await db.settlement.findFirst({ where: { outOrderNo: line.outOrderNo.replace(/U$/, ""), state: "SETTLED" }, select: { netFen: true } });
    return s?.netFen === line.amountFen;
  }
  const s = await db.settlement.findFirst({ where: { outOrderNo: line.outOrderNo, sharedAt: { not: null } }, select: { feeFen: true } });
  return s?.feeFen === line.amountFen;
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
