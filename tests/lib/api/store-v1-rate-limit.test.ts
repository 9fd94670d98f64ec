// The Store API's rate limits: per buyer token, and per client address for requests without a
// token; the headers on every counted answer, 429 with Retry-After past the limit. The clock is
// faked (Date only) so the window is exact.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as openapiGET } from "@/app/api/store/v1/openapi.json/route";
import { handleStoreApi } from "@/lib/api/store-v1";
import { issueBuyerToken } from "@/lib/auth/api-tokens";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../../support/db";
import { authWorld, createUser } from "../../support/fixtures";

useTestDatabase();

const PER_TOKEN = 4;
const PER_ADDRESS = 3;
beforeAll(() => {
  vi.stubEnv("STORE_API_RATE_LIMIT_PER_MINUTE", String(PER_TOKEN));
  vi.stubEnv("STORE_API_ADDRESS_RATE_LIMIT_PER_MINUTE", String(PER_ADDRESS));
  resetEnvForTests();
});
afterAll(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});
afterEach(() => {
  vi.useRealTimers();
});

function at(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

async function get(opts: { token?: string; from?: string; path?: string } = {}) {
  const path = opts.path ?? `/stores/${w.storeA.slug}`;
  const headers: Record<string, string> = {};
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.from) headers["X-Forwarded-For"] = opts.from;
  return handleStoreApi(new Request(`http://localhost:3000/api/store/v1${path}`, { headers }), path);
}

const newToken = async () => (await issueBuyerToken((await createUser("BUYER")).id)).token;

describe("the Store API's rate limits", () => {
  it("counts a buyer's requests per token: the limit passes, the next is 429 with Retry-After, another token is unaffected, a new window resets", async () => {
    at("2032-06-01T08:00:15Z"); // first: tokens minted now, valid for 30 days from then
    const busy = await newToken();
    const quiet = await newToken();
    const answers = [];
    for (let i = 0; i <= PER_TOKEN; i++) answers.push(await get({ token: busy, from: "203.0.113.9" }));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 429]);
    expect(answers.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["3", "2", "1", "0", "0"]);
    expect(answers[0].headers.get("x-ratelimit-limit")).toBe(String(PER_TOKEN));
    expect(answers[PER_TOKEN].headers.get("retry-after")).toBe("45");
    expect((await answers[PER_TOKEN].json()).error).toMatchObject({ code: "RATE_LIMITED", details: { limit: PER_TOKEN, retryAfterSeconds: 45 } });
    // Errors after authentication count too (an unknown item is 404, then 429).
    expect((await get({ token: busy, path: `/stores/${w.storeA.slug}/items/nope` })).status).toBe(429);
    expect((await get({ token: quiet })).status).toBe(200);
    // Requests with a token were not counted against their address.
    expect((await get({ from: "203.0.113.9" })).headers.get("x-ratelimit-remaining")).toBe(String(PER_ADDRESS - 1));
    at("2032-06-01T08:01:00Z");
    expect((await get({ token: busy })).status).toBe(200);
  });

  it("counts requests without a token per client address", async () => {
    at("2032-06-01T09:00:00Z");
    const answers = [];
    for (let i = 0; i <= PER_ADDRESS; i++) answers.push(await get({ from: "198.51.100.20" }));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers[PER_ADDRESS].headers.get("retry-after")).toBe("60");
    // Signing in is counted the same way (a bad code is still a request).
    expect((await handleStoreApi(new Request("http://localhost:3000/api/store/v1/auth/wechat", { method: "POST", headers: { "X-Forwarded-For": "198.51.100.20", "Content-Type": "application/json" }, body: "{}" }), "/auth/wechat")).status).toBe(429);
    expect((await get({ from: "198.51.100.21" })).status).toBe(200);
    // A bad address header is not a key: such a request is not counted (Next.js always sets one in a real server).
    expect((await get({ from: "not an address" })).headers.get("x-ratelimit-limit")).toBeNull();
  });

  it("documents the limits in the OpenAPI document", async () => {
    const doc = await (await openapiGET()).json();
    expect(doc.info.description).toContain(`${PER_TOKEN} requests per minute per buyer token`);
    expect(doc.info.description).toContain(`${PER_ADDRESS} per client address`);
  });
});
