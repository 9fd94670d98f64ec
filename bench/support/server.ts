// The app as users get it: a production build served by `next start`, on its own port,
// database and data folder.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { needsBuild, nextBin } from "../../lib/cli/build-state";

export function ensureBuild() {
  if (!needsBuild()) return;
  console.log("building the app (production)…");
  const r = spawnSync(process.execPath, [nextBin(), "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error("build failed");
}

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(opts: { databaseUrl: string; port: number; env?: Record<string, string>; dataDir?: string }): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "little-store-bench-"));
  const url = `http://127.0.0.1:${opts.port}`;
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, nextBin(), "start", "-p", String(opts.port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: opts.databaseUrl,
      PORT: String(opts.port),
      APP_URL: url,
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      LOG_LEVEL: "error",
      // Load tests have each buyer hold many unpaid orders of one SKU: the unpaid caps (against
      // stock hoarding) are set out of their way, but still checked on every order.
      MAX_UNPAID_ORDERS_PER_STORE: "10000",
      MAX_UNPAID_UNITS_PER_SKU: "1000000",
      // Likewise the Store API's rate limits: counted on every request, never reached.
      STORE_API_RATE_LIMIT_PER_MINUTE: "1000000",
      STORE_API_ADDRESS_RATE_LIMIT_PER_MINUTE: "1000000",
      ...opts.env,
    },
  });
  let log = "";
  child.stdout!.on("data", (d) => (log = (log + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (log = (log + d).slice(-20_000)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/api/store/v1/openapi.json`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port: opts.port,
    process: child,
    stop: (signal: NodeJS.Signals = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}
