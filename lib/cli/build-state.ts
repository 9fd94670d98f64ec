// Is there a production build, and is it newer than every source file?
import fs from "node:fs";
import path from "node:path";

function newestSourceMtime(root: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ["app", "components", "lib", "public", "prisma"]) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  for (const f of ["next.config.ts", "instrumentation.ts", "package.json", "postcss.config.mjs"]) {
    if (fs.existsSync(path.join(root, f))) newest = Math.max(newest, fs.statSync(path.join(root, f)).mtimeMs);
  }
  return newest;
}

export function needsBuild(root = process.cwd()): boolean {
  const id = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return true;
  return newestSourceMtime(root) > fs.statSync(id).mtimeMs;
}

export const nextBin = (root = process.cwd()) => path.join(root, "node_modules", "next", "dist", "bin", "next");

// V8 flags for the production server. A request through Next.js allocates a lot of short-lived
// objects (its request and response wrappers, web streams, promises); with V8's default young
// generation (16 MB semi-spaces on 64-bit) the server spent ~14% of its main thread in
// scavenges during a flash sale. 64 MB semi-spaces (at most ~128 MB more memory) scavenge a
// quarter as often and copy fewer survivors: full flash-sale runs back to back, app CPU per
// order 2.40–2.69 → 2.00–2.40 ms, 417–487 → 484–610 orders/s (see README, Performance).
export const serverNodeArgs = ["--max-semi-space-size=64"];

/** `node … next start` as the app is served: by `npm start`, the benchmarks and the fault tests. */
export const nextStartArgs = (opts: { port: number | string; host?: string; root?: string }) => [
  ...serverNodeArgs,
  nextBin(opts.root),
  "start",
  "-p",
  String(opts.port),
  ...(opts.host ? ["-H", opts.host] : []),
];
