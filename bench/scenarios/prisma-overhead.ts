// Prisma overhead: the checkout transaction as the app runs it (lib/orders/checkout.ts through
// Prisma) against the same statements sent with plain pg, same concurrency, same data.
import crypto from "node:crypto";
import pg from "pg";
import { loadActor } from "../../lib/auth/session";
import { getDb } from "../../lib/db/client";
import { placeOrder } from "../../lib/orders/checkout";
import { newOrderNo, outTradeNoFor } from "../../lib/orders/numbers";
import { benchAddress, seedItem, seedStore } from "../support/seed";
import { summarize, type ScenarioResult } from "../support/stats";

const CONCURRENCY = 8;

async function runConcurrently(n: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        await task(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { perSecond: (n / (performance.now() - t0)) * 1000, latencies };
}

export async function prismaOverhead(opts: { databaseUrl: string; orders: number }): Promise<ScenarioResult> {
  const { storeId } = await seedStore("prisma");
  const skuIds: string[] = [];
  for (let i = 0; i < 20; i++) skuIds.push(...(await seedItem(storeId, { title: `P${i}`, skus: [{ priceFen: 1000, stock: 10_000_000 }] })).skuIds);
  const buyer = await getDb().user.create({ data: { role: "BUYER", name: "prisma bench", wechatOpenId: `oPrisma${crypto.randomBytes(8).toString("hex")}` } });
  const actor = (await loadActor(buyer.id))!;
  const sku = (i: number) => skuIds[i % skuIds.length];

  // Warm both paths.
  await placeOrder(actor, { storeId, lines: [{ skuId: sku(0), quantity: 1 }], address: benchAddress, idempotencyKey: crypto.randomUUID() });
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
  pool.on("error", () => {});

  const viaPrisma = await runConcurrently(opts.orders, async (i) => {
    await placeOrder(actor, { storeId, lines: [{ skuId: sku(i), quantity: 1 }], address: benchAddress, idempotencyKey: crypto.randomUUID() });
  });
  const viaPg = await runConcurrently(opts.orders, async (i) => {
    await rawCheckout(pool, { storeId, buyerId: buyer.id, skuId: sku(i), key: crypto.randomUUID() });
  });
  await pool.end();
  return {
    name: "prisma-overhead",
    throughput: Math.round(viaPrisma.perSecond * 10) / 10,
    unit: "orders/s",
    ...summarize(viaPrisma.latencies),
    ceiling: Math.round(viaPg.perSecond * 10) / 10,
    ratio: Math.round((viaPrisma.perSecond / viaPg.perSecond) * 1000) / 1000,
    errors: 0,
    oversold: null,
    notes: `${opts.orders} single-line checkouts at concurrency ${CONCURRENCY}; plain pg p50 ${summarize(viaPg.latencies).p50_ms} ms`,
  };
}

/** The statements lib/orders/checkout.ts issues for a one-line cart, written by hand. */
async function rawCheckout(pool: pg.Pool, p: { storeId: string; buyerId: string; skuId: string; key: string }) {
  const c = await pool.connect();
  try {
    await c.query(`SELECT id FROM "Order" WHERE "buyerId" = $1 AND "idempotencyKey" = $2`, [p.buyerId, p.key]);
    await c.query("BEGIN");
    await c.query(`SELECT status FROM "Store" WHERE id = $1`, [p.storeId]);
    const { rows } = await c.query(
      `SELECT s.id, s.active, s."priceFen", s."specKey", s.stock, s."itemId", i.status, i.title, i."mainImageId", i."buyLimit", i."postageMode", i."postageFen", i."postageExtraFen"
         FROM "Sku" s JOIN "Item" i ON i.id = s."itemId" WHERE s.id = ANY($1) AND s."storeId" = $2`,
      [[p.skuId], p.storeId],
    );
    const sku = rows[0];
    const orderId = `c${crypto.randomBytes(12).toString("hex")}`;
    const orderNo = newOrderNo();
    const payBy = new Date(Date.now() + 30 * 60_000);
    await c.query(
      `INSERT INTO "Order" (id, "orderNo", "outTradeNo", "storeId", "buyerId", status, "itemsFen", "postageFen", "totalFen", recipient, phone, province, city, district, "addressDetail", "protectionTerms", "idempotencyKey", "requestHash", "payBy", "updatedAt")
       VALUES ($1,$2,$3,$4,$5,'PENDING_PAYMENT',$6,0,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,now())`,
      [orderId, orderNo, outTradeNoFor(orderNo), p.storeId, p.buyerId, sku.priceFen, benchAddress.recipient, benchAddress.phone, benchAddress.province, benchAddress.city, benchAddress.district, benchAddress.detail, JSON.stringify({ version: 1 }), p.key, "x", payBy],
    );
    await c.query(
      `INSERT INTO "OrderLine" (id, "orderId", "itemId", "skuId", title, "specKey", "imageId", "unitPriceFen", quantity, "lineTotalFen") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,1,$8)`,
      [`l${crypto.randomBytes(12).toString("hex")}`, orderId, sku.itemId, sku.id, sku.title, sku.specKey, sku.mainImageId, sku.priceFen],
    );
    await c.query(`INSERT INTO "OrderEvent" ("orderId", type, "toStatus", "actorKind", "actorId") VALUES ($1, 'PLACE', 'PENDING_PAYMENT', 'BUYER', $2)`, [orderId, p.buyerId]);
    const r = await c.query(`UPDATE "Sku" SET stock = stock + $1::int, "updatedAt" = now() WHERE id = $2 AND "storeId" = $3 AND stock + $1::int >= 0 RETURNING stock, "itemId"`, [-1, sku.id, p.storeId]);
    await c.query(`INSERT INTO "StockLedgerEntry" ("storeId", "itemId", "skuId", delta, "resultingStock", reason, "actorId", "orderId") VALUES ($1,$2,$3,-1,$4,'ORDER_RESERVED',$5,$6)`, [p.storeId, sku.itemId, sku.id, r.rows[0].stock, p.buyerId, orderId]);
    await c.query(`INSERT INTO "Job" (queue, payload, "runAt", "maxAttempts", "singletonKey") VALUES ('order.expire', $1::jsonb, $2, 10, $3) ON CONFLICT ("singletonKey") DO NOTHING`, [JSON.stringify({ orderId }), payBy, `order.expire:${orderId}`]);
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}
