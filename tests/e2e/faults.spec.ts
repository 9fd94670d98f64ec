import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import type pg from "pg";
import { createDatabase, freePort, seedSale, startApp, startPgProxy, startPrivatePostgres, tmpDir, withDatabase, type AppProcess } from "./fault-support";

// Bounded, loopback-only fault tests against the production build: the app process is killed
// in the middle of a flash sale, and Postgres becomes unreachable under load.
test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

const address = { recipient: "压测", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号" };

/** One buyer: order one unit, start a JSAPI payment, pay in the sandbox cashier. */
async function buyOne(base: () => string, token: string, storeId: string, skuId: string): Promise<"paid" | "soldout" | "retry"> {
  try {
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    const created = await fetch(`${base()}/api/store/v1/orders`, {
      method: "POST",
      headers: { ...headers, "Idempotency-Key": crypto.randomUUID() },
      body: JSON.stringify({ storeId, lines: [{ skuId, quantity: 1 }], address }),
    });
    if (created.status === 409) return "soldout";
    if (created.status !== 201) return "retry";
    const order = await created.json();
    const pay = await fetch(`${base()}/api/store/v1/orders/${order.id}/payments`, { method: "POST", headers, body: JSON.stringify({ tradeType: "JSAPI" }) });
    if (pay.status !== 200) return "retry";
    const { payParams } = await pay.json();
    const form = new URLSearchParams({ ...payParams, return_url: `${base()}/orders/${order.id}`, kind: "jsapi", decision: "pay", password: "123456" });
    const paid = await fetch(`${base()}/sandbox/wechatpay/cashier/pay`, { method: "POST", body: form, redirect: "manual", headers: { Origin: base() } });
    return paid.status === 303 ? "paid" : "retry";
  } catch {
    return "retry"; // the app is down: try again
  }
}

test("killing the app mid flash sale loses no payment and no stock; the ledger balances", async () => {
  const db = await createDatabase("kill");
  const dataDir = tmpDir("kill");
  const port = await freePort();
  // Notification retries compressed (15 s → 15 ms) so the test is quick.
  const env = { WECHATPAY_SANDBOX_TIME_SCALE: "0.001", DATABASE_POOL_SIZE: "10" };
  let app: AppProcess = await startApp({ databaseUrl: db.url, port, dataDir, env });
  try {
    const STOCK = 40;
    const sale = await seedSale(db.pool, { stock: STOCK, buyers: 30 });
    let killed = false;
    let restarted: Promise<void> | null = null;
    let paidCount = 0;
    await Promise.all(
      sale.tokens.map(async (token) => {
        for (let attempt = 0; attempt < 200; attempt++) {
          // Kill the app (SIGKILL: no clean shutdown) once a third of the stock is paid for.
          if (!killed && paidCount >= STOCK / 3) {
            killed = true;
            await app.kill("SIGKILL");
            restarted = startApp({ databaseUrl: db.url, port, dataDir, env }).then((a) => void (app = a));
          }
          const r = await buyOne(() => app.url, token, sale.storeId, sale.skuId);
          if (r === "paid") paidCount++;
          if (r === "soldout") return;
          if (r === "retry") await new Promise((res) => setTimeout(res, 100));
        }
      }),
    );
    await restarted;
    expect(killed).toBe(true);

    // Every payment the sandbox took reaches its order (notification retries + reconciliation).
    const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params).then((r) => r.rows);
    await expect
      .poll(
        async () => {
          const [r] = await q(
            `SELECT count(*)::int AS missing FROM "SandboxPayTransaction" t JOIN "Order" o ON o."outTradeNo" = t."outTradeNo"
              WHERE t."tradeState" = 'SUCCESS' AND o.status <> 'PAID'`,
          );
          return r.missing;
        },
        { timeout: 90_000, intervals: [500] },
      )
      .toBe(0);

    const [{ trades }] = await q(`SELECT count(*)::int AS trades FROM "SandboxPayTransaction" WHERE "tradeState" = 'SUCCESS'`);
    const [{ paid }] = await q(`SELECT count(*)::int AS paid FROM "Order" WHERE status = 'PAID'`);
    expect(paid).toBe(trades);
    expect(paid).toBeGreaterThan(0);
    // Nothing double-sold or lost: what is on the shelf plus what live orders hold is the stock we started with.
    const [{ stock }] = await q(`SELECT stock FROM "Sku" WHERE id = $1`, [sale.skuId]);
    const [{ held }] = await q(
      `SELECT COALESCE(SUM(l.quantity), 0)::int AS held FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId" WHERE l."skuId" = $1 AND o.status <> 'CANCELLED'`,
      [sale.skuId],
    );
    expect(stock).toBeGreaterThanOrEqual(0);
    expect(stock + held).toBe(STOCK);
    // The ledger explains the stock exactly.
    const [{ sum }] = await q(`SELECT SUM(delta)::int AS sum FROM "StockLedgerEntry" WHERE "skuId" = $1`, [sale.skuId]);
    expect(sum).toBe(stock);
    // No order is paid twice or without a trade.
    const [{ dup }] = await q(`SELECT count(*)::int AS dup FROM (SELECT "orderId" FROM "Payment" WHERE status = 'SUCCESS' GROUP BY "orderId" HAVING count(*) > 1) d`);
    expect(dup).toBe(0);
  } finally {
    await app.kill("SIGTERM");
    await db.drop();
  }
});

/**
 * Orders from 10 buyers for 16 s while `outage.begin()` … `outage.end()` takes the database
 * away for 4 s in the middle; then checks the answers: 201 before, only 201 or a 503 with
 * Retry-After during (never a 500, a hang or a dropped connection), 201 again by itself after,
 * and nothing half-written.
 */
async function ordersThroughAnOutage(opts: { appDatabaseUrl: string; pool: pg.Pool; outage: { begin(): Promise<void>; end(): Promise<void> } }) {
  const port = await freePort();
  const app = await startApp({ databaseUrl: opts.appDatabaseUrl, port, dataDir: tmpDir("outage"), env: { DATABASE_POOL_SIZE: "5" } });
  try {
    const sale = await seedSale(opts.pool, { stock: 100_000, buyers: 10 });
    const statuses: { at: number; status: number; retryAfter: string | null; ms: number }[] = [];
    // Intervals on the monotonic clock: these VMs' wall clock has been seen to step forward
    // mid-test, which ended the load early and put every answer "before" the outage's end.
    const now = () => performance.now();
    const started = now();
    const window = { from: 0, to: 0 };
    const load = Promise.all(
      sale.tokens.map(async (token) => {
        while (now() - started < 16_000) {
          const t0 = now();
          let status = 0;
          let retryAfter: string | null = null;
          try {
            const res = await fetch(`${app.url}/api/store/v1/orders`, {
              method: "POST",
              headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
              body: JSON.stringify({ storeId: sale.storeId, lines: [{ skuId: sale.skuId, quantity: 1 }], address }),
              signal: AbortSignal.timeout(15_000),
            });
            status = res.status;
            retryAfter = res.headers.get("retry-after");
            await res.arrayBuffer();
          } catch {
            status = -1; // no answer at all
          }
          statuses.push({ at: now() - started, status, retryAfter, ms: now() - t0 });
          await new Promise((r) => setTimeout(r, 50));
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 3_000));
    window.from = now() - started;
    await opts.outage.begin();
    await new Promise((r) => setTimeout(r, 4_000));
    await opts.outage.end();
    window.to = now() - started;
    await load;

    expect(statuses.filter((s) => s.at < window.from).every((s) => s.status === 201)).toBe(true);
    const during = statuses.filter((s) => s.at >= window.from + 200 && s.at <= window.to);
    expect(during.length).toBeGreaterThan(0);
    // Clean failures: a 503 with Retry-After, never a 500, a hang or a dropped connection.
    expect(during.filter((s) => s.status !== 201).map((s) => ({ status: s.status, retryAfter: s.retryAfter !== null }))).toEqual(
      during.filter((s) => s.status !== 201).map(() => ({ status: 503, retryAfter: true })),
    );
    expect(during.some((s) => s.status === 503)).toBe(true);
    expect(statuses.filter((s) => s.status === -1 || (s.status >= 500 && s.status !== 503))).toEqual([]);
    // Recovered by itself: requests well after the outage succeed again.
    const after = statuses.filter((s) => s.at > window.to + 3_000);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((s) => s.status === 201)).toBe(true);
    // Nothing half-written: every order holds its stock in the ledger.
    const [{ orders }] = (await opts.pool.query(`SELECT count(*)::int AS orders FROM "Order"`)).rows;
    const [{ reserved }] = (await opts.pool.query(`SELECT COALESCE(-SUM(delta), 0)::int AS reserved FROM "StockLedgerEntry" WHERE reason = 'ORDER_RESERVED'`)).rows;
    expect(reserved).toBe(orders);
    // No order a buyer was told was placed is missing (a 503 may still have placed one: a retry with its key finds it).
    expect(orders).toBeGreaterThanOrEqual(statuses.filter((s) => s.status === 201).length);
  } finally {
    await app.kill("SIGTERM");
  }
}

test("when Postgres is unreachable for a few seconds, requests fail with a retry-able 503 and the app recovers by itself", async () => {
  const db = await createDatabase("outage");
  const proxy = await startPgProxy();
  try {
    // A network partition: the proxy drops every connection and refuses new ones.
    const viaProxy = withDatabase(`postgresql://postgres@127.0.0.1:${proxy.port}/postgres`, new URL(db.url).pathname.slice(1));
    await ordersThroughAnOutage({ appDatabaseUrl: viaProxy, pool: db.pool, outage: { begin: () => proxy.cut(), end: () => proxy.restore() } });
  } finally {
    await proxy.close();
    await db.drop();
  }
});

test("when Postgres is stopped for a few seconds and started again, requests fail with a retry-able 503 and the app recovers by itself", async () => {
  // A server of the test's own, really stopped (every session ended with FATAL 57P01) and started.
  const server = await startPrivatePostgres();
  const db = await createDatabase("stop", server.url);
  try {
    await ordersThroughAnOutage({ appDatabaseUrl: db.url, pool: db.pool, outage: { begin: () => server.stop(), end: () => server.start() } });
  } finally {
    await db.pool.end().catch(() => {});
    await server.destroy();
  }
});
