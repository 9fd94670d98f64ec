// Fault tests run the production build as separate processes they can kill, on their own
// databases, all on 127.0.0.1. No browser; Playwright is only the runner here.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { nextBin } from "../../lib/cli/build-state";

export const serverDbUrl = () => process.env.FAULTS_DATABASE_URL ?? process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function withDatabase(base: string, name: string) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database on `server` (the shared server unless given), with a small pool to it. */
export async function createDatabase(tag: string, server = serverDbUrl()) {
  const name = `little_store_fault_${tag}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(server, name);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => {});
  return {
    url,
    pool,
    async drop() {
      await pool.end().catch(() => {});
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface AppProcess {
  url: string;
  child: ChildProcess;
  log: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

export async function startApp(opts: { databaseUrl: string; port: number; dataDir: string; env?: Record<string, string> }): Promise<AppProcess> {
  const url = `http://127.0.0.1:${opts.port}`;
  const child = spawn(process.execPath, [nextBin(), "start", "-p", String(opts.port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: opts.databaseUrl,
      PORT: String(opts.port),
      APP_URL: url,
      DATA_DIR: opts.dataDir,
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      // Load tests have each buyer hold many unpaid orders of one SKU: the unpaid caps (against
      // stock hoarding) are set out of their way, but still checked on every order.
      MAX_UNPAID_ORDERS_PER_STORE: "10000",
      MAX_UNPAID_UNITS_PER_SKU: "1000000",
      ...opts.env,
    },
  });
  let log = "";
  child.stdout!.on("data", (d) => (log = (log + d).slice(-40_000)));
  child.stderr!.on("data", (d) => (log = (log + d).slice(-40_000)));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/api/store/v1/openapi.json`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`app did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    log: () => log,
    kill: (signal: NodeJS.Signals = "SIGKILL") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}

export const tmpDir = (tag: string) => fs.mkdtempSync(path.join(os.tmpdir(), `little-store-${tag}-`));

/** A store with one item/SKU of `stock` units (stock through the ledger), `buyers` buyers with Store API tokens and the seller's Open API token. */
export async function seedSale(pool: pg.Pool, opts: { stock: number; buyers: number; priceFen?: number }) {
  const id = () => `c${crypto.randomBytes(12).toString("hex")}`;
  const seller = id();
  const store = id();
  const item = id();
  const sku = id();
  await pool.query(`INSERT INTO "User" (id, role, name, email, "updatedAt") VALUES ($1, 'SELLER', 'fault seller', $2, now())`, [seller, `${seller}@example.test`]);
  // An approved store whose sub-merchant is bound to the platform in the sandbox (service-provider mode).
  const mchId = `19${crypto.randomInt(10_000_000, 99_999_999)}`;
  await pool.query(
    `INSERT INTO "Store" (id, slug, name, description, "businessName", "officialAccountId", "mchId", "contactPhone", status, "payBinding", "payBoundAt", "shareMaxRatioBps", "updatedAt")
     VALUES ($1, $2, 'Fault store', '', 'Fault Co.', 'gh_0123456789ab', $3, '13800138000', 'APPROVED', 'BOUND', now(), 3000, now())`,
    [store, `fault-${store.slice(-8)}`, mchId],
  );
  await pool.query(`INSERT INTO "SandboxPaySubMerchant" ("spMchid", "subMchid", name) VALUES ($1, $2, 'Fault Co.')`, [process.env.WECHATPAY_MCH_ID ?? "1900000109", mchId]);
  await pool.query(`INSERT INTO "StoreMember" ("storeId", "userId", role) VALUES ($1, $2, 'OWNER')`, [store, seller]);
  await pool.query(
    `INSERT INTO "Item" (id, "storeId", title, description, "categoryId", specs, status, "priceMinFen", "priceMaxFen", "onSaleAt", "updatedAt")
     VALUES ($1, $2, '秒杀', '[]', 'other', '[]', 'ON_SALE', $3, $3, now(), now())`,
    [item, store, opts.priceFen ?? 990],
  );
  await pool.query(`INSERT INTO "Sku" (id, "itemId", "storeId", "specKey", "priceFen", stock, "updatedAt") VALUES ($1, $2, $3, '', $4, $5, now())`, [sku, item, store, opts.priceFen ?? 990, opts.stock]);
  await pool.query(`INSERT INTO "StockLedgerEntry" ("storeId", "itemId", "skuId", delta, "resultingStock", reason) VALUES ($1, $2, $3, $4, $4, 'INITIAL')`, [store, item, sku, opts.stock]);
  // The seller's Open API token, for changes made through the app.
  const merchantToken = `lsm_${crypto.randomBytes(32).toString("base64url")}`;
  await pool.query(`INSERT INTO "ApiToken" (id, kind, "userId", "storeId", "tokenHash", prefix) VALUES ($1, 'MERCHANT', $2, $3, $4, $5)`, [
    id(),
    seller,
    store,
    crypto.createHash("sha256").update(merchantToken).digest("hex"),
    merchantToken.slice(0, 10),
  ]);
  const tokens: string[] = [];
  for (let i = 0; i < opts.buyers; i++) {
    const user = id();
    const token = `lsb_${crypto.randomBytes(32).toString("base64url")}`;
    await pool.query(`INSERT INTO "User" (id, role, name, "wechatOpenId", "updatedAt") VALUES ($1, 'BUYER', $2, $3, now())`, [user, `fault buyer ${i}`, `oFault${user}`]);
    await pool.query(`INSERT INTO "ApiToken" (id, kind, "userId", "tokenHash", prefix, "expiresAt") VALUES ($1, 'BUYER', $2, $3, $4, now() + interval '1 day')`, [
      id(),
      user,
      crypto.createHash("sha256").update(token).digest("hex"),
      token.slice(0, 10),
    ]);
    tokens.push(token);
  }
  return { storeId: store, itemId: item, skuId: sku, tokens, merchantToken, slug: `fault-${store.slice(-8)}` };
}

/** A TCP proxy in front of Postgres whose plug can be pulled: existing connections are cut and new ones refused. */
export async function startPgProxy(target = new URL(serverDbUrl())) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const port = await freePort();
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => resolve());
    });
  await listen();
  return {
    port,
    async cut() {
      const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
      for (const s of sockets) s.destroy();
      sockets.clear();
      await closed;
    },
    restore: listen,
    async close() {
      await this.cut();
    },
  };
}

/**
 * A Postgres server of the test's own (initdb into a temporary folder, loopback only, its own
 * port), so the test can really stop and start it without disturbing the shared server the
 * rest of the suite uses. Uses the machine's Postgres binaries (Debian's postgresql package).
 */
export async function startPrivatePostgres() {
  const bin = postgresBinDir();
  const dir = tmpDir("pg");
  const data = path.join(dir, "data");
  const port = await freePort();
  // initdb and postgres refuse to run as root: run them as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) fs.chownSync(dir, ...postgresUid());
  const run = (cmd: string, args: string[]) => runChecked(asRoot ? "runuser" : path.join(bin, cmd), asRoot ? ["-u", "postgres", "--", path.join(bin, cmd), ...args] : args);
  await run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=32MB -c max_connections=60`;
  const start = () => run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-t", "30", "-o", options, "start"]);
  // "fast": what a stop by an operator or a service manager does — every session is ended
  // (FATAL 57P01, admin shutdown) and the server stops listening.
  const stop = (mode: "fast" | "immediate" = "fast") => run("pg_ctl", ["-D", data, "-w", "-t", "30", "-m", mode, "stop"]);
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => stop("fast"),
    start,
    async destroy() {
      await stop("immediate").catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBinDir() {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => path.join(root, v, "bin")).find((d) => fs.existsSync(path.join(d, "pg_ctl")));
  if (!found) throw new Error("no Postgres server binaries under /usr/lib/postgresql (apt-get install postgresql)");
  return found;
}

function postgresUid(): [number, number] {
  const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("no postgres user to run a private Postgres server as");
  const [, , uid, gid] = line.split(":");
  return [Number(uid), Number(gid)];
}

function runChecked(cmd: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}:\n${out}`))));
  });
}
