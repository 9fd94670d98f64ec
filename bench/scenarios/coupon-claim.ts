// Coupon claim: 200 buyers claiming the last 1000 coupons of one store coupon through the Store
// API (POST /coupons/{id}/claim, one statement: ls_claim_coupon), beside its ceiling — the same
// clients running only the bare guarded UPDATE of a coupon's remaining count with plain pg.
import pg from "pg";
import { getDb } from "../../lib/db/client";
import { baseUrlOf, closedLoop, summarize, type ScenarioResult } from "../support/stats";
import { postStoreApi } from "../support/orders";
import { seedBuyers, seedStore } from "../support/seed";

async function seedCoupon(storeId: string, quantity: number) {
  const now = Date.now();
  return getDb().coupon.create({
    data: { storeId, name: "bench 立减1元", kind: "AMOUNT", amountOffFen: 100, startsAt: new Date(now - 60_000), endsAt: new Date(now + 86_400_000), totalQuantity: quantity, remaining: quantity, perBuyerLimit: 100 },
    select: { id: true },
  });
}

export async function couponClaim(opts: { baseUrls: string[]; databaseUrl: string; clients: number; connections: number; coupons: number }): Promise<ScenarioResult> {
  const { storeId } = await seedStore("coupons");
  const tokens = await seedBuyers(opts.clients, "coupons");
  // Warm-up: every buyer claims one of another coupon (code loaded, connections open).
  const warm = await seedCoupon(storeId, opts.clients);
  await Promise.all(tokens.map(async (t, c) => {
    const status = await postStoreApi(baseUrlOf(opts.baseUrls, c), t, `/coupons/${warm.id}/claim`, {});
    if (status !== 201) throw new Error(`warm-up claim answered ${status}`);
  }));

  const coupon = await seedCoupon(storeId, opts.coupons);
  const latencies: number[] = [];
  let claimed = 0;
  let errors = 0;
  let lastAt = 0;
  const started = performance.now();
  await closedLoop({
    clients: opts.clients,
    maxMs: 120_000,
    task: async (c) => {
      const t0 = performance.now();
      const status = await postStoreApi(baseUrlOf(opts.baseUrls, c), tokens[c], `/coupons/${coupon.id}/claim`, {}).catch(() => 599);
      latencies.push(performance.now() - t0);
      if (status === 201) {
        claimed++;
        lastAt = performance.now();
        return "continue";
      }
      if (status === 409) return "stop";
      errors++;
      return "continue";
    },
  });
  const ms = Math.max(1, lastAt - started);
  const rows = await getDb().couponClaim.count({ where: { couponId: coupon.id } });
  const left = (await getDb().coupon.findUniqueOrThrow({ where: { id: coupon.id }, select: { remaining: true } })).remaining;

  const ceiling = await bareCeiling(opts, storeId);
  const throughput = (claimed / ms) * 1000;
  return {
    name: "coupon-claim",
    throughput: Math.round(throughput * 10) / 10,
    unit: "claims/s",
    ...summarize(latencies),
    ceiling: Math.round(ceiling * 10) / 10,
    ratio: Math.round((throughput / ceiling) * 1000) / 1000,
    errors,
    // Claims beyond the coupon's quantity (its rows over it, or a count below zero).
    oversold: Math.max(0, rows - opts.coupons) + Math.max(0, -left),
    notes: `${opts.clients} buyers (per-buyer limit 100) claiming the last ${opts.coupons} of one coupon over HTTP until told it is all claimed: ${claimed} claims answered 201, ${rows} claim rows, ${left} left; ceiling = ${opts.clients} clients running only UPDATE "Coupon" SET remaining = remaining - 1 WHERE id = $1 AND remaining >= 1 over ${opts.connections} pg connections`,
  };
}

async function bareCeiling(opts: { databaseUrl: string; clients: number; connections: number; coupons: number }, storeId: string) {
  const coupon = await seedCoupon(storeId, opts.coupons);
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
      const r = await pool.query(`UPDATE "Coupon" SET remaining = remaining - 1 WHERE id = $1 AND remaining >= 1`, [coupon.id]);
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
