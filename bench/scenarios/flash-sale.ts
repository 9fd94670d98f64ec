// Flash sale: one hot SKU, many concurrent buyers placing orders through the Store API,
// side by side with the raw ceiling — the same number of concurrent clients running only the
// single guarded UPDATE on a SKU row with plain pg, on the same database.
import crypto from "node:crypto";
import pg from "pg";
import { getDb } from "../../lib/db/client";
import { closedLoop, summarize, type ScenarioResult } from "../support/stats";
import { benchAddress, seedBuyers, seedItem, seedStore } from "../support/seed";

export async function flashSale(opts: { baseUrl: string; databaseUrl: string; clients: number; connections: number; stock: number }): Promise<ScenarioResult> {
  const { storeId } = await seedStore("flash");
  const { skuIds } = await seedItem(storeId, { title: "秒杀爆款", skus: [{ priceFen: 990, stock: opts.stock }] });
  const skuId = skuIds[0];
  const tokens = await seedBuyers(opts.clients, "flash");
  // Before the sale, every buyer places one order of something else, all at once: the route's
  // code is loaded, the app's pool connections are open (as the ceiling's are), and each buyer
  // has an open keep-alive connection, as behind a load balancer or proxy that pools them.
  // Without that the sale measures Node's accept loop instead: libuv (≥ 1.45) accepts one new
  // connection per event-loop turn, so with the loop busy, 200 buyers arriving on fresh
  // connections are let in ~20 ms apart and the last wait ~3 s (seen with strace: one accept4
  // per epoll_wait). Put a pooling proxy in front in production for the same reason.
  const warm = await seedItem(storeId, { title: "warm-up", skus: [{ priceFen: 100, stock: opts.clients }] });
  await Promise.all(
    tokens.map(async (token) => {
      const res = await fetch(`${opts.baseUrl}/api/store/v1/orders`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify({ storeId, lines: [{ skuId: warm.skuIds[0], quantity: 1 }], address: benchAddress }),
      });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`warm-up order answered ${res.status}`);
    }),
  );

  const latencies: number[] = [];
  let created = 0;
  let soldOut = 0;
  let errors = 0;
  let lastSuccessAt = 0;
  const started = performance.now();
  await closedLoop({
    clients: opts.clients,
    maxMs: 180_000,
    task: async (c) => {
      const t0 = performance.now();
      let status = 0;
      try {
        const res = await fetch(`${opts.baseUrl}/api/store/v1/orders`, {
          method: "POST",
          headers: { Authorization: `Bearer ${tokens[c]}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
          body: JSON.stringify({ storeId, lines: [{ skuId, quantity: 1 }], address: benchAddress }),
        });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = 599;
      }
      latencies.push(performance.now() - t0);
      if (status === 201) {
        created++;
        lastSuccessAt = performance.now();
        return "continue";
      }
      if (status === 409) {
        soldOut++;
        return "stop"; // nothing is ever returned to stock during the sale: sold out is final
      }
      errors++;
      return "continue";
    },
  });
  const sellingMs = Math.max(1, lastSuccessAt - started);
  const throughput = (created / sellingMs) * 1000;

  const sku = await getDb().sku.findUniqueOrThrow({ where: { id: skuId }, select: { stock: true } });
  const ordered = await getDb().orderLine.aggregate({ where: { skuId }, _sum: { quantity: true } });
  const sold = ordered._sum.quantity ?? 0;
  const oversold = Math.max(0, sold - opts.stock) + (sku.stock < 0 ? -sku.stock : 0);

  const ceiling = await rawCeiling({ databaseUrl: opts.databaseUrl, storeId, clients: opts.clients, connections: opts.connections, stock: opts.stock });
  return {
    name: "flash-sale",
    throughput: round(throughput),
    unit: "orders/s",
    ...summarize(latencies),
    ceiling: round(ceiling),
    ratio: round(throughput / ceiling, 3),
    errors,
    oversold,
    notes: `${opts.clients} buyers (each after one warm-up order), ${opts.stock} units: ${created} orders in ${(sellingMs / 1000).toFixed(1)} s, ${soldOut} sold-out answers; stock left ${sku.stock}; ceiling = ${opts.clients} clients running only the guarded UPDATE over ${opts.connections} pg connections (the app's pool size)`,
  };
}

/** The same number of clients decrementing one SKU row with the bare guarded UPDATE. */
async function rawCeiling(opts: { databaseUrl: string; storeId: string; clients: number; connections: number; stock: number }): Promise<number> {
  const { skuIds } = await seedItem(opts.storeId, { title: "ceiling", skus: [{ priceFen: 990, stock: opts.stock }] });
  // The clients share as many connections as the app's own pool has (DATABASE_POOL_SIZE):
  // the same concurrency reaching the database on both sides.
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.connections });
  pool.on("error", () => {});
  await Promise.all(Array.from({ length: opts.connections }, () => pool.query("SELECT 1")));
  let done = 0;
  let lastAt = 0;
  const started = performance.now();
  await closedLoop({
    clients: opts.clients,
    maxMs: 120_000,
    task: async () => {
      const r = await pool.query(`UPDATE "Sku" SET stock = stock - 1 WHERE id = $1 AND stock >= 1`, [skuIds[0]]);
      if (r.rowCount === 1) {
        done++;
        lastAt = performance.now();
        return "continue";
      }
      return "stop";
    },
  });
  await pool.end();
  return (done / Math.max(1, lastAt - started)) * 1000;
}

const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
