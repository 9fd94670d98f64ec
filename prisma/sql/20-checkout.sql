-- Checkout's write path as one SQL function, so it runs as ONE statement: the hot SKU rows a
-- flash sale fights over stay locked only while the statement runs (microseconds), not across
-- client round trips. The application computes prices, postage and snapshots first
-- (lib/orders/checkout.ts) and passes them in; this function enforces what must be atomic:
-- buy limits, stock reservation (guarded: never below zero), the order, its lines, its first
-- event, the ledger entries and the expiry job — all or nothing.
-- Returns, as JSON text, {"id": the order's id, "soldOut": whether a line took a SKU's stock to
-- zero (the storefront's cached cards show "sold out", so that is when they must be redrawn),
-- "dueNow": whether it queued a job to run at once (the low-stock notice; the expiry job is
-- due only when the order's time to pay runs out), so the app wakes its worker only then}.
-- Failures raise SQLSTATE P0001 with MESSAGE 'SOLD_OUT' | 'BUY_LIMIT' | 'STORE_NOT_OPEN' and a
-- JSON DETAIL, which lib/orders/checkout.ts turns into typed errors.

CREATE OR REPLACE FUNCTION ls_place_order(p jsonb) RETURNS text AS $$
DECLARE
  lim jsonb;
  line jsonb;
  bought int;
  left_stock int;
  got_stock int;
  got_item text;
  order_id text := p->>'id';
  sold_out boolean := false;
  due_now boolean := false;
  reserved jsonb := '[]'::jsonb;
  r jsonb;
BEGIN
  IF (SELECT status FROM "Store" WHERE id = p->>'storeId') IS DISTINCT FROM 'APPROVED' THEN
    RAISE EXCEPTION 'STORE_NOT_OPEN' USING ERRCODE = 'P0001';
  END IF;

  -- Buy limits: this order plus the buyer's earlier orders that were not cancelled. The
  -- per-(buyer, item) advisory lock makes one buyer's concurrent checkouts queue up.
  FOR lim IN SELECT value FROM jsonb_array_elements(p->'limits') ORDER BY value->>'itemId' LOOP
    PERFORM pg_advisory_xact_lock(hashtext('buy-limit:' || (p->>'buyerId') || ':' || (lim->>'itemId')));
    SELECT COALESCE(SUM(l.quantity), 0) INTO bought
      FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
     WHERE l."itemId" = lim->>'itemId' AND o."buyerId" = p->>'buyerId' AND o.status <> 'CANCELLED';
    IF bought + (lim->>'quantity')::int > (lim->>'limit')::int THEN
      RAISE EXCEPTION 'BUY_LIMIT' USING ERRCODE = 'P0001',
        DETAIL = json_build_object('itemId', lim->>'itemId', 'limit', (lim->>'limit')::int, 'already', bought)::text;
    END IF;
  END LOOP;

  -- Stock first, in SKU order (no deadlocks between multi-line carts). Before anything that
  -- references the SKU: the foreign-key checks of the rows inserted below take KEY SHARE locks
  -- on the SKU, the item and the store, and taken by many transactions at once on a hot row
  -- those become MultiXacts, which every later reader and locker of the row must look up
  -- (measured: most of Postgres's CPU per order in a flash sale). With the SKU updated first,
  -- checkouts of one SKU queue on its row lock before taking any of those, and this
  -- transaction's own checks find rows it already holds.
  FOR line IN SELECT value FROM jsonb_array_elements(p->'lines') ORDER BY value->>'skuId' LOOP
    UPDATE "Sku" s
       SET stock = s.stock - (line->>'quantity')::int, "updatedAt" = now()
      FROM "Item" i
     WHERE s.id = line->>'skuId' AND s."storeId" = p->>'storeId' AND s.active
       AND i.id = s."itemId" AND i.status = 'ON_SALE'
       AND s.stock >= (line->>'quantity')::int
    RETURNING s.stock, s."itemId" INTO got_stock, got_item;
    IF NOT FOUND THEN
      SELECT stock INTO left_stock FROM "Sku" WHERE id = line->>'skuId';
      RAISE EXCEPTION 'SOLD_OUT' USING ERRCODE = 'P0001',
        DETAIL = json_build_object('skuId', line->>'skuId', 'available', COALESCE(left_stock, 0))::text;
    END IF;
    reserved := reserved || jsonb_build_object('skuId', line->>'skuId', 'itemId', got_item, 'quantity', (line->>'quantity')::int, 'stock', got_stock);
    sold_out := sold_out OR got_stock = 0;
  END LOOP;

  INSERT INTO "Order" (id, "orderNo", "outTradeNo", "storeId", "buyerId", status, "itemsFen", "postageFen", "totalFen",
                       recipient, phone, province, city, district, "addressDetail", "buyerNote", "protectionTerms",
                       "idempotencyKey", "requestHash", "payBy", "createdAt", "updatedAt")
  VALUES (order_id, p->>'orderNo', p->>'outTradeNo', p->>'storeId', p->>'buyerId', 'PENDING_PAYMENT',
          (p->>'itemsFen')::int, (p->>'postageFen')::int, (p->>'totalFen')::int,
          p->>'recipient', p->>'phone', p->>'province', p->>'city', p->>'district', p->>'addressDetail', p->>'buyerNote',
          p->'protectionTerms', p->>'idempotencyKey', p->>'requestHash', (p->>'payBy')::timestamptz,
          COALESCE((p->>'createdAt')::timestamptz, now()), now());

  INSERT INTO "OrderLine" (id, "orderId", "itemId", "skuId", title, "specKey", "imageId", "unitPriceFen", quantity, "lineTotalFen")
  SELECT x.id, order_id, x."itemId", x."skuId", x.title, x."specKey", x."imageId", x."unitPriceFen", x.quantity, x."lineTotalFen"
    FROM jsonb_to_recordset(p->'lines') AS x(id text, "itemId" text, "skuId" text, title text, "specKey" text, "imageId" text, "unitPriceFen" int, quantity int, "lineTotalFen" int);

  INSERT INTO "OrderEvent" ("orderId", type, "toStatus", "actorKind", "actorId", "createdAt")
  VALUES (order_id, 'PLACE', 'PENDING_PAYMENT', 'BUYER', p->>'buyerId', now());

  INSERT INTO "Job" (queue, payload, "runAt", "maxAttempts", "singletonKey", "createdAt")
  VALUES ('order.expire', jsonb_build_object('orderId', order_id), (p->>'payBy')::timestamptz, 10, 'order.expire:' || order_id, now())
  ON CONFLICT ("singletonKey") DO NOTHING;

  -- The ledger entries reference the order, so they follow it.
  FOR r IN SELECT value FROM jsonb_array_elements(reserved) LOOP
    INSERT INTO "StockLedgerEntry" ("storeId", "itemId", "skuId", delta, "resultingStock", reason, "actorId", "orderId", "createdAt")
    VALUES (p->>'storeId', r->>'itemId', r->>'skuId', -(r->>'quantity')::int, (r->>'stock')::int, 'ORDER_RESERVED', p->>'buyerId', order_id, now());
    -- Crossing down to the low-stock threshold (LOW_STOCK_THRESHOLD in lib/notifications/kinds.ts)
    -- tells the store, once, through a job.
    IF (r->>'stock')::int <= 5 AND (r->>'stock')::int + (r->>'quantity')::int > 5 THEN
      INSERT INTO "Job" (queue, payload, "runAt", "maxAttempts", "createdAt")
      VALUES ('notifications.lowStock', jsonb_build_object('storeId', p->>'storeId', 'skuId', r->>'skuId', 'itemId', r->>'itemId', 'stock', (r->>'stock')::int), now(), 5, now());
      due_now := true;
    END IF;
  END LOOP;

  RETURN json_build_object('id', order_id, 'soldOut', sold_out, 'dueNow', due_now)::text;
END $$ LANGUAGE plpgsql;
