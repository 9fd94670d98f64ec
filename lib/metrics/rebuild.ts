import "server-only";
// Rebuilds the order-derived rollups from the rows behind them, with the attribution rules of
// lib/metrics/record.ts written as set-based SQL (one INSERT … SELECT … GROUP BY per rollup).
// For scripts, not users: the benchmark builds its rollups with it, and an operator can
// repair a store's figures after a fix. Item views are not derivable from other rows: they are
// kept as they are. The reconciliation test checks that a rebuild reproduces the rollups
// written live, figure for figure.
import { db } from "@/lib/db/client";
import { SHIP_PROMISE_HOURS, UNCOUNTED_REFUND_CAUSES } from "./record";

/** Rebuilds one store's rollups (or every store's) in one transaction. */
export async function rebuildRollups(opts: { storeId?: string; timeoutMs?: number } = {}): Promise<void> {
  const storeId = opts.storeId ?? null;
  const uncounted = [...UNCOUNTED_REFUND_CAUSES];
  const lateAfter = `${SHIP_PROMISE_HOURS} hours`;
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        UPDATE "StoreDailyStat" SET "paidOrders" = 0, "paidFen" = 0, refunds = 0, "refundFen" = 0, complaints = 0, "shippedOrders" = 0, "shippedLate" = 0,
               "grossFen" = 0, "couponDiscountFen" = 0, "saleDiscountFen" = 0, "couponOrders" = 0
         WHERE ${storeId}::text IS NULL OR "storeId" = ${storeId}`;
      await tx.$executeRaw`
        INSERT INTO "StoreDailyStat" ("storeId", day, "paidOrders", "paidFen", refunds, "refundFen", complaints, "shippedOrders", "shippedLate",
                                      "grossFen", "couponDiscountFen", "saleDiscountFen", "couponOrders")
        SELECT "storeId", day, SUM("paidOrders")::int, SUM("paidFen")::bigint, SUM(refunds)::int, SUM("refundFen")::bigint,
               SUM(complaints)::int, SUM("shippedOrders")::int, SUM("shippedLate")::int,
               SUM(gross)::bigint, SUM(coupon)::bigint, SUM(sale)::bigint, SUM("couponOrders")::int
          FROM (
            -- Paid: the Shanghai day of paidAt, for every order that went through payment.
            -- With what promotions took off: the coupon's part, and the flash-sale prices'.
            SELECT o."storeId", (o."paidAt" + interval '8 hours')::date AS day, count(*) AS "paidOrders", SUM(o."totalFen") AS "paidFen",
                   0 AS refunds, 0 AS "refundFen", 0 AS complaints, 0 AS "shippedOrders", 0 AS "shippedLate",
                   SUM(o."totalFen" + o."discountFen" + COALESCE(ls.sale, 0)) AS gross, SUM(o."discountFen") AS coupon, SUM(COALESCE(ls.sale, 0)) AS sale,
                   count(*) FILTER (WHERE o."couponClaimId" IS NOT NULL) AS "couponOrders"
              FROM "Order" o
              LEFT JOIN (SELECT "orderId", SUM(("listPriceFen" - "unitPriceFen") * quantity) AS sale FROM "OrderLine" WHERE "listPriceFen" IS NOT NULL GROUP BY 1) ls ON ls."orderId" = o.id
             WHERE o.status IN ('PAID', 'SHIPPED', 'COMPLETED', 'CLOSED') AND o."paidAt" IS NOT NULL
               AND (${storeId}::text IS NULL OR o."storeId" = ${storeId})
             GROUP BY 1, 2
            UNION ALL
            -- Refunded money: the day each counted refund settled.
            SELECT o."storeId", (r."settledAt" + interval '8 hours')::date, 0, 0, 0, SUM(r."amountFen"), 0, 0, 0, 0, 0, 0, 0
              FROM "Refund" r JOIN "Order" o ON o.id = r."orderId"
             WHERE r.status = 'SUCCESS' AND r.cause <> ALL (${uncounted}::text[])
               AND (${storeId}::text IS NULL OR o."storeId" = ${storeId})
             GROUP BY 1, 2
            UNION ALL
            -- Refunded orders: the day of each order's earliest counted refund.
            SELECT "storeId", day, 0, 0, count(*), 0, 0, 0, 0, 0, 0, 0, 0
              FROM (
                SELECT DISTINCT ON (r."orderId") o."storeId", (r."settledAt" + interval '8 hours')::date AS day
                  FROM "Refund" r JOIN "Order" o ON o.id = r."orderId"
                 WHERE r.status = 'SUCCESS' AND r.cause <> ALL (${uncounted}::text[])
                   AND (${storeId}::text IS NULL OR o."storeId" = ${storeId})
                 ORDER BY r."orderId", r."settledAt", r.id
              ) f
             GROUP BY 1, 2
            UNION ALL
            -- Complaints: the day each was opened.
            SELECT "storeId", ("createdAt" + interval '8 hours')::date, 0, 0, 0, 0, count(*), 0, 0, 0, 0, 0, 0
              FROM "Complaint"
             WHERE ${storeId}::text IS NULL OR "storeId" = ${storeId}
             GROUP BY 1, 2
            UNION ALL
            -- Shipped: the day of shippedAt; late when more than the promise after payment.
            SELECT "storeId", ("shippedAt" + interval '8 hours')::date, 0, 0, 0, 0, 0, count(*),
                   count(*) FILTER (WHERE "shippedAt" - "paidAt" > ${lateAfter}::interval), 0, 0, 0, 0
              FROM "Order"
             WHERE "shippedAt" IS NOT NULL AND (${storeId}::text IS NULL OR "storeId" = ${storeId})
             GROUP BY 1, 2
          ) parts
         GROUP BY "storeId", day
        ON CONFLICT ("storeId", day) DO UPDATE SET
          "paidOrders" = EXCLUDED."paidOrders", "paidFen" = EXCLUDED."paidFen", refunds = EXCLUDED.refunds, "refundFen" = EXCLUDED."refundFen",
          complaints = EXCLUDED.complaints, "shippedOrders" = EXCLUDED."shippedOrders", "shippedLate" = EXCLUDED."shippedLate",
          "grossFen" = EXCLUDED."grossFen", "couponDiscountFen" = EXCLUDED."couponDiscountFen", "saleDiscountFen" = EXCLUDED."saleDiscountFen",
          "couponOrders" = EXCLUDED."couponOrders"`;
      await tx.$executeRaw`
        DELETE FROM "StoreDailyStat"
         WHERE (${storeId}::text IS NULL OR "storeId" = ${storeId})
           AND "paidOrders" = 0 AND refunds = 0 AND "refundFen" = 0 AND complaints = 0 AND "shippedOrders" = 0 AND "itemViews" = 0`;

      await tx.$executeRaw`DELETE FROM "StoreDailyBuyer" WHERE ${storeId}::text IS NULL OR "storeId" = ${storeId}`;
      await tx.$executeRaw`
        INSERT INTO "StoreDailyBuyer" ("storeId", day, "buyerId", "prevDay")
        SELECT "storeId", day, "buyerId", lag(day) OVER (PARTITION BY "storeId", "buyerId" ORDER BY day)
          FROM (SELECT DISTINCT "storeId", ("paidAt" + interval '8 hours')::date AS day, "buyerId"
                  FROM "Order"
                 WHERE status IN ('PAID', 'SHIPPED', 'COMPLETED', 'CLOSED') AND "paidAt" IS NOT NULL
                   AND (${storeId}::text IS NULL OR "storeId" = ${storeId})) d`;

      await tx.$executeRaw`
        UPDATE "ItemDailyStat" SET "paidUnits" = 0, "paidFen" = 0 WHERE ${storeId}::text IS NULL OR "storeId" = ${storeId}`;
      await tx.$executeRaw`
        INSERT INTO "ItemDailyStat" ("itemId", "storeId", day, "paidUnits", "paidFen")
        SELECT l."itemId", o."storeId", (o."paidAt" + interval '8 hours')::date, SUM(l.quantity)::int, SUM(l."lineTotalFen" - l."discountFen")::bigint
          FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id
         WHERE o.status IN ('PAID', 'SHIPPED', 'COMPLETED', 'CLOSED') AND o."paidAt" IS NOT NULL
           AND (${storeId}::text IS NULL OR o."storeId" = ${storeId})
         GROUP BY 1, 2, 3
        ON CONFLICT ("itemId", day) DO UPDATE SET "paidUnits" = EXCLUDED."paidUnits", "paidFen" = EXCLUDED."paidFen"`;
      await tx.$executeRaw`
        DELETE FROM "ItemDailyStat" WHERE (${storeId}::text IS NULL OR "storeId" = ${storeId}) AND views = 0 AND "paidUnits" = 0 AND "paidFen" = 0`;
    },
    { timeout: opts.timeoutMs ?? 60_000, maxWait: 10_000 },
  );
}
