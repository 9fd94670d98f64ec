// Dashboard benchmark: a store with 1,000,000 orders over ~400 days (plus 200 smaller stores
// for the platform view), then every dashboard query timed, for each range.
//
//   DATABASE_URL=postgresql://… npx tsx --conditions=react-server bench/dashboard.ts [--orders N] [--runs N] [--keep]
//   npm run bench:dashboard -- --runs 50
//
// It creates its own database on DATABASE_URL's server (never touching the one named there),
// seeds it with generate_series in SQL, builds the rollups from the orders with the
// set-based rebuild (lib/metrics/rebuild.ts: one INSERT … SELECT … GROUP BY per rollup), checks
// the dashboard's figures against aggregates computed straight from the orders, times each
// query, prints a table and a JSON line, and drops the database. Real Postgres only: PGlite
// is refused (it is one in-process connection, and not what production runs on).
//
// Issue 6's `npm run bench` imports runDashboardBench() and reads its result.
import crypto from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import pg from "pg";
import type { Actor } from "@/lib/auth/actor";
import { disconnectDb } from "@/lib/db/client";
import { pgDriver } from "@/lib/db/driver";
import { migrate } from "@/lib/db/migrate";
import { resetEnvForTests } from "@/lib/env";
import { getStoreDashboard } from "@/lib/metrics/dashboard";
import { addDays, resolveRange, rangeInput, type RangeInput } from "@/lib/metrics/days";
import { getPlatformOverview } from "@/lib/metrics/platform";
import {
  platformApplications,
  platformComplaintQueue,
  platformDailyRows,
  platformStoreRates,
  storeDailyRows,
  storeLowStock,
  storePayingBuyers,
  storeShippingQueue,
  storeTopItems,
} from "@/lib/metrics/queries";
import { rebuildRollups } from "@/lib/metrics/rebuild";

export interface QueryTiming {
  query: string;
  range: string;
  runs: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
}

export interface DashboardBenchResult {
  database: string;
  /** Where it ran: timings on a shared or busy machine are not comparable with an idle one. */
  machine: { cpus: number; loadavg_before: number[]; loadavg_after: number[]; calibration_ms: number };
  orders: { store: number; platform: number };
  seed_ms: number;
  rollup_ms: number;
  timings: QueryTiming[];
  /** Issue 6's scenario row: one whole store dashboard (all its queries in parallel), every range pooled. */
  scenario: { name: "dashboard"; throughput: number; unit: string; p50_ms: number; p95_ms: number; p99_ms: number; ceiling: null; ratio: null; errors: number; oversold: null };
}

export interface DashboardBenchOptions {
  /** A Postgres URL; the benchmark creates (and drops) its own database on that server. Default: DATABASE_URL. */
  databaseUrl?: string;
  /** Orders in the big store (default 1,000,000). */
  orders?: number;
  /** Timed runs per query and range (default 30, after 3 warm-up runs). */
  runs?: number;
  /** Keep the database afterwards (its name is printed). */
  keep?: boolean;
  log?: (line: string) => void;
}

/** The database of the run in progress (for the command line's Ctrl-C cleanup). */
let active: { url: string; name: string } | null = null;

const STORE = "bench_store_0";
const OTHER_STORES = 200;
const OTHER_ORDERS_PER_STORE = 500;
const BUYERS = 200_000;
const ITEMS = 200;
const DAYS = 400;

export async function runDashboardBench(opts: DashboardBenchOptions = {}): Promise<DashboardBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const base = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (!base || !/^postgres(ql)?:\/\//.test(base)) {
    throw new Error("bench/dashboard needs DATABASE_URL pointing at a real Postgres server (it refuses to run on embedded PGlite).");
  }
  const orders = opts.orders ?? 1_000_000;
  const runs = opts.runs ?? 30;
  const dbName = `ls_bench_dashboard_${crypto.randomBytes(4).toString("hex")}`;
  const adminUrl = new URL(base);
  const admin = new pg.Pool({ connectionString: adminUrl.toString(), max: 1 });
  const benchUrl = new URL(base);
  benchUrl.pathname = `/${dbName}`;
  const previousUrl = process.env.DATABASE_URL;
  await admin.query(`CREATE DATABASE "${dbName}"`);
  active = { url: adminUrl.toString(), name: dbName };
  log(`database ${dbName} created on ${adminUrl.host}`);
  const pool = new pg.Pool({ connectionString: benchUrl.toString(), max: 4 });
  try {
    await migrate(pgDriver(pool));
    // The app's Prisma client (used by the dashboard code under test) points at the bench database.
    await disconnectDb();
    process.env.DATABASE_URL = benchUrl.toString();
    resetEnvForTests();

    let t = performance.now();
    await seed(pool, orders, log);
    const seedMs = performance.now() - t;
    log(`seeded ${orders.toLocaleString("en")} + ${(OTHER_STORES * OTHER_ORDERS_PER_STORE).toLocaleString("en")} orders in ${(seedMs / 1000).toFixed(1)} s`);

    t = performance.now();
    await rebuildRollups({ timeoutMs: 60 * 60_000 });
    await syntheticViews(pool);
    const rollupMs = performance.now() - t;
    log(`rollups built from the orders in ${(rollupMs / 1000).toFixed(1)} s`);
    await pool.query("VACUUM ANALYZE");

    await checkAgainstOrders(pool, log);

    const loadBefore = os.loadavg().map(round);
    // How fast this Postgres is right now (a yardstick for comparing runs and machines): counting a million generated rows.
    const calibration: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await pool.query("SELECT count(*) FROM generate_series(1, 1000000)");
      calibration.push(performance.now() - t0);
    }
    const timings = await timeQueries(runs, log);
    const whole = timings.filter((x) => x.query === "store dashboard (all, in parallel)");
    const samples = whole.flatMap((x) => (x as QueryTiming & { samples: number[] }).samples);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const result: DashboardBenchResult = {
      database: dbName,
      machine: { cpus: os.cpus().length, loadavg_before: loadBefore, loadavg_after: os.loadavg().map(round), calibration_ms: round(pct(calibration, 50)) },
      orders: { store: orders, platform: orders + OTHER_STORES * OTHER_ORDERS_PER_STORE },
      seed_ms: Math.round(seedMs),
      rollup_ms: Math.round(rollupMs),
      timings: timings.map(({ query, range, runs: r, p50_ms, p95_ms, max_ms }) => ({ query, range, runs: r, p50_ms, p95_ms, max_ms })),
      scenario: {
        name: "dashboard",
        throughput: round(1000 / mean),
        unit: "dashboards/s (one at a time)",
        p50_ms: round(pct(samples, 50)),
        p95_ms: round(pct(samples, 95)),
        p99_ms: round(pct(samples, 99)),
        ceiling: null,
        ratio: null,
        errors: 0,
        oversold: null,
      },
    };
    printTable(result, log);
    return result;
  } finally {
    await disconnectDb();
    await pool.end();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    resetEnvForTests();
    if (opts.keep) log(`kept database ${dbName}`);
    else await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    active = null;
  }
}

// ───────────────────────────── seeding ─────────────────────────────

async function seed(pool: pg.Pool, orders: number, log: (l: string) => void) {
  const c = await pool.connect();
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    const r = await c.query(sql, params);
    log(`  ${what}: ${r.rowCount ?? 0} rows, ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    await c.query("SET synchronous_commit = off");
    await c.query("SET work_mem = '256MB'");
    await c.query("SET maintenance_work_mem = '512MB'");
    await step(
      "users",
      `INSERT INTO "User" (id, role, name, "wechatOpenId", "updatedAt")
       SELECT 'bench_buyer_' || i, 'BUYER'::"UserRole", 'buyer ' || i, 'obench' || i, now() FROM generate_series(1, $1) i
       UNION ALL SELECT 'bench_seller', 'SELLER'::"UserRole", 'bench seller', NULL, now()`,
      [BUYERS],
    );
    await step(
      "stores",
      `INSERT INTO "Store" (id, slug, name, description, "businessName", "officialAccountId", "mchId", "contactPhone", status, "submittedAt", "updatedAt")
       SELECT 'bench_store_' || j, 'bench-' || j, 'Bench store ' || j, '', 'Bench Co. ' || j, 'gh_0123456789ab', '1900000109', '13800138000',
              (CASE WHEN j > $1 THEN 'PENDING' ELSE 'APPROVED' END)::"StoreStatus", now() - (j || ' hours')::interval, now()
         FROM generate_series(0, $1 + 20) j`,
      [OTHER_STORES],
    );
    await c.query(`INSERT INTO "StoreMember" ("storeId", "userId") VALUES ($1, 'bench_seller')`, [STORE]);
    await step(
      "items",
      `INSERT INTO "Item" (id, "storeId", title, description, "categoryId", specs, status, "priceMinFen", "priceMaxFen", "updatedAt")
       SELECT 'bench_item_' || k, $1, 'Item ' || k, '[]'::jsonb, 'other', '[{"name":"规格","values":["a","b"]}]'::jsonb,
              (CASE WHEN k % 40 = 39 THEN 'OFF_SALE' ELSE 'ON_SALE' END)::"ItemStatus", 990 + k * 10, 990 + k * 10, now()
         FROM generate_series(0, $2 - 1) k
       UNION ALL
       SELECT 'bench_xitem_' || j, 'bench_store_' || j, 'Item', '[]'::jsonb, 'other', '[]'::jsonb, 'ON_SALE', 2000, 2000, now() FROM generate_series(1, $3) j`,
      [STORE, ITEMS, OTHER_STORES],
    );
    await step(
      "skus",
      `INSERT INTO "Sku" (id, "itemId", "storeId", "specKey", "priceFen", stock, "updatedAt")
       SELECT 'bench_sku_' || k || '_' || s, 'bench_item_' || k, $1, '规格:' || (CASE s WHEN 0 THEN 'a' ELSE 'b' END), 990 + k * 10, (k * 37 + s * 11) % 60, now()
         FROM generate_series(0, $2 - 1) k, generate_series(0, 1) s
       UNION ALL
       SELECT 'bench_xsku_' || j, 'bench_xitem_' || j, 'bench_store_' || j, '', 2000, 100, now() FROM generate_series(1, $3) j`,
      [STORE, ITEMS, OTHER_STORES],
    );

    // One row per order with everything derived from i: the big store's orders are spread
    // evenly over DAYS days (the newest last), the other stores' over the same days.
    const other = OTHER_STORES * OTHER_ORDERS_PER_STORE;
    await step(
      "order plan",
      `CREATE TEMP TABLE plan AS
       WITH base AS (
         SELECT i, (i <= $1::int) AS big,
                (CASE WHEN i <= $1::int THEN $2::text ELSE 'bench_store_' || (1 + i % $3::int) END) AS store_id,
                -- Skewed: some buyers come back often, most rarely.
                'bench_buyer_' || (1 + floor(power(abs(hashint4(i))::float8 / 2147483648, 2) * $4::int)::int) AS buyer_id,
                ((i::bigint * 7919) % 1000)::int AS h,
                (now() AT TIME ZONE 'UTC') - (CASE WHEN i <= $1::int THEN ($1::int - i)::float8 / $1::int ELSE ((i * 7) % $5::int)::float8 / $5::int END) * interval '${DAYS} days' AS created
           FROM generate_series(1, $1::int + $5::int) i
       ), shaped AS (
         SELECT b.*, (now() AT TIME ZONE 'UTC') - created AS age,
                (CASE WHEN big THEN i % ${ITEMS} END) AS k1, (CASE WHEN big THEN 1 + i % 3 ELSE 1 END) AS q1,
                (CASE WHEN big AND i % 4 = 0 THEN (i + 7) % ${ITEMS} END) AS k2,
                (CASE WHEN big AND i % 5 = 0 THEN 800 ELSE 0 END) AS postage
           FROM base b
       ), priced AS (
         SELECT s.*,
                (CASE WHEN big THEN (990 + k1 * 10) * q1 + COALESCE(990 + k2 * 10, 0) ELSE 2000 END) AS items_fen,
                (CASE
                   WHEN age < interval '20 minutes' THEN 'PENDING_PAYMENT'
                   WHEN h < 80 THEN 'CANCELLED'
                   WHEN h < 110 THEN 'CLOSED'
                   WHEN (age < interval '24 hours' AND h % 3 <> 0) OR (age < interval '72 hours' AND h % 50 = 1) THEN 'PAID'
                   WHEN age > interval '10 days' THEN 'COMPLETED'
                   ELSE 'SHIPPED' END) AS status
           FROM shaped s
       )
       SELECT p.*, items_fen + postage AS total_fen,
              (CASE WHEN status IN ('PENDING_PAYMENT', 'CANCELLED') THEN NULL ELSE created + ((h % 10) + 1) * interval '1 minute' END) AS paid_at
         FROM priced p`,
      [orders, STORE, OTHER_STORES, BUYERS, other],
    );
    await c.query(`ALTER TABLE plan ADD COLUMN shipped_at timestamp, ADD COLUMN refund_kind text, ADD COLUMN refund_fen int, ADD COLUMN refund_at timestamp, ADD COLUMN complaint_at timestamp`);
    await c.query(`
      UPDATE plan SET
        shipped_at = CASE WHEN status IN ('SHIPPED', 'COMPLETED') OR (status = 'CLOSED' AND h % 2 = 0)
                          THEN LEAST(paid_at + ((h * 7) % 60) * interval '1 hour' + interval '5 minutes', (now() AT TIME ZONE 'UTC') - interval '1 minute') END,
        refund_kind = CASE WHEN status = 'CLOSED' THEN 'full' WHEN paid_at IS NOT NULL AND h >= 110 AND h < 150 THEN 'partial' WHEN status = 'CANCELLED' AND h % 20 = 0 THEN 'late' END,
        complaint_at = CASE WHEN paid_at IS NOT NULL AND h >= 150 AND h < 154 THEN LEAST(paid_at + interval '4 days', (now() AT TIME ZONE 'UTC') - interval '2 minutes') END`);
    await c.query(`
      UPDATE plan SET
        refund_fen = CASE refund_kind WHEN 'partial' THEN 500 ELSE total_fen END,
        refund_at = LEAST(CASE refund_kind WHEN 'late' THEN created + interval '1 hour' ELSE COALESCE(shipped_at, paid_at) + interval '2 days' END, (now() AT TIME ZONE 'UTC') - interval '1 minute')
       WHERE refund_kind IS NOT NULL`);

    // Bulk load: foreign-key triggers off where the role may (the rows are consistent by
    // construction) and the big tables' secondary indexes built once afterwards.
    await c.query("SET session_replication_role = replica").catch(() => log("  (not allowed to skip foreign-key checks; loading with them)"));
    const indexes = (
      await c.query<{ name: string; def: string }>(
        `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
          WHERE i.schemaname = current_schema() AND i.tablename IN ('Order', 'OrderLine', 'Refund', 'AfterSaleRequest', 'Complaint')
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
      )
    ).rows;
    for (const ix of indexes) await c.query(`DROP INDEX "${ix.name}"`);
    await step(
      "orders",
      `INSERT INTO "Order" (id, "orderNo", "outTradeNo", "storeId", "buyerId", status, "itemsFen", "postageFen", "totalFen",
                            recipient, phone, province, city, district, "addressDetail", "protectionTerms", "payBy", "paidAt", "transactionId",
                            "shippedAt", carrier, "trackingNo", "completedAt", "cancelledAt", "cancelReason", "refundedFen", "createdAt", "updatedAt")
       SELECT 'bench_order_' || i, lpad(i::text, 18, '0'), 'LS' || lpad(i::text, 18, '0'), store_id, buyer_id, status::"OrderStatus", items_fen, postage, total_fen,
              '王小明', '13800138000', '浙江省', '杭州市', '西湖区', '文三路 100 号', '{"version":1}', created + interval '30 minutes', paid_at,
              CASE WHEN paid_at IS NOT NULL THEN '4200' || lpad(i::text, 24, '0') END,
              shipped_at, CASE WHEN shipped_at IS NOT NULL THEN 'SF' END, CASE WHEN shipped_at IS NOT NULL THEN 'SF' || lpad(i::text, 12, '0') END,
              CASE WHEN status = 'COMPLETED' THEN LEAST(shipped_at + interval '7 days', (now() AT TIME ZONE 'UTC')) END,
              CASE WHEN status = 'CANCELLED' THEN created + interval '30 minutes' END, CASE WHEN status = 'CANCELLED' THEN 'PAYMENT_TIMEOUT' END,
              CASE WHEN refund_kind IS NOT NULL THEN refund_fen ELSE 0 END, created, created
         FROM plan`,
    );
    await step(
      "order lines",
      `INSERT INTO "OrderLine" (id, "orderId", "itemId", "skuId", title, "specKey", "unitPriceFen", quantity, "lineTotalFen")
       SELECT 'bench_line_' || i || '_1', 'bench_order_' || i,
              CASE WHEN big THEN 'bench_item_' || k1 ELSE 'bench_xitem_' || substr(store_id, 13) END,
              CASE WHEN big THEN 'bench_sku_' || k1 || '_' || (i % 2) ELSE 'bench_xsku_' || substr(store_id, 13) END,
              'Item', '', CASE WHEN big THEN 990 + k1 * 10 ELSE 2000 END, q1, CASE WHEN big THEN (990 + k1 * 10) * q1 ELSE 2000 END
         FROM plan
       UNION ALL
       SELECT 'bench_line_' || i || '_2', 'bench_order_' || i, 'bench_item_' || k2, 'bench_sku_' || k2 || '_0', 'Item', '', 990 + k2 * 10, 1, 990 + k2 * 10
         FROM plan WHERE k2 IS NOT NULL`,
    );
    await step(
      "refunds",
      `INSERT INTO "Refund" (id, "orderId", "outRefundNo", "refundId", "amountFen", reason, status, cause, "settledAt", "createdAt", "updatedAt")
       SELECT 'bench_refund_' || i, 'bench_order_' || i, 'RF' || lpad(i::text, 18, '0') || '01', '50300' || lpad(i::text, 24, '0'), refund_fen, 'bench',
              'SUCCESS', CASE refund_kind WHEN 'late' THEN 'AUTO_LATE_PAYMENT' ELSE 'AFTER_SALE' END, refund_at, refund_at, refund_at
         FROM plan WHERE refund_kind IS NOT NULL`,
    );
    await step(
      "after-sale requests",
      `INSERT INTO "AfterSaleRequest" (id, "caseNo", "orderId", "storeId", "buyerId", type, status, reason, description, "evidenceImageIds", "requestedFen", "createdAt", "updatedAt")
       SELECT 'bench_as_' || i, 'AS' || lpad(i::text, 18, '0'), 'bench_order_' || i, store_id, buyer_id, 'REFUND_ONLY', 'ESCALATED', 'NOT_AS_DESCRIBED', '', '{}', total_fen,
              complaint_at - interval '2 days', complaint_at
         FROM plan WHERE complaint_at IS NOT NULL`,
    );
    await step(
      "complaints",
      `INSERT INTO "Complaint" (id, "caseNo", "requestId", "orderId", "storeId", "buyerId", status, statement, "slaDueAt", "createdAt", "updatedAt")
       SELECT 'bench_cp_' || i, 'CP' || lpad(i::text, 18, '0'), 'bench_as_' || i, 'bench_order_' || i, store_id, buyer_id,
              (CASE WHEN complaint_at > (now() AT TIME ZONE 'UTC') - interval '4 days' THEN 'OPEN' ELSE 'SETTLED' END)::"ComplaintStatus", '…',
              complaint_at + interval '72 hours', complaint_at, complaint_at
         FROM plan WHERE complaint_at IS NOT NULL`,
    );
    const t = performance.now();
    for (const ix of indexes) await c.query(ix.def);
    log(`  ${indexes.length} indexes rebuilt: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    await c.query("RESET session_replication_role").catch(() => {});
    await c.query("DROP TABLE plan");
  } finally {
    c.release();
  }
}

/** Item views are not derivable from orders: a plausible number per item and day, summed into the store's rows. */
async function syntheticViews(pool: pg.Pool) {
  await pool.query(`UPDATE "ItemDailyStat" SET views = "paidUnits" * 12 + (abs(hashtext("itemId" || day::text)) % 40)`);
  await pool.query(`
    UPDATE "StoreDailyStat" s SET "itemViews" = v.views
      FROM (SELECT "storeId", day, SUM(views)::int AS views FROM "ItemDailyStat" GROUP BY 1, 2) v
     WHERE v."storeId" = s."storeId" AND v.day = s.day`);
}

// ───────────────────────────── the rollups match the orders ─────────────────────────────

const benchSeller: Actor = { userId: "bench_seller", role: "SELLER", name: "bench", storeIds: [STORE] };
const benchAdmin: Actor = { userId: "bench_admin", role: "ADMIN", name: "bench", storeIds: [] };

async function checkAgainstOrders(pool: pg.Pool, log: (l: string) => void) {
  const t = performance.now();
  for (const input of [{ range: "30d" }, { range: "custom", from: addDays(today(), -364), to: today() }] as RangeInput[]) {
    const range = resolveRange(rangeInput.parse(input));
    const d = await getStoreDashboard(benchSeller, STORE, input);
    // Straight from the orders (written independently of the rebuild's SQL).
    const day = (col: string) => `(("${col}" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date`;
    const inRange = (col: string) => `${day(col)} BETWEEN $2::date AND $3::date`;
    const p = [STORE, range.from, range.to];
    const q = async (sql: string) => Number(Object.values((await pool.query(sql, p)).rows[0])[0] ?? 0);
    const expected = {
      paidOrders: await q(`SELECT count(*) FROM "Order" WHERE "storeId" = $1 AND status NOT IN ('PENDING_PAYMENT', 'CANCELLED') AND ${inRange("paidAt")}`),
      paidFen: await q(`SELECT COALESCE(SUM("totalFen"), 0) FROM "Order" WHERE "storeId" = $1 AND status NOT IN ('PENDING_PAYMENT', 'CANCELLED') AND ${inRange("paidAt")}`),
      payingBuyers: await q(`SELECT count(DISTINCT "buyerId") FROM "Order" WHERE "storeId" = $1 AND status NOT IN ('PENDING_PAYMENT', 'CANCELLED') AND ${inRange("paidAt")}`),
      refundFen: await q(`SELECT COALESCE(SUM(r."amountFen"), 0) FROM "Refund" r JOIN "Order" o ON o.id = r."orderId" WHERE o."storeId" = $1 AND r.status = 'SUCCESS' AND r.cause <> 'AUTO_LATE_PAYMENT' AND ${inRange("settledAt").replace('"settledAt"', 'r."settledAt"')}`),
      complaints: await q(`SELECT count(*) FROM "Complaint" WHERE "storeId" = $1 AND ${inRange("createdAt")}`),
      shippedOrders: await q(`SELECT count(*) FROM "Order" WHERE "storeId" = $1 AND ${inRange("shippedAt")}`),
      shippedLate: await q(`SELECT count(*) FROM "Order" WHERE "storeId" = $1 AND ${inRange("shippedAt")} AND "shippedAt" - "paidAt" > interval '48 hours'`),
    };
    const got = Object.fromEntries(Object.keys(expected).map((k) => [k, d.figures[k as keyof typeof d.figures]]));
    for (const [k, v] of Object.entries(expected)) {
      if (got[k] !== v) throw new Error(`rollups do not match the orders for ${range.from}…${range.to}: ${k} is ${got[k]} on the dashboard, ${v} from the orders`);
    }
    const top = (await pool.query(
      `SELECT l."itemId", SUM(l."lineTotalFen")::bigint AS fen FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
        WHERE o."storeId" = $1 AND o.status NOT IN ('PENDING_PAYMENT', 'CANCELLED') AND ${inRange("paidAt").replace('"paidAt"', 'o."paidAt"')}
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3`,
      p,
    )).rows.map((r) => `${r.itemId}:${r.fen}`);
    const topGot = d.topItems.slice(0, 3).map((i) => `${i.itemId}:${i.paidFen}`);
    if (top.join() !== topGot.join()) throw new Error(`top items do not match the orders: ${topGot} vs ${top}`);
    log(`  ${range.from}…${range.to}: ${expected.paidOrders} paid orders, GMV ${expected.paidFen} fen, ${expected.payingBuyers} buyers, ${expected.complaints} complaints, ${expected.shippedLate} late — the dashboard agrees`);
  }
  const o = await getPlatformOverview(benchAdmin, { range: "30d" });
  const platform = await pool.query(
    `SELECT count(*)::int AS n, COALESCE(SUM("totalFen"), 0)::bigint AS fen FROM "Order" WHERE status NOT IN ('PENDING_PAYMENT', 'CANCELLED')
       AND (("paidAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1::date AND $2::date`,
    [o.range.from, o.range.to],
  );
  if (o.totals.paidOrders !== platform.rows[0].n || o.totals.paidFen !== Number(platform.rows[0].fen)) throw new Error("platform totals do not match the orders");
  log(`rollups checked against the orders in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const today = () => resolveRange(rangeInput.parse({ range: "today" })).from;

// ───────────────────────────── timing ─────────────────────────────

type Timed = QueryTiming & { samples: number[] };

async function timeQueries(runs: number, log: (l: string) => void): Promise<Timed[]> {
  const ranges: { label: string; input: RangeInput }[] = [
    { label: "today", input: { range: "today" } },
    { label: "7 days", input: { range: "7d" } },
    { label: "30 days", input: { range: "30d" } },
    { label: "custom 90 days", input: { range: "custom", from: addDays(today(), -89), to: today() } },
  ];
  const out: Timed[] = [];
  const time = async (query: string, range: string, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    out.push({ query, range, runs, p50_ms: round(pct(samples, 50)), p95_ms: round(pct(samples, 95)), max_ms: round(Math.max(...samples)), samples });
  };
  log(`timing ${runs} runs per query and range…`);
  for (const r of ranges) {
    const { from, to } = resolveRange(rangeInput.parse(r.input));
    await time("store daily rollups", r.label, () => storeDailyRows(STORE, from, to));
    await time("store paying buyers (distinct)", r.label, () => storePayingBuyers(STORE, from, to));
    await time("store top items", r.label, () => storeTopItems(STORE, from, to));
    await time("store dashboard (all, in parallel)", r.label, () => getStoreDashboard(benchSeller, STORE, r.input));
  }
  await time("store awaiting shipment (live)", "now", () => storeShippingQueue(STORE));
  await time("store low-stock SKUs (live)", "now", () => storeLowStock(STORE));
  for (const r of ranges) {
    const { from, to } = resolveRange(rangeInput.parse(r.input));
    await time("platform daily rollups", r.label, () => platformDailyRows(from, to));
    await time("platform store rates", r.label, () => platformStoreRates(from, to));
    await time("platform overview (all, in parallel)", r.label, () => getPlatformOverview(benchAdmin, r.input));
  }
  await time("platform complaint queue (live)", "now", () => platformComplaintQueue());
  await time("platform applications (live)", "now", () => platformApplications());
  return out;
}

const round = (n: number) => Math.round(n * 100) / 100;

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function printTable(r: DashboardBenchResult, log: (l: string) => void) {
  const rows = r.timings.map((x) => [x.query, x.range, x.p50_ms.toFixed(2), x.p95_ms.toFixed(2), x.max_ms.toFixed(2)]);
  const head = ["query", "range", "p50 ms", "p95 ms", "max ms"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  log("");
  log(`Dashboard queries — ${r.orders.store.toLocaleString("en")} orders in one store, ${r.orders.platform.toLocaleString("en")} on the platform; ${r.timings[0]?.runs ?? 0} runs each`);
  log(line(head));
  log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) log(line(row));
  const worst = [...r.timings].sort((a, b) => b.p95_ms - a.p95_ms)[0];
  const over = r.timings.filter((x) => x.p95_ms >= 100);
  log("");
  log(`machine: ${r.machine.cpus} CPUs, load average ${r.machine.loadavg_before.join(" / ")} before timing, ${r.machine.loadavg_after.join(" / ")} after; SELECT count(*) FROM generate_series(1, 1000000) took ${r.machine.calibration_ms} ms (a yardstick for comparing runs and machines)`);
  log(`slowest p95: ${worst?.query} (${worst?.range}) ${worst?.p95_ms.toFixed(2)} ms; ${over.length ? `${over.length} at or above 100 ms: ${over.map((x) => `${x.query} (${x.range})`).join(", ")}` : "every query under 100 ms at p95"}`);
  log("");
  log(JSON.stringify({ dashboardBench: r }));
}

// ───────────────────────────── command line ─────────────────────────────

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const num = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  // Ctrl-C: drop the benchmark database rather than leave a few GB behind.
  process.once("SIGINT", async () => {
    if (active && !args.includes("--keep")) {
      const c = new pg.Client({ connectionString: active.url });
      await c.connect().then(() => c.query(`DROP DATABASE IF EXISTS "${active!.name}" WITH (FORCE)`)).catch(() => {});
      await c.end().catch(() => {});
      console.error(`interrupted; dropped ${active.name}`);
    }
    process.exit(130);
  });
  runDashboardBench({ orders: num("--orders"), runs: num("--runs"), keep: args.includes("--keep") }).then(
    () => process.exit(0),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
