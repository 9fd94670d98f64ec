// A freshly generated Next.js app with one route that answers a small JSON body, built with
// the same `next` as the store and served by `next start`: what any Next app pays per request,
// measured beside the store's own do-nothing route. If the store's cost per request were far
// above this one's, the difference would be the store's to find and fix.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { nextBin } from "../../lib/cli/build-state";

// Outside the repository: inside it, Turbopack takes the workspace root from the repository's
// lock file and builds the store's own instrumentation.ts into the app. Its node_modules is a
// link to the store's, so it runs the very same Next.js and React; Turbopack then needs a root
// above both.
const repo = process.cwd();
const dir = path.join(os.tmpdir(), "little-store-bare-next");

function commonAncestor(a: string, b: string): string {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return x.slice(0, i).join(path.sep) || path.sep;
}

const files: Record<string, string> = {
  "package.json": JSON.stringify({ name: "bare-next", private: true }),
  "next.config.mjs": `export default { poweredByHeader: false, turbopack: { root: ${JSON.stringify(commonAncestor(dir, repo))} } };\n`,
  "app/layout.jsx": "export default function RootLayout({ children }) {\n  return <html><body>{children}</body></html>;\n}\n",
  "app/api/health/route.js": 'export const GET = () => Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });\n',
};

function nextVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(repo, "node_modules", "next", "package.json"), "utf8")).version;
}

/** Writes and builds the app unless a build of these files with this Next is already there. */
function ensureBareBuild() {
  const stamp = path.join(dir, ".next", "bench-stamp");
  const want = JSON.stringify({ next: nextVersion(), files });
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === want) return;
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(dir, "node_modules"), "dir");
  const r = spawnSync(process.execPath, [nextBin(repo), "build"], { cwd: dir, encoding: "utf8", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error(`building the bare Next.js app failed:\n${r.stdout}\n${r.stderr}`);
  // Nothing of the store's may be in it (see above).
  if (fs.readdirSync(path.join(dir, ".next", "server")).some((f) => f.startsWith("instrumentation"))) throw new Error(`the bare Next.js app in ${dir} was built with an instrumentation hook`);
  fs.writeFileSync(stamp, want);
}

export async function startBareNext(port: number) {
  ensureBareBuild();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [nextBin(repo), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  let log = "";
  child.stderr!.on("data", (d) => (log = (log + d).slice(-10_000)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bare Next.js app exited (${child.exitCode}):\n${log}`);
    const up = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`bare Next.js app did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}
