// `npm start`: check the environment, build the app if there is no up-to-date build, then
// serve it with `next start`. The server itself migrates and seeds (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "../env";
import { needsBuild, nextBin } from "./build-state";

const root = process.cwd();
const next = nextBin(root);

// The same .env files `next start` reads.
nextEnv.loadEnvConfig(root, false);

let env;
try {
  env = parseEnv(process.env);
} catch (e) {
  if (e instanceof EnvError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

if (needsBuild()) {
  console.log("Building Little Store (first start or sources changed)…");
  const r = spawnSync(process.execPath, [next, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// A local server (APP_URL unset or loopback) listens on this machine only: its WeChat sandboxes
// let anyone sign in as any buyer, and the demo admin's password is public.
console.log(
  env.HOST === "127.0.0.1" || env.HOST === "::1" || env.HOST === "localhost"
    ? `Listening on ${env.HOST}:${env.PORT} only (this machine). Set HOST=0.0.0.0 to serve the network — and APP_URL to the address others use.`
    : `Listening on ${env.HOST}:${env.PORT}.`,
);
const child = spawn(process.execPath, [next, "start", "-p", String(env.PORT), "-H", env.HOST], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
for (const s of ["SIGINT", "SIGTERM"] as const) process.on(s, () => child.kill(s));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
