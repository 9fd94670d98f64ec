import "server-only";
// Where a store's money is, as its seller and the platform's admins read it: per paid order
// paid, refunded, fee, net and state (held until, settling, settled, failed with WeChat Pay's
// reason), totals, by day, and the platform's fee income. Every figure comes from moneyOf
// (lib/payments/settlement.ts), the same books the settlement writes.
import { requireAdmin, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { fenToYuanString } from "@/lib/money";
import { csvCell } from "@/lib/orders/queries";
import { moneyOf, windowClosesAt, type OrderMoney } from "./settlement";

export const FUNDS_STATES = ["HELD", "SETTLING", "SETTLED", "FAILED", "REFUNDED"] as const;
export type FundsState = (typeof FUNDS_STATES)[number];
export const FUNDS_PAGE = 50;

const rowSelect = {
  id: true,
  orderNo: true,
  status: true,
  paidAt: true,
  totalFen: true,
  refundedFen: true,
  completedAt: true,
  protectionTerms: true,
  settlement: { select: { state: true, feeFen: true, feeReturnedFen: true, sharedAt: true, settledAt: true, failReason: true, nextAttemptAt: true } },
} as const;
type Row = Prisma.OrderGetPayload<{ select: typeof rowSelect }>;

export interface FundsRow extends OrderMoney {
  orderId: string;
  orderNo: string;
  paidAt: Date;
  state: FundsState;
  /** HELD: when the after-sale window closes (null: not received yet). */
  heldUntil: Date | null;
  settledAt: Date | null;
  failReason: string | null;
  nextAttemptAt: Date | null;
}

function toRow(o: Row): FundsRow {
  const s = o.settlement;
  const money = moneyOf({ paidFen: o.totalFen, refundedFen: o.refundedFen }, s);
  const state: FundsState = s
    ? s.state === "SETTLED"
      ? "SETTLED"
      : s.state === "FAILED"
        ? "FAILED"
        : "SETTLING"
    : money.heldFen === 0
      ? "REFUNDED"
      : "HELD";
  return {
    orderId: o.id,
    orderNo: o.orderNo,
    paidAt: o.paidAt!,
    ...money,
    state,
    heldUntil: state === "HELD" ? windowClosesAt(o) : null,
    settledAt: s?.settledAt ?? null,
    failReason: s?.failReason ?? null,
    nextAttemptAt: s?.state === "FAILED" ? s.nextAttemptAt : null,
  };
}

const stateWhere = (state?: FundsState): Prisma.OrderWhereInput => {
  switch (state) {
    case "SETTLED":
      return { settlement: { state: "SETTLED" } };
    case "FAILED":
      return { settlement: { state: "FAILED" } };
    case "SETTLING":
      return { settlement: { state: { in: ["SHARING", "UNFREEZING"] } } };
    case "HELD":
      return { settlement: null, status: { in: ["PAID", "SHIPPED", "COMPLETED"] } };
    case "REFUNDED":
      return { settlement: null, status: "CLOSED" };
    default:
      return {};
  }
};

const paidOrders = (storeId: string, state?: FundsState): Prisma.OrderWhereInput => ({ storeId, paidAt: { not: null }, ...stateWhere(state) });

export interface FundsTotals {
  paidFen: number;
  refundedFen: number;
  feeFen: number;
  settledFen: number;
  heldFen: number;
}

/** The store's totals over every paid order, in one statement. */
async function totals(storeId: string): Promise<FundsTotals> {
  const [t] = await db.$queryRaw<{ paid: bigint; refunded: bigint; fee: bigint; settled: bigint; held: bigint }[]>`
    SELECT COALESCE(SUM(o."totalFen"), 0)::bigint AS paid,
           COALESCE(SUM(o."refundedFen"), 0)::bigint AS refunded,
           COALESCE(SUM(CASE WHEN s.state = 'SETTLED' OR s."sharedAt" IS NOT NULL THEN s."feeFen" - s."feeReturnedFen" ELSE 0 END), 0)::bigint AS fee,
           COALESCE(SUM(CASE WHEN s.state = 'SETTLED' THEN o."totalFen" - o."refundedFen" - (s."feeFen" - s."feeReturnedFen") ELSE 0 END), 0)::bigint AS settled,
           COALESCE(SUM(CASE WHEN s.state = 'SETTLED' THEN 0
                             WHEN s."sharedAt" IS NOT NULL THEN o."totalFen" - o."refundedFen" - (s."feeFen" - s."feeReturnedFen")
                             ELSE o."totalFen" - o."refundedFen" END), 0)::bigint AS held
      FROM "Order" o LEFT JOIN "Settlement" s ON s."orderId" = o.id
     WHERE o."storeId" = ${storeId} AND o."paidAt" IS NOT NULL`;
  return { paidFen: Number(t.paid), refundedFen: Number(t.refunded), feeFen: Number(t.fee), settledFen: Number(t.settled), heldFen: Number(t.held) };
}

/** Settled to the store per day (Beijing time), newest first, over the last `days` days. */
async function settledByDay(storeId: string | null, days: number) {
  const since = new Date(Date.now() - days * 86_400_000);
  const rows = await db.$queryRaw<{ day: string; orders: bigint; net: bigint; fee: bigint }[]>`
    SELECT to_char(s."settledAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
           COUNT(*)::bigint AS orders,
           SUM(s."paidFen" - o."refundedFen" - (s."feeFen" - s."feeReturnedFen"))::bigint AS net,
           SUM(s."feeFen" - s."feeReturnedFen")::bigint AS fee
      FROM "Settlement" s JOIN "Order" o ON o.id = s."orderId"
     WHERE s.state = 'SETTLED' AND s."settledAt" >= ${since} AND (${storeId}::text IS NULL OR s."storeId" = ${storeId})
     GROUP BY 1 ORDER BY 1 DESC`;
  return rows.map((r) => ({ day: r.day, orders: Number(r.orders), netFen: Number(r.net), feeFen: Number(r.fee) }));
}

/** Seller: the store's funds, a page of orders (newest paid first), totals and the last 30 days. */
export async function getStoreFunds(actor: Actor | null, storeId: string, opts: { state?: FundsState; page?: number; pageSize?: number } = {}) {
  requireStoreMember(actor, storeId);
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const size = Math.min(100, Math.max(1, Math.floor(opts.pageSize ?? FUNDS_PAGE)));
  const [rows, count, sums, byDay] = await Promise.all([
    db.order.findMany({ where: paidOrders(storeId, opts.state), select: rowSelect, orderBy: [{ paidAt: "desc" }, { id: "desc" }], skip: (page - 1) * size, take: size }),
    db.order.count({ where: paidOrders(storeId, opts.state) }),
    totals(storeId),
    settledByDay(storeId, 30),
  ]);
  return { rows: rows.map(toRow), page, pageSize: size, pages: Math.max(1, Math.ceil(count / size)), count, totals: sums, byDay };
}

export interface FundsCsvLabels {
  header: string[];
  state: Record<FundsState, string>;
  /** Formats an instant in the seller's time zone. */
  time: (d: Date) => string;
}

/** Seller: every paid order's funds as CSV (UTF-8 with BOM), in the seller's language, streamed. */
export async function* storeFundsCsv(actor: Actor | null, storeId: string, labels: FundsCsvLabels, opts: { state?: FundsState } = {}): AsyncGenerator<string> {
  requireStoreMember(actor, storeId);
  yield "\uFEFF" + labels.header.map(csvCell).join(",") + "\r\n";
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.order.findMany({ where: paidOrders(storeId, opts.state), select: rowSelect, orderBy: { id: "asc" }, take: 500, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
    if (!batch.length) return;
    let out = "";
    for (const o of batch) {
      const r = toRow(o);
      out +=
        [
          r.orderNo,
          labels.time(r.paidAt),
          fenToYuanString(r.paidFen),
          fenToYuanString(r.refundedFen),
          fenToYuanString(r.feeFen),
          fenToYuanString(r.paidFen - r.refundedFen - r.feeFen),
          labels.state[r.state],
          r.heldUntil ? labels.time(r.heldUntil) : "",
          r.settledAt ? labels.time(r.settledAt) : "",
          r.failReason ?? "",
        ]
          .map(csvCell)
          .join(",") + "\r\n";
    }
    yield out;
    cursor = batch[batch.length - 1].id;
  }
}

/** Admin: the platform's fee income by day and by store, settlements failing or retrying, and stores whose payments are not bound. */
export async function getPlatformFunds(actor: Actor | null, opts: { days?: number } = {}) {
  requireAdmin(actor);
  const days = Math.min(366, Math.max(1, opts.days ?? 30));
  const since = new Date(Date.now() - days * 86_400_000);
  const [byDay, byStoreRows, failing, unbound] = await Promise.all([
    settledByDay(null, days),
    db.$queryRaw<{ storeId: string; name: string; orders: bigint; fee: bigint; net: bigint }[]>`
      SELECT s."storeId", st.name, COUNT(*)::bigint AS orders, SUM(s."feeFen" - s."feeReturnedFen")::bigint AS fee,
             SUM(s."paidFen" - o."refundedFen" - (s."feeFen" - s."feeReturnedFen"))::bigint AS net
        FROM "Settlement" s JOIN "Store" st ON st.id = s."storeId" JOIN "Order" o ON o.id = s."orderId"
       WHERE s.state = 'SETTLED' AND s."settledAt" >= ${since}
       GROUP BY s."storeId", st.name ORDER BY fee DESC LIMIT 100`,
    db.settlement.findMany({
      where: { OR: [{ state: "FAILED" }, { attempts: { gt: 0 }, state: { in: ["SHARING", "UNFREEZING"] } }] },
      select: { orderId: true, state: true, feeFen: true, netFen: true, failReason: true, attempts: true, nextAttemptAt: true, updatedAt: true, order: { select: { orderNo: true } }, storeId: true },
      orderBy: { updatedAt: "desc" },
      take: 100,
    }),
    db.store.findMany({ where: { status: { in: ["APPROVED", "SUSPENDED"] }, payBinding: { not: "BOUND" } }, select: { id: true, name: true, mchId: true, payBinding: true, payBindingError: true }, orderBy: { updatedAt: "desc" }, take: 100 }),
  ]);
  const storeNames = new Map((await db.store.findMany({ where: { id: { in: failing.map((f) => f.storeId) } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  return {
    days,
    byDay,
    byStore: byStoreRows.map((r) => ({ storeId: r.storeId, name: r.name, orders: Number(r.orders), feeFen: Number(r.fee), netFen: Number(r.net) })),
    totalFeeFen: byDay.reduce((s, d) => s + d.feeFen, 0),
    failing: failing.map((f) => ({ ...f, orderNo: f.order.orderNo, storeName: storeNames.get(f.storeId) ?? "" })),
    unbound,
  };
}
