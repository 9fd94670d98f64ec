-- Database rules that Prisma's schema language cannot express. Applied by the app after
-- every migration run (lib/db/migrate.ts); every statement is idempotent.
-- They are kept out of prisma/migrations so that the migrations build exactly
-- prisma/schema.prisma (the drift check compares the two).

CREATE OR REPLACE FUNCTION ls_add_check(tbl text, name text, expr text) RETURNS void AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = name AND conrelid = tbl::regclass) THEN
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%s)', tbl, name, expr);
  END IF;
END $$ LANGUAGE plpgsql;

-- Stock never goes below zero, whatever the code above does.
SELECT ls_add_check('"Sku"', 'sku_stock_nonnegative', '"stock" >= 0');
SELECT ls_add_check('"Sku"', 'sku_price_positive', '"priceFen" > 0');
SELECT ls_add_check('"Sku"', 'sku_original_price_nonnegative', '"originalPriceFen" IS NULL OR "originalPriceFen" >= 0');
SELECT ls_add_check('"Item"', 'item_postage_nonnegative', '"postageFen" >= 0 AND "postageExtraFen" >= 0');
SELECT ls_add_check('"Item"', 'item_buy_limit_positive', '"buyLimit" IS NULL OR "buyLimit" > 0');
SELECT ls_add_check('"StockLedgerEntry"', 'stock_ledger_resulting_nonnegative', '"resultingStock" >= 0');

-- The stock ledger is append-only: history is never rewritten.
CREATE OR REPLACE FUNCTION ls_reject_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE TRIGGER stock_ledger_append_only
  BEFORE UPDATE OR DELETE ON "StockLedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION ls_reject_change();

CREATE OR REPLACE TRIGGER store_event_append_only
  BEFORE UPDATE OR DELETE ON "StoreEvent"
  FOR EACH ROW EXECUTE FUNCTION ls_reject_change();

-- Orders and money: amounts are whole fen and add up; refunds never exceed what was paid.
-- A coupon's discount (lib/promotions) comes off the total: in all, and the postage's part of it.
ALTER TABLE "Order" DROP CONSTRAINT IF EXISTS order_amounts_consistent;
SELECT ls_add_check('"Order"', 'order_amounts_add_up', '"itemsFen" >= 0 AND "postageFen" >= 0 AND "postageDiscountFen" BETWEEN 0 AND "postageFen" AND "discountFen" >= "postageDiscountFen" AND "totalFen" = "itemsFen" + "postageFen" - "discountFen" AND "totalFen" > 0');
SELECT ls_add_check('"Order"', 'order_refund_within_total', '"refundedFen" >= 0 AND "refundedFen" <= "totalFen"');
SELECT ls_add_check('"Order"', 'order_out_trade_no_fits_wechat', 'char_length("outTradeNo") BETWEEN 6 AND 32');
SELECT ls_add_check('"OrderLine"', 'order_line_quantity_positive', '"quantity" > 0 AND "unitPriceFen" >= 0 AND "lineTotalFen" = "unitPriceFen" * "quantity"');
SELECT ls_add_check('"CartLine"', 'cart_line_quantity_positive', '"quantity" > 0');
SELECT ls_add_check('"Refund"', 'refund_amount_positive', '"amountFen" > 0');
SELECT ls_add_check('"Payment"', 'payment_amount_positive', '"amountFen" > 0');

CREATE OR REPLACE TRIGGER order_event_append_only
  BEFORE UPDATE OR DELETE ON "OrderEvent"
  FOR EACH ROW EXECUTE FUNCTION ls_reject_change();

-- Purchase protection: refunds per line never exceed what the buyer paid for it (its price
-- less the coupon's part).
ALTER TABLE "OrderLine" DROP CONSTRAINT IF EXISTS order_line_refund_within_total;
SELECT ls_add_check('"OrderLine"', 'order_line_refund_within_paid', '"discountFen" BETWEEN 0 AND "lineTotalFen" AND "refundedFen" >= 0 AND "refundedFen" <= "lineTotalFen" - "discountFen"');
SELECT ls_add_check('"Order"', 'order_open_cases_nonnegative', '"openCases" >= 0');
SELECT ls_add_check('"AfterSaleRequest"', 'after_sale_amounts_positive', '"requestedFen" > 0 AND ("offeredFen" IS NULL OR "offeredFen" > 0) AND ("approvedFen" IS NULL OR "approvedFen" > 0)');

CREATE OR REPLACE TRIGGER case_event_append_only
  BEFORE UPDATE OR DELETE ON "CaseEvent"
  FOR EACH ROW EXECUTE FUNCTION ls_reject_change();

CREATE OR REPLACE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION ls_reject_change();

-- Promotions: a coupon is never claimed more often than it was issued, and says what it takes off.
SELECT ls_add_check('"Coupon"', 'coupon_quantity_within_total', '"remaining" BETWEEN 0 AND "totalQuantity" AND "totalQuantity" > 0 AND "perBuyerLimit" > 0');
SELECT ls_add_check('"Coupon"', 'coupon_terms_valid', '"endsAt" > "startsAt" AND ("validDays" IS NULL OR "validDays" > 0) AND "thresholdFen" >= 0 AND ("amountOffFen" IS NULL OR "amountOffFen" > 0) AND ("percentOff" IS NULL OR "percentOff" BETWEEN 1 AND 99) AND ("capFen" IS NULL OR "capFen" > 0) AND (CASE "kind" WHEN ''THRESHOLD'' THEN "amountOffFen" IS NOT NULL AND "thresholdFen" > "amountOffFen" WHEN ''AMOUNT'' THEN "amountOffFen" IS NOT NULL ELSE "percentOff" IS NOT NULL END)');
SELECT ls_add_check('"CouponClaim"', 'coupon_claim_holder', '("status" IN (''LOCKED'', ''USED'')) = ("orderId" IS NOT NULL) AND "validUntil" > "validFrom"');
-- Flash sales: a window (empty once stopped before it began), a real price, units never sold past their number.
SELECT ls_add_check('"FlashSale"', 'flash_sale_terms_valid', '"endsAt" >= "startsAt" AND ("percentOff" IS NULL OR "percentOff" BETWEEN 1 AND 99) AND ("perBuyerLimit" IS NULL OR "perBuyerLimit" > 0)');
SELECT ls_add_check('"FlashSaleSku"', 'flash_sale_sku_units', '"priceFen" > 0 AND ("quantity" IS NULL OR "quantity" > 0) AND "sold" >= 0 AND ("quantity" IS NULL OR "sold" <= "quantity")');
SELECT ls_add_check('"OrderLine"', 'order_line_sale_price', '("flashSaleId" IS NULL) = ("listPriceFen" IS NULL) AND ("flashSaleId" IS NULL) = ("flashSaleSkuId" IS NULL) AND ("listPriceFen" IS NULL OR "listPriceFen" > "unitPriceFen")');
