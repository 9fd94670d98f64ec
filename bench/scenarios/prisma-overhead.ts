// Prisma overhead: the checkout transaction as the app runs it (lib/orders/checkout.ts through
// Prisma) against the same statements sent with plain pg, same concurrency, same data.
// placeOrder also hashes the request and validates input: that is the app's cost too, and counts.
import crypto from "node:crypto";
import pg from "pg";
import { loadActor } from "../../lib/auth/session";
import { getDb } from "../../lib/db/client";
import { orderableStatement, placeOrder, prepareOrder, rowsByQuery, type OrderableQuery, type OrderableRow } from "../../lib/orders/checkout";
import { batcher, READ_BATCH } from "../../lib/db/batch";
import { currentFeeRates } from "../../lib/payments/fee-rates";
import { MAX_BATCH, MAX_IN_FLIGHT, type BatchableOrder, type PlaceOutcome } from "../../lib/orders/place-batch";
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
  const checkout = rawCheckout(pool);
  const viaPg = await runConcurrently(opts.orders, async (i) => {
    await checkout({ storeId, buyerId: buyer.id, skuId: sku(i), key: crypto.randomUUID() });
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

/**
 * The statements lib/orders/checkout.ts issues for a one-line cart, sent with plain pg: the
 * same read (orderableStatement), the same pure preparation, the same ls_place_orders call,
 * each batched the same way (lib/db/batch.ts). What differs is only the client: Prisma's
 * $queryRaw through its pg driver adapter versus pg itself.
 */
function rawCheckout(pool: pg.Pool) {
  const read = batcher(
    async (queries: OrderableQuery[]) => {
      const statement = orderableStatement(queries);
      return rowsByQuery(queries, (await pool.query<OrderableRow & { n: number }>(statement.text, statement.values)).rows);
    },
    READ_BATCH,
  );
  const place = batcher(
    async (orders: BatchableOrder[]) => JSON.parse((await pool.query<{ result: string }>(`SELECT ls_place_orders($1::jsonb) AS result`, [JSON.stringify(orders)])).rows[0].result) as PlaceOutcome[],
    { maxInFlight: MAX_IN_FLIGHT, maxBatch: MAX_BATCH },
  );
  return async (p: { storeId: string; buyerId: string; skuId: string; key: string }) => {
    const lines = [{ skuId: p.skuId, quantity: 1 }];
    const shipTo = { recipient: benchAddress.recipient, phone: benchAddress.phone, province: benchAddress.province, city: benchAddress.city, district: benchAddress.district, addressDetail: benchAddress.detail };
    const [rows, feeRates] = await Promise.all([read({ storeId: p.storeId, skuIds: lines.map((l) => l.skuId), refusalScope: null, key: p.key }), currentFeeRates()]);
    const { payload } = prepareOrder({ buyerId: p.buyerId, storeId: p.storeId, lines, shipTo, key: p.key, requestHash: "bench", refusalScope: null }, rows, new Date(), feeRates);
    const outcome = await place(payload);
    if (outcome.refused) throw new Error(`plain pg checkout refused: ${outcome.refused}`);
  };
}
