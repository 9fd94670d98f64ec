-- AlterTable
ALTER TABLE "StoreDailyStat" ADD COLUMN     "couponDiscountFen" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "couponOrders" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "grossFen" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "saleDiscountFen" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "CouponClaim_storeId_claimedAt_idx" ON "CouponClaim"("storeId", "claimedAt");

-- CreateIndex
CREATE INDEX "CouponClaim_storeId_usedAt_idx" ON "CouponClaim"("storeId", "usedAt");


-- Backfill the new figures from the orders already paid (the rule of lib/metrics/rebuild.ts),
-- and the items' paid GMV as what buyers paid for the lines (less the coupon's part).
UPDATE "StoreDailyStat" s
   SET "grossFen" = x.gross, "couponDiscountFen" = x.coupon, "saleDiscountFen" = x.sale, "couponOrders" = x.n
  FROM (SELECT o."storeId", (o."paidAt" + interval '8 hours')::date AS day,
               SUM(o."totalFen" + o."discountFen" + COALESCE(ls.sale, 0)) AS gross, SUM(o."discountFen") AS coupon,
               SUM(COALESCE(ls.sale, 0)) AS sale, count(*) FILTER (WHERE o."couponClaimId" IS NOT NULL) AS n
          FROM "Order" o
          LEFT JOIN (SELECT "orderId", SUM(("listPriceFen" - "unitPriceFen") * quantity) AS sale FROM "OrderLine" WHERE "listPriceFen" IS NOT NULL GROUP BY 1) ls ON ls."orderId" = o.id
         WHERE o.status IN ('PAID', 'SHIPPED', 'COMPLETED', 'CLOSED') AND o."paidAt" IS NOT NULL
         GROUP BY 1, 2) x
 WHERE s."storeId" = x."storeId" AND s.day = x.day;

UPDATE "ItemDailyStat" i
   SET "paidFen" = x.paid
  FROM (SELECT l."itemId", (o."paidAt" + interval '8 hours')::date AS day, SUM(l."lineTotalFen" - l."discountFen") AS paid
          FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id
         WHERE o.status IN ('PAID', 'SHIPPED', 'COMPLETED', 'CLOSED') AND o."paidAt" IS NOT NULL
         GROUP BY 1, 2) x
 WHERE i."itemId" = x."itemId" AND i.day = x.day;
