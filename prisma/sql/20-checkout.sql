-- Checkout's write path as SQL functions, so a checkout is ONE statement: the hot SKU rows a
-- flash sale fights over stay locked only while the statement runs, not across client round
-- trips. The application computes prices, postage and snapshots first (lib/orders/checkout.ts)
-- and passes them in; these functions enforce what must be atomic: buy limits, stock
-- reservation (never below zero), the order, its lines, its first event, the ledger entries
-- and the expiry job.
--
-- ls_place_orders takes SEVERAL orders and places each in the same transaction: the orders
-- that arrived while the app's previous checkout statement ran (lib/orders/place-batch.ts).
-- On one hot SKU that is what a flash sale needs: each transaction that takes the row's lock
-- pays for waiting on it, for waking up, for its statement and for its commit, and a batch
-- pays for that once for all its orders. Each order stands alone: a refused one is answered
-- as refused and writes nothing, and the others go on.
--
-- Input: a JSON array of orders as lib/orders/checkout.ts prepares them. Returns, as JSON text,
-- an array in the same order, of
--   {"id", "soldOut": this order took some SKU's stock to zero, or the last of a flash sale's
--    units at its price (the storefront's cached cards show "sold out" and the sale price, so
--    that is when they must be redrawn), "dueNow": it queued a job to run at once (a low-stock
--    or sale-sold-out notice; the expiry job is due only when the time to pay runs out)}
--   or {"refused": "SOLD_OUT" | "BUY_LIMIT" | "SALE_LIMIT" | "SALE_SOLD_OUT" | "UNPAID_LIMIT" | "STORE_NOT_OPEN" | "COUPON_UNAVAILABLE" | "DUPLICATE", "detail": {…}},
-- DUPLICATE meaning the buyer already has an order with this idempotency key.

DROP FUNCTION IF EXISTS ls_place_order(jsonb);

CREATE OR REPLACE FUNCTION ls_place_orders(ps jsonb) RETURNS text AS $$
DECLARE
  o record;
  results jsonb[] := array_fill(NULL::jsonb, ARRAY[jsonb_array_length(ps)]);
BEGIN
  -- Every lock the batch needs, first and in one order for all batches — buy-limit advisory
  -- locks (one per buyer and limited item: one buyer's concurrent checkouts queue up), then
  -- the SKU rows by id — so two batches running at once never wait on each other in a cycle.
  -- Taking the SKUs before writing anything that references them also keeps their locks
  -- plain: the foreign-key checks of the rows inserted below take KEY SHARE locks on the SKU,
  -- and taken by many transactions at once on a hot row those become MultiXacts, which every
  -- later reader and locker of the row must look up (measured: most of Postgres's CPU per
  -- order in a flash sale). Here they find a row this transaction already holds.
  -- A flash sale's per-buyer limit is a buy limit too, keyed by the sale.
  PERFORM pg_advisory_xact_lock(k)
     FROM (SELECT DISTINCT hashtext('buy-limit:' || (x->>'buyerId') || ':' || (lim->>'itemId')) AS k
             FROM jsonb_array_elements(ps) x, jsonb_array_elements(x->'limits') lim
           UNION
           SELECT DISTINCT hashtext('sale-limit:' || (x->>'buyerId') || ':' || (lim->>'saleId'))
             FROM jsonb_array_elements(ps) x, jsonb_array_elements(COALESCE(x->'saleLimits', '[]'::jsonb)) lim
           UNION
           -- One buyer's unpaid orders in a store are counted one checkout at a time (unpaid caps).
           SELECT DISTINCT hashtext('unpaid:' || (x->>'buyerId') || ':' || (x->>'storeId'))
             FROM jsonb_array_elements(ps) x WHERE x ? 'unpaidCaps' ORDER BY 1) locks;
  PERFORM 1 FROM "Sku"
    WHERE id IN (SELECT l->>'skuId' FROM jsonb_array_elements(ps) x, jsonb_array_elements(x->'lines') l)
    ORDER BY id FOR NO KEY UPDATE;
  -- Then the coupons the orders use (lib/promotions), by id: one coupon in two checkouts at
  -- once is placed by the first and refused to the second, which reads it after the first ends.
  PERFORM 1 FROM "CouponClaim"
    WHERE id IN (SELECT x->>'couponClaimId' FROM jsonb_array_elements(ps) x WHERE x->>'couponClaimId' IS NOT NULL)
    ORDER BY id FOR NO KEY UPDATE;
  -- And the flash-sale SKUs whose units at the sale price are counted (a quantity was set): the
  -- count is checked and moved under this lock. Taken after the SKU itself, which every
  -- checkout of that SKU already queues on, so it adds no wait of its own.
  PERFORM 1 FROM "FlashSaleSku"
    WHERE id IN (SELECT l->>'flashSaleSkuId' FROM jsonb_array_elements(ps) x, jsonb_array_elements(x->'lines') l
                  WHERE (l->>'saleCapped')::boolean)
    ORDER BY id FOR NO KEY UPDATE;

  -- Orders inserted in key order too: a twin submit of an order here may be in another batch
  -- at the same moment, and its insert waits for that batch to end.
  FOR o IN SELECT value AS p, ordinality AS n FROM jsonb_array_elements(ps) WITH ORDINALITY
            ORDER BY value->>'buyerId', value->>'idempotencyKey' LOOP
    results[o.n] := ls_place_one(o.p);
  END LOOP;
  RETURN to_jsonb(results)::text;
END $$ LANGUAGE plpgsql;

-- One order of a batch, its locks already held (ls_place_orders). Refusals are returned, not
-- raised: raising would undo the whole batch.
-- A buyer's unpaid orders in a store and their units per SKU ({skuId: units}), for the unpaid
-- caps. Its plan is pinned to the buyer's own rows: the buyerId index on "Order" (store and
-- status compared as expressions, so no index on them qualifies), then each order's lines by
-- the orderId index in a nested loop. Left to itself the planner may start from the store's
-- pending orders or scan "OrderLine" (stale statistics on fast-growing tables make that look
-- cheap): in a flash sale those are thousands of rows, more each round, and the first version
-- of this check, planned that way, cut the flash sale from 981 to 114–160 orders/s.
CREATE OR REPLACE FUNCTION ls_unpaid_held(p_buyer text, p_store text, OUT orders int, OUT units jsonb) AS $$
BEGIN
  WITH mine AS MATERIALIZED (
    SELECT o.id FROM "Order" o
     WHERE o."buyerId" = p_buyer AND (o."storeId" || '') = p_store AND o.status::text = 'PENDING_PAYMENT'
  ), per_sku AS (
    SELECT l."skuId", SUM(l.quantity)::int AS n FROM mine JOIN "OrderLine" l ON l."orderId" = mine.id GROUP BY l."skuId"
  )
  SELECT (SELECT count(*)::int FROM mine), COALESCE((SELECT jsonb_object_agg("skuId", n) FROM per_sku), '{}'::jsonb)
    INTO orders, units;
END;
$$ LANGUAGE plpgsql STABLE
   SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off;

CREATE OR REPLACE FUNCTION ls_place_one(p jsonb) RETURNS jsonb AS $$
DECLARE
  lim jsonb;
  line jsonb;
  bought int;
  held_orders int;
  held_units jsonb;
  sku record;
  got_stock int;
  got_item text;
  order_id text := p->>'id';
  sold_out boolean := false;
  sale_sold_out boolean := false;
  due_now boolean := false;
BEGIN
  -- Open, and (in service-provider mode: requireBound) its WeChat Pay sub-merchant bound.
  IF NOT EXISTS (SELECT 1 FROM "Store" WHERE id = p->>'storeId' AND status = 'APPROVED'
                   AND ("payBinding" = 'BOUND' OR NOT COALESCE((p->>'requireBound')::boolean, false))) THEN
    RETURN jsonb_build_object('refused', 'STORE_NOT_OPEN', 'detail', '{}'::jsonb);
  END IF;

  -- Against stock hoarding (MAX_UNPAID_* in lib/env.ts): the buyer's unpaid orders in this
  -- store, and their unpaid units of each SKU, this order included, within the caps
  -- (ls_unpaid_held: read through the buyer's own rows only).
  IF p ? 'unpaidCaps' THEN
    SELECT h.orders, h.units INTO held_orders, held_units FROM ls_unpaid_held(p->>'buyerId', p->>'storeId') h;
    IF held_orders >= (p->'unpaidCaps'->>'orders')::int THEN
      RETURN jsonb_build_object('refused', 'UNPAID_LIMIT', 'detail', jsonb_build_object('kind', 'orders', 'limit', (p->'unpaidCaps'->>'orders')::int, 'already', held_orders));
    END IF;
    FOR line IN SELECT value FROM jsonb_array_elements(p->'lines') ORDER BY value->>'skuId' LOOP
      bought := COALESCE((held_units->>(line->>'skuId'))::int, 0);
      IF bought + (line->>'quantity')::int > (p->'unpaidCaps'->>'units')::int THEN
        RETURN jsonb_build_object('refused', 'UNPAID_LIMIT', 'detail', jsonb_build_object('kind', 'units', 'skuId', line->>'skuId', 'limit', (p->'unpaidCaps'->>'units')::int, 'already', bought));
      END IF;
    END LOOP;
  END IF;

  -- Buy limits: this order plus the buyer's earlier orders that were not cancelled (this
  -- batch's included: they are this transaction's own rows).
  FOR lim IN SELECT value FROM jsonb_array_elements(p->'limits') ORDER BY value->>'itemId' LOOP
    SELECT COALESCE(SUM(l.quantity), 0) INTO bought
      FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
     WHERE l."itemId" = lim->>'itemId' AND o."buyerId" = p->>'buyerId' AND o.status <> 'CANCELLED';
    IF bought + (lim->>'quantity')::int > (lim->>'limit')::int THEN
      RETURN jsonb_build_object('refused', 'BUY_LIMIT', 'detail',
        jsonb_build_object('itemId', lim->>'itemId', 'limit', (lim->>'limit')::int, 'already', bought));
    END IF;
  END LOOP;

  -- A flash sale's per-buyer limit: units this buyer has at its prices, in orders not cancelled.
  FOR lim IN SELECT value FROM jsonb_array_elements(COALESCE(p->'saleLimits', '[]'::jsonb)) ORDER BY value->>'saleId' LOOP
    SELECT COALESCE(SUM(l.quantity), 0) INTO bought
      FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
     WHERE l."flashSaleId" = lim->>'saleId' AND o."buyerId" = p->>'buyerId' AND o.status <> 'CANCELLED';
    IF bought + (lim->>'quantity')::int > (lim->>'limit')::int THEN
      RETURN jsonb_build_object('refused', 'SALE_LIMIT', 'detail',
        jsonb_build_object('saleId', lim->>'saleId', 'limit', (lim->>'limit')::int, 'already', bought));
    END IF;
  END LOOP;

  -- Each line at a sale price: the sale in force when the order was placed (createdAt, the
  -- app's clock when it read the price), and — when the sale counts its units — enough of
  -- them left at that price (the row is locked: ls_place_orders).
  FOR line IN SELECT value FROM jsonb_array_elements(p->'lines') WHERE value->>'flashSaleSkuId' IS NOT NULL ORDER BY value->>'skuId' LOOP
    IF NOT EXISTS (
         SELECT 1 FROM "FlashSaleSku" fs JOIN "FlashSale" f ON f.id = fs."saleId"
          WHERE fs.id = line->>'flashSaleSkuId' AND fs."skuId" = line->>'skuId' AND fs."priceFen" = (line->>'unitPriceFen')::int
            AND f."startsAt" <= (p->>'createdAt')::timestamptz AND f."endsAt" > (p->>'createdAt')::timestamptz
            AND (fs.quantity IS NULL OR fs.sold + (line->>'quantity')::int <= fs.quantity)) THEN
      RETURN jsonb_build_object('refused', 'SALE_SOLD_OUT', 'detail',
        (SELECT jsonb_build_object('skuId', line->>'skuId', 'available', GREATEST(fs.quantity - fs.sold, 0)) FROM "FlashSaleSku" fs WHERE fs.id = line->>'flashSaleSkuId'));
    END IF;
  END LOOP;

  -- Every line's stock, read under the batch's lock, so the reservation below cannot fail.
  FOR line IN SELECT value FROM jsonb_array_elements(p->'lines') ORDER BY value->>'skuId' LOOP
    SELECT s.stock, s.active AND i.status = 'ON_SALE' AND s."storeId" = p->>'storeId' AS orderable INTO sku
      FROM "Sku" s JOIN "Item" i ON i.id = s."itemId" WHERE s.id = line->>'skuId';
    IF NOT FOUND OR NOT sku.orderable OR sku.stock < (line->>'quantity')::int THEN
      RETURN jsonb_build_object('refused', 'SOLD_OUT', 'detail',
        jsonb_build_object('skuId', line->>'skuId', 'available', CASE WHEN sku.orderable THEN sku.stock ELSE 0 END));
    END IF;
  END LOOP;

  -- The buyer's coupon, still theirs to use (its lock is held: ls_place_orders). Its terms
  -- were checked and its discount computed by the application from the same row.
  IF p->>'couponClaimId' IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM "CouponClaim" c WHERE c.id = p->>'couponClaimId' AND c."buyerId" = p->>'buyerId'
          AND c."storeId" = p->>'storeId' AND c.status = 'AVAILABLE' AND c."validFrom" <= now() AND c."validUntil" > now()) THEN
    RETURN jsonb_build_object('refused', 'COUPON_UNAVAILABLE', 'detail', '{}'::jsonb);
  END IF;

  -- A retried submit (or its twin) finds the order its key placed: nothing is written.
  INSERT INTO "Order" (id, "orderNo", "outTradeNo", "storeId", "buyerId", status, "itemsFen", "postageFen", "totalFen",
                       recipient, phone, province, city, district, "addressDetail", "buyerNote", "protectionTerms",
                       "idempotencyKey", "requestHash", "payBy", "feeRateBps", "couponClaimId", "discountFen", "postageDiscountFen", "createdAt", "updatedAt")
  VALUES (order_id, p->>'orderNo', p->>'outTradeNo', p->>'storeId', p->>'buyerId', 'PENDING_PAYMENT',
          (p->>'itemsFen')::int, (p->>'postageFen')::int, (p->>'totalFen')::int,
          p->>'recipient', p->>'phone', p->>'province', p->>'city', p->>'district', p->>'addressDetail', p->>'buyerNote',
          p->'protectionTerms', p->>'idempotencyKey', p->>'requestHash', (p->>'payBy')::timestamptz, COALESCE((p->>'feeRateBps')::int, 0),
          p->>'couponClaimId', COALESCE((p->>'discountFen')::int, 0), COALESCE((p->>'postageDiscountFen')::int, 0),
          COALESCE((p->>'createdAt')::timestamptz, now()), now())
  ON CONFLICT ("buyerId", "idempotencyKey") DO NOTHING;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('refused', 'DUPLICATE', 'detail', '{}'::jsonb);
  END IF;

  INSERT INTO "OrderLine" (id, "orderId", "itemId", "skuId", title, "specKey", "imageId", "unitPriceFen", quantity, "lineTotalFen", "feeRateBps", "discountFen", "flashSaleId", "flashSaleSkuId", "listPriceFen")
  SELECT x.id, order_id, x."itemId", x."skuId", x.title, x."specKey", x."imageId", x."unitPriceFen", x.quantity, x."lineTotalFen", COALESCE(x."feeRateBps", 0), COALESCE(x."discountFen", 0), x."flashSaleId", x."flashSaleSkuId", x."listPriceFen"
    FROM jsonb_to_recordset(p->'lines') AS x(id text, "itemId" text, "skuId" text, title text, "specKey" text, "imageId" text, "unitPriceFen" int, quantity int, "lineTotalFen" int, "feeRateBps" int, "discountFen" int, "flashSaleId" text, "flashSaleSkuId" text, "listPriceFen" int);

  -- Units taken at a counted sale price. The last of them tells the store once (a job), and
  -- the storefront's cached pages must show the normal price from now on (saleSoldOut).
  FOR line IN SELECT value FROM jsonb_array_elements(p->'lines') WHERE (value->>'saleCapped')::boolean ORDER BY value->>'skuId' LOOP
    UPDATE "FlashSaleSku" SET sold = sold + (line->>'quantity')::int WHERE id = line->>'flashSaleSkuId'
    RETURNING quantity - sold INTO got_stock;
    IF got_stock = 0 THEN
      sale_sold_out := true;
      INSERT INTO "Job" (queue, payload, "runAt", "maxAttempts", "singletonKey", "createdAt")
      -- SALE_SOLD_OUT_QUEUE in lib/promotions/flash-sales.ts.
      VALUES ('promotions.saleSoldOut', jsonb_build_object('flashSaleSkuId', line->>'flashSaleSkuId'), now(), 5, 'sale-sold-out:' || (line->>'flashSaleSkuId'), now())
      ON CONFLICT ("singletonKey") DO NOTHING;
      due_now := true;
    END IF;
  END LOOP;

  -- The coupon is held by this order until it is paid (USED) or cancelled (given back).
  IF p->>'couponClaimId' IS NOT NULL THEN
    UPDATE "CouponClaim" SET status = 'LOCKED', "orderId" = order_id WHERE id = p->>'couponClaimId';
  END IF;

  INSERT INTO "OrderEvent" ("orderId", type, "toStatus", "actorKind", "actorId", "createdAt")
  VALUES (order_id, 'PLACE', 'PENDING_PAYMENT', 'BUYER', p->>'buyerId', now());

  INSERT INTO "Job" (queue, payload, "runAt", "maxAttempts", "singletonKey", "createdAt")
  VALUES ('order.expire', jsonb_build_object('orderId', order_id), (p->>'payBy')::timestamptz, 10, 'order.expire:' || order_id, now())
  ON CONFLICT ("singletonKey") DO NOTHING;

  FOR line IN SELECT value FROM jsonb_array_elements(p->'lines') ORDER BY value->>'skuId' LOOP
    -- Still guarded, though the check above under the same lock says it holds: the database
    -- also refuses negative stock (10-guards.sql), and this way an oversell cannot even be tried.
    UPDATE "Sku" s SET stock = s.stock - (line->>'quantity')::int, "updatedAt" = now()
     WHERE s.id = line->>'skuId' AND s.stock >= (line->>'quantity')::int
    RETURNING s.stock, s."itemId" INTO got_stock, got_item;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'stock of % changed under the batch lock', line->>'skuId';
    END IF;
    sold_out := sold_out OR got_stock = 0;
    INSERT INTO "StockLedgerEntry" ("storeId", "itemId", "skuId", delta, "resultingStock", reason, "actorId", "orderId", "createdAt")
    VALUES (p->>'storeId', got_item, line->>'skuId', -(line->>'quantity')::int, got_stock, 'ORDER_RESERVED', p->>'buyerId', order_id, now());
    -- Crossing down to the low-stock threshold (LOW_STOCK_THRESHOLD in lib/notifications/kinds.ts)
    -- tells the store, once, through a job.
    IF got_stock <= 5 AND got_stock + (line->>'quantity')::int > 5 THEN
      INSERT INTO "Job" (queue, payload, "runAt", "maxAttempts", "createdAt")
      VALUES ('notifications.lowStock', jsonb_build_object('storeId', p->>'storeId', 'skuId', line->>'skuId', 'itemId', got_item, 'stock', got_stock), now(), 5, now());
      due_now := true;
    END IF;
  END LOOP;

  RETURN jsonb_build_object('id', order_id, 'soldOut', sold_out OR sale_sold_out, 'dueNow', due_now);
END $$ LANGUAGE plpgsql;
