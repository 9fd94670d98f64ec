// The WeChat Pay sandbox driven in-process: a `fetch` that routes requests for the sandbox's
// base URL (env().WECHATPAY_BASE_URL) to its route handlers, exactly as the network would hand
// them a Request; every other URL (a local notification receiver) goes to the real fetch.
// Use inside a file that called useTestDatabase().
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, vi } from "vitest";
import { POST as controlPOST } from "@/app/sandbox/wechatpay/control/route";
import { serveSandboxApi } from "@/lib/sandbox/wechatpay/api";
import { env, resetEnvForTests } from "@/lib/env";
import { runDueJobs } from "@/lib/jobs/worker";
import { wechatPaySandboxJobHandlers } from "@/lib/sandbox/wechatpay/jobs";

/** Hands a Request for the sandbox to its API route, as Next.js would (404 for another path). */
export async function routeToSandbox(req: Request): Promise<Response> {
  const base = new URL(env().WECHATPAY_BASE_URL);
  const url = new URL(req.url);
  if (!url.pathname.startsWith(`${base.pathname}/v3/`)) return new Response("Not found", { status: 404 });
  return serveSandboxApi(req);
}

export function isSandboxUrl(url: URL): boolean {
  const base = new URL(env().WECHATPAY_BASE_URL);
  return url.origin === base.origin && url.pathname.startsWith(`${base.pathname}/`);
}

/** A fetch that serves the sandbox in-process; `transform` may rewrite its answers (tests of the verifier). */
export function sandboxFetch(realFetch: typeof fetch, transform?: (res: Response, req: Request) => Promise<Response>): typeof fetch {
  return async (input, init) => {
    const req = new Request(input, init);
    if (!isSandboxUrl(new URL(req.url))) return realFetch(input, init);
    const res = await routeToSandbox(req);
    return transform ? transform(res, req) : res;
  };
}

/**
 * For a test file: fast sandbox time, and the global fetch routed to the sandbox while the
 * file runs. Call at the top level, after useTestDatabase().
 */
export function useWechatPaySandbox(opts: { timeScale?: number } = {}) {
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    vi.stubEnv("WECHATPAY_SANDBOX_TIME_SCALE", String(opts.timeScale ?? 0.000_01));
    resetEnvForTests();
    vi.stubGlobal("fetch", sandboxFetch(realFetch));
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    resetEnvForTests();
  });
  return { realFetch };
}

/** POST to the control endpoint; the parsed answer. */
export async function control(body: object): Promise<Record<string, unknown>> {
  const res = await controlPOST(new Request(`${env().APP_URL}/sandbox/wechatpay/control`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`control ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Runs the sandbox's due jobs until none are left due (or `untilMs` passes), waiting between rounds. */
export async function drainSandboxJobs(opts: { untilMs?: number; until?: () => Promise<boolean> } = {}) {
  const deadline = Date.now() + (opts.untilMs ?? 5_000);
  for (;;) {
    await runDueJobs(wechatPaySandboxJobHandlers);
    if (opts.until ? await opts.until() : true) return;
    if (Date.now() > deadline) throw new Error("sandbox jobs did not settle in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface ReceivedNotification {
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** A notify_url receiver on 127.0.0.1 that records every POST and answers with `status()`. */
export async function startReceiver(status: (n: number, got: ReceivedNotification) => number = () => 204) {
  const received: ReceivedNotification[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const got = { headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      received.push(got);
      res.statusCode = status(received.length, got);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Serves the sandbox's API v3 over real HTTP on 127.0.0.1, for clients that bring their own
 * HTTP stack (an SDK on axios). `baseUrl` ends with the sandbox's path, as WECHATPAY_BASE_URL
 * does, so what a client signs is the path the sandbox checks.
 */
export async function serveSandboxOverHttp() {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
        const hasBody = req.method !== "GET" && req.method !== "HEAD";
        const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
        const answer = await serveSandboxApi(request);
        res.statusCode = answer.status;
        answer.headers.forEach((value, name) => res.setHeader(name, value));
        res.end(Buffer.from(await answer.arrayBuffer()));
      } catch (e) {
        res.statusCode = 500;
        res.end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${new URL(env().WECHATPAY_BASE_URL).pathname}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
