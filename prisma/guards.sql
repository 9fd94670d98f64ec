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
