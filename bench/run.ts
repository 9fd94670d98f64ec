// `npm run bench [-- --quick] [-- --only=flash-sale,payments,storefront-home] [-- --instances=2]`
// Starts what it needs (a production build, a fresh benchmark database on DATABASE_URL's
// server, the app on a loopback port), runs each scenario side by side with its ceiling,
// prints a table and writes bench/results/<date>.json.
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createBenchDb, serverUrl, useDatabase } from "./support/db";
import { ensureBuild, startServer } from "./support/server";
import { printTable, type ScenarioResult } from "./support/stats";

// The in-process scenarios read the environment here (lib/env.ts, on first use): their buyers
// hold many unpaid orders of one SKU, as the servers' do (bench/support/server.ts).
process.env.MAX_UNPAID_ORDERS_PER_STORE ??= "10000";
process.env.MAX_UNPAID_UNITS_PER_SKU ??= "1000000";
process.env.STORE_API_RATE_LIMIT_PER_MINUTE ??= "1000000";
process.env.STORE_API_ADDRESS_RATE_LIMIT_PER_MINUTE ??= "1000000";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const instances = Number(args.find((a) => a.startsWith("--instances="))?.slice("--instances=".length) ?? 1);
if (!Number.isInteger(instances) || instances < 1 || instances > 8) throw new Error("--instances must be a whole number from 1 to 8");
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const want = (name: string) => !only || only.some((o) => name.startsWith(o));

async function machine(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query("SHOW server_version");
  await c.end();
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: rows[0].server_version,
  };
}

function commit() {
  try {
    const sha = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
    const dirty = execSync("git status --porcelain", { encoding: "utf8" }).trim() ? "+dirty" : "";
    return sha + dirty;
  } catch {
    return "unknown";
  }
}

async function main() {
  const base = serverUrl();
  ensureBuild();
  const db = await createBenchDb(quick ? "quick" : "full");
  await useDatabase(db.url);
  const port = 3900 + Math.floor(Math.random() * 90);
  const poolSize = 20;
  // --instances=N runs N app processes on one database, each with poolSize / N connections (the
  // database sees the same concurrency as with one); the Store API scenarios spread their buyers
  // over them, as a load balancer would.
  const servers = await Promise.all(
    Array.from({ length: instances }, (_, i) => startServer({ databaseUrl: db.url, port: port + i, env: { DATABASE_POOL_SIZE: String(Math.max(1, Math.floor(poolSize / instances))) } })),
  );
  const server = servers[0];
  const baseUrls = servers.map((s) => s.url);
  const results: ScenarioResult[] = [];
  try {
    if (want("flash-sale")) {
      const { flashSale } = await import("./scenarios/flash-sale");
      console.log("flash-sale…");
      results.push(...(await flashSale({ baseUrls, appPids: servers.flatMap((s) => (s.process.pid ? [s.process.pid] : [])), databaseUrl: db.url, clients: 200, connections: poolSize, stock: quick ? 600 : 2000, rounds: quick ? 1 : 4 })));
    }
    if (want("coupon-claim")) {
      const { couponClaim } = await import("./scenarios/coupon-claim");
      console.log("coupon-claim…");
      results.push(await couponClaim({ baseUrls, databaseUrl: db.url, clients: 200, connections: poolSize, coupons: 1000 }));
    }
    if (want("checkout-mix")) {
      const { checkoutMix } = await import("./scenarios/checkout-mix");
      console.log("checkout-mix…");
      results.push(await checkoutMix({ baseUrls, clients: 50, durationMs: quick ? 10_000 : 30_000 }));
    }
    if (want("storefront")) {
      const { storefront } = await import("./scenarios/storefront");
      console.log("storefront…");
      results.push(...(await storefront({ baseUrl: server.url, durationS: quick ? 5 : 15, connections: 50 })));
    }
    if (want("payments")) {
      const { payments } = await import("./scenarios/payments");
      console.log("payments…");
      results.push(await payments({ databaseUrl: db.url, orders: quick ? 500 : 2000, clients: 200, connections: poolSize }));
      // The same in direct mode (every payment to the platform's own account), back to back:
      // service-provider mode must be no slower.
      console.log("payments (direct mode)…");
      results.push(await payments({ databaseUrl: db.url, orders: quick ? 500 : 2000, clients: 200, connections: poolSize, mode: "direct" }));
    }
    if (want("prisma-overhead")) {
      const { prismaOverhead } = await import("./scenarios/prisma-overhead");
      console.log("prisma-overhead…");
      results.push(await prismaOverhead({ databaseUrl: db.url, orders: quick ? 300 : 1500 }));
    }
    if (want("dashboard")) {
      // Last: it seeds its own database of a million orders on the same server.
      const { runDashboardBench } = await import("./dashboard");
      console.log("dashboard…");
      results.push((await runDashboardBench({ databaseUrl: base, orders: quick ? 100_000 : 1_000_000, runs: quick ? 10 : 30, log: () => {} })).scenario);
    }
  } catch (e) {
    console.error("scenario failed:", e);
    throw e;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
  }
  console.log("");
  printTable(results);
  const out = { machine: await machine(base), commit: commit(), quick, instances, scenarios: results.map(({ notes: _n, ...r }) => r), notes: Object.fromEntries(results.filter((r) => r.notes).map((r) => [r.name, r.notes])) };
  const file = path.join("bench", "results", `${new Date().toISOString().slice(0, 10)}${quick ? "-quick" : ""}${instances > 1 ? `-${instances}x` : ""}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
  console.log(`\nwrote ${file}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
