import "server-only";
// The dashboards' reads, one function per query, without authorisation (callers check it:
// lib/metrics/dashboard.ts, lib/metrics/platform.ts) so the benchmark can time each one.
// Ranges are inclusive Shanghai days (YYYY-MM-DD). Every read is served by an index: the
// rollups' primary keys and (day) / (storeId, day) indexes, Order (storeId, status, …),
// Sku (storeId, active, stock), Complaint (status, slaDueAt), Store (status, submittedAt).
import { db } from "@/lib/db/client";
import { dateColumnToDay } from "./days";
import { SHIP_PROMISE_HOURS } from "./record";

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

export interface DailyRow {
  day: string;
  paidOrders: number;
  paidFen: number;
  refunds: number;
  refundFen: number;
  complaints: number;
  shippedOrders: number;
  shippedLate: number;
  itemViews: number;
  grossFen: number;
  couponDiscountFen: number;
  saleDiscountFen: number;
  couponOrders: number;
}

/** The store's rollup rows for the days that have any (ascending). */
export async function storeDailyRows(storeId: string, from: string, to: string): Promise<DailyRow[]> {
  const rows = await db.storeDailyStat.findMany({
    where: { storeId, day: { gte: asDate(from), lte: asDate(to) } },
    select: {
      day: true,
      paidOrders: true,
      paidFen: true,
      refunds: true,
      refundFen: true,
      complaints: true,
      shippedOrders: true,
      shippedLate: true,
      itemViews: true,
      grossFen: true,
      couponDiscountFen: true,
      saleDiscountFen: true,
      couponOrders: true,
    },
    orderBy: { day: "asc" },
  });
  return rows.map((r) => ({
    ...r,
    day: dateColumnToDay(r.day),
    paidFen: Number(r.paidFen),
    refundFen: Number(r.refundFen),
    grossFen: Number(r.grossFen),
    couponDiscountFen: Number(r.couponDiscountFen),
    saleDiscountFen: Number(r.saleDiscountFen),
  }));
}

/** Distinct buyers who paid in the store over the range. */
export async function storePayingBuyers(storeId: string, from: string, to: string): Promise<number> {
  // Each buyer's first paying day inside the range is the one whose previous paying day is
  // before the range (or none): counting those counts each buyer once.
  const [r] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "StoreDailyBuyer"
     WHERE "storeId" = ${storeId} AND day BETWEEN ${from}::date AND ${to}::date
       AND ("prevDay" IS NULL OR "prevDay" < ${from}::date)`;
  return r?.n ?? 0;
}

export interface TopItem {
  itemId: string;
  title: string;
  mainImageId: string | null;
  paidUnits: number;
  paidFen: number;
  views: number;
}

/** Items by paid GMV (goods only) over the range; ties by units, then views. */
export async function storeTopItems(storeId: string, from: string, to: string, limit = 10): Promise<TopItem[]> {
  const rows = await db.$queryRaw<{ itemId: string; title: string | null; mainImageId: string | null; paidUnits: number; paidFen: bigint; views: number }[]>`
    SELECT t."itemId", i.title, i."mainImageId", t."paidUnits", t."paidFen", t.views
      FROM (
        SELECT "itemId", SUM("paidUnits")::int AS "paidUnits", SUM("paidFen")::bigint AS "paidFen", SUM(views)::int AS views
          FROM "ItemDailyStat"
         WHERE "storeId" = ${storeId} AND day BETWEEN ${from}::date AND ${to}::date
         GROUP BY "itemId"
         ORDER BY 3 DESC, 2 DESC, 4 DESC, 1
         LIMIT ${limit}
      ) t
      LEFT JOIN "Item" i ON i.id = t."itemId"
     ORDER BY t."paidFen" DESC, t."paidUnits" DESC, t.views DESC, t."itemId"`;
  return rows.map((r) => ({ itemId: r.itemId, title: r.title ?? "", mainImageId: r.mainImageId, paidUnits: r.paidUnits, paidFen: Number(r.paidFen), views: r.views }));
}

/** Live: paid orders waiting to be shipped, and those already past the shipping promise. */
export async function storeShippingQueue(storeId: string, now = new Date()): Promise<{ awaiting: number; overdue: number }> {
  const promise = new Date(now.getTime() - SHIP_PROMISE_HOURS * 3_600_000);
  const [awaiting, overdue] = await Promise.all([
    db.order.count({ where: { storeId, status: "PAID" } }),
    db.order.count({ where: { storeId, status: "PAID", paidAt: { lt: promise } } }),
  ]);
  return { awaiting, overdue };
}

/** At or below this, an on-sale SKU is low on stock. */
export const LOW_STOCK_THRESHOLD = 5;

export interface LowStockSku {
  skuId: string;
  specKey: string;
  stock: number;
  itemId: string;
  title: string;
}

/** Live: active SKUs of on-sale items with stock ≤ LOW_STOCK_THRESHOLD (count, and the lowest few). */
export async function storeLowStock(storeId: string, limit = 8): Promise<{ count: number; skus: LowStockSku[] }> {
  const where = { storeId, active: true, stock: { lte: LOW_STOCK_THRESHOLD }, item: { status: "ON_SALE" as const } };
  const [count, skus] = await Promise.all([
    db.sku.count({ where }),
    db.sku.findMany({ where, select: { id: true, specKey: true, stock: true, item: { select: { id: true, title: true } } }, orderBy: [{ stock: "asc" }, { id: "asc" }], take: limit }),
  ]);
  return { count, skus: skus.map((s) => ({ skuId: s.id, specKey: s.specKey, stock: s.stock, itemId: s.item.id, title: s.item.title })) };
}

// ───────────────────────────── Platform (admin) ─────────────────────────────

export interface PlatformDailyRow {
  day: string;
  paidOrders: number;
  paidFen: number;
  refunds: number;
  refundFen: number;
  complaints: number;
  /** Stores with at least one paid order that day. */
  sellingStores: number;
}

/** Every store's rollups summed per day (ascending; days without any row are absent). */
export async function platformDailyRows(from: string, to: string): Promise<PlatformDailyRow[]> {
  const rows = await db.$queryRaw<{ day: Date; paidOrders: number; paidFen: bigint; refunds: number; refundFen: bigint; complaints: number; sellingStores: number }[]>`
    SELECT day, SUM("paidOrders")::int AS "paidOrders", SUM("paidFen")::bigint AS "paidFen", SUM(refunds)::int AS refunds,
           SUM("refundFen")::bigint AS "refundFen", SUM(complaints)::int AS complaints,
           (count(*) FILTER (WHERE "paidOrders" > 0))::int AS "sellingStores"
      FROM "StoreDailyStat"
     WHERE day BETWEEN ${from}::date AND ${to}::date
     GROUP BY day ORDER BY day`;
  return rows.map((r) => ({ ...r, day: dateColumnToDay(r.day), paidFen: Number(r.paidFen), refundFen: Number(r.refundFen) }));
}

/** Open complaints are at risk when their settlement target is less than this away (or past). */
export const COMPLAINT_AT_RISK_HOURS = 24;

/** Live: complaints waiting for the platform (OPEN or AWAITING_EVIDENCE) and how many are at risk of missing their SLA. */
export async function platformComplaintQueue(now = new Date()): Promise<{ open: number; atRisk: number; overdue: number }> {
  const waiting = { status: { in: ["OPEN" as const, "AWAITING_EVIDENCE" as const] } };
  const [open, atRisk, overdue] = await Promise.all([
    db.complaint.count({ where: waiting }),
    db.complaint.count({ where: { ...waiting, slaDueAt: { lte: new Date(now.getTime() + COMPLAINT_AT_RISK_HOURS * 3_600_000) } } }),
    db.complaint.count({ where: { ...waiting, slaDueAt: { lt: now } } }),
  ]);
  return { open, atRisk, overdue };
}

/** Live: store applications waiting for review, and since when the oldest has waited. */
export async function platformApplications(): Promise<{ waiting: number; oldestSubmittedAt: Date | null }> {
  const r = await db.store.aggregate({ where: { status: "PENDING" }, _count: { _all: true }, _min: { submittedAt: true } });
  return { waiting: r._count._all, oldestSubmittedAt: r._min.submittedAt };
}

/** A store needs this many paid orders in the range before its rates are ranked (1 of 1 is not a trend). */
export const MIN_ORDERS_FOR_RATES = 5;

export interface StoreRate {
  storeId: string;
  name: string;
  slug: string;
  paidOrders: number;
  count: number;
  rate: number;
}

/** The stores with the highest complaint rate and refund rate (per paid order) over the range. */
export async function platformStoreRates(from: string, to: string, limit = 5): Promise<{ complaints: StoreRate[]; refunds: StoreRate[] }> {
  const rows = await db.$queryRaw<{ kind: "complaints" | "refunds"; storeId: string; name: string; slug: string; paidOrders: number; count: number }[]>`
    WITH agg AS (
      SELECT "storeId", SUM("paidOrders")::int AS "paidOrders", SUM(complaints)::int AS complaints, SUM(refunds)::int AS refunds
        FROM "StoreDailyStat"
       WHERE day BETWEEN ${from}::date AND ${to}::date
       GROUP BY "storeId"
      HAVING SUM("paidOrders") >= ${MIN_ORDERS_FOR_RATES}
    ), c AS (
      SELECT 'complaints' AS kind, "storeId", "paidOrders", complaints AS count FROM agg WHERE complaints > 0
       ORDER BY complaints::float8 / "paidOrders" DESC, complaints DESC, "storeId" LIMIT ${limit}
    ), r AS (
      SELECT 'refunds' AS kind, "storeId", "paidOrders", refunds AS count FROM agg WHERE refunds > 0
       ORDER BY refunds::float8 / "paidOrders" DESC, refunds DESC, "storeId" LIMIT ${limit}
    )
    SELECT x.kind, x."storeId", s.name, s.slug, x."paidOrders", x.count
      FROM (SELECT * FROM c UNION ALL SELECT * FROM r) x JOIN "Store" s ON s.id = x."storeId"`;
  const pick = (kind: "complaints" | "refunds") =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => ({ storeId: r.storeId, name: r.name, slug: r.slug, paidOrders: r.paidOrders, count: r.count, rate: r.count / r.paidOrders }))
      .sort((a, b) => b.rate - a.rate || b.count - a.count || (a.storeId < b.storeId ? -1 : 1));
  return { complaints: pick("complaints"), refunds: pick("refunds") };
}

export interface PromotionFigures {
  kind: "COUPON" | "FLASH_SALE";
  id: string;
  name: string;
  /** Coupons: copies claimed in the range. */
  claims: number | null;
  /** Paid orders (coupons) or paid units (flash sales) in the range. */
  uses: number;
  /** What buyers paid for them: coupon orders' totals, or the sale lines at sale prices. */
  paidFen: number;
  /** What the promotion took off them. */
  discountFen: number;
}

/**
 * Each of the store's promotions with anything in the range, most discount first: coupons by
 * claims (claimedAt) and uses (usedAt, the order's payment), flash sales by their lines in
 * orders paid in the range. Served by CouponClaim (storeId, claimedAt) / (storeId, usedAt) and
 * OrderLine (flashSaleId) over the store's sales that overlap the range.
 */
export async function storePromotions(storeId: string, from: string, to: string, limit = 10): Promise<PromotionFigures[]> {
  const start = asDate(from);
  const end = new Date(asDate(to).getTime() + 86_400_000);
  // Shanghai days: the range's bounds as instants.
  const lo = new Date(start.getTime() - 8 * 3_600_000);
  const hi = new Date(end.getTime() - 8 * 3_600_000);
  // A sale line paid in the range may have been placed before it, up to the time to pay: the
  // sales looked at are those that ran until a day before the range or later.
  const [coupons, sales] = await Promise.all([
    db.$queryRaw<{ id: string; name: string; claims: number; uses: number; paidFen: bigint; discountFen: bigint }[]>`
      WITH claimed AS (
        SELECT "couponId", count(*)::int AS n FROM "CouponClaim" WHERE "storeId" = ${storeId} AND "claimedAt" >= ${lo} AND "claimedAt" < ${hi} GROUP BY 1
      ), used AS (
        SELECT k."couponId", count(*)::int AS n, SUM(o."totalFen")::bigint AS paid, SUM(o."discountFen")::bigint AS discount
          FROM "CouponClaim" k JOIN "Order" o ON o.id = k."orderId"
         WHERE k."storeId" = ${storeId} AND k.status = 'USED' AND k."usedAt" >= ${lo} AND k."usedAt" < ${hi}
         GROUP BY 1
      )
      SELECT c.id, c.name, COALESCE(cl.n, 0) AS claims, COALESCE(u.n, 0) AS uses, COALESCE(u.paid, 0) AS "paidFen", COALESCE(u.discount, 0) AS "discountFen"
        FROM "Coupon" c LEFT JOIN claimed cl ON cl."couponId" = c.id LEFT JOIN used u ON u."couponId" = c.id
       WHERE c."storeId" = ${storeId} AND (cl.n IS NOT NULL OR u.n IS NOT NULL)`,
    db.$queryRaw<{ id: string; name: string; uses: number; paidFen: bigint; discountFen: bigint }[]>`
      SELECT f.id, f.name, SUM(l.quantity)::int AS uses, SUM(l."lineTotalFen")::bigint AS "paidFen",
             SUM((l."listPriceFen" - l."unitPriceFen") * l.quantity)::bigint AS "discountFen"
        FROM "FlashSale" f JOIN "OrderLine" l ON l."flashSaleId" = f.id JOIN "Order" o ON o.id = l."orderId"
       WHERE f."storeId" = ${storeId} AND f."startsAt" < ${hi} AND f."endsAt" > ${new Date(lo.getTime() - 86_400_000)}
         AND o."paidAt" >= ${lo} AND o."paidAt" < ${hi}
       GROUP BY f.id`,
  ]);
  return [
    ...coupons.map((c) => ({ kind: "COUPON" as const, id: c.id, name: c.name, claims: c.claims, uses: c.uses, paidFen: Number(c.paidFen), discountFen: Number(c.discountFen) })),
    ...sales.map((s) => ({ kind: "FLASH_SALE" as const, id: s.id, name: s.name, claims: null, uses: s.uses, paidFen: Number(s.paidFen), discountFen: Number(s.discountFen) })),
  ]
    .sort((a, b) => b.discountFen - a.discountFen || b.uses - a.uses)
    .slice(0, limit);
}
