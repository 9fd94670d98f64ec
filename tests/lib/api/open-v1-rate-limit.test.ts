// Rate limits: the reusable fixed-window limiter (lib/api/rate-limit.ts) on a real database,
// and the Open API's per-token limit with its headers. The clock is faked (Date only) so
// window boundaries are exact.
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { handleOpenApi } from "@/lib/api/open-v1";
import { createStoreApiToken } from "@/lib/api/open-v1/tokens";
import { clearRateLimit, hitRateLimit, pruneRateLimitBuckets, RATE_LIMIT_PRUNE_QUEUE, RATE_LIMIT_RETENTION_MS, rateLimitHeaders, windowStartOf } from "@/lib/api/rate-limit";
import { getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { jobHandlers, recurringJobs } from "@/lib/jobs/registry";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";

useTestDatabase();

const LIMIT = 5;
beforeAll(() => {
  vi.stubEnv("OPEN_API_RATE_LIMIT_PER_MINUTE", String(LIMIT));
  resetEnvForTests();
});
afterAll(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Fakes only Date (database drivers still get real timers). */
function at(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

async function get(token: string, path = "/store") {
  return handleOpenApi(new Request(`http://localhost:3000/api/open/v1${path}`, { headers: { Authorization: `Bearer ${token}` } }), path);
}

describe("the fixed-window limiter", () => {
  it("puts every instant in exactly one aligned window", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.constantFrom(1000, 60_000, 15 * 60_000, 3_600_000), (now, windowMs) => {
        const start = windowStartOf(now, windowMs).getTime();
        expect(start % windowMs).toBe(0);
        expect(start <= now && now < start + windowMs).toBe(true);
      }),
    );
  });

  it("lets exactly `limit` hits through per window, counting down the remainder", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 10 }), async (limit, hits) => {
        const key = `prop:${crypto.randomUUID()}`;
        const now = new Date("2030-01-01T00:00:30Z");
        const decisions = [];
        for (let i = 0; i < hits; i++) decisions.push(await hitRateLimit(key, { limit, windowMs: 60_000 }, now));
        expect(decisions.filter((d) => d.allowed)).toHaveLength(Math.min(limit, hits));
        expect(decisions.map((d) => d.remaining)).toEqual(decisions.map((_, i) => Math.max(0, limit - i - 1)));
        expect(decisions.every((d) => d.resetAt.toISOString() === "2030-01-01T00:01:00.000Z" && d.retryAfterSeconds === 30)).toBe(true);
      }),
      { numRuns: 12 },
    );
  });

  it("counts concurrent hits exactly (one row per key and window, bumped atomically)", async () => {
    const key = `burst:${crypto.randomUUID()}`;
    const now = new Date("2030-01-01T00:00:00Z");
    const all = await Promise.all(Array.from({ length: 25 }, () => hitRateLimit(key, { limit: 10, windowMs: 60_000 }, now)));
    expect(all.filter((d) => d.allowed)).toHaveLength(10);
    expect(all.map((d) => d.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const rows = await getDb().rateLimitBucket.findMany({ where: { key }, select: { windowStart: true, count: true } });
    expect(rows).toEqual([{ windowStart: now, count: 25 }]);
  });

  it("starts again in a new window, and forgets a key on request", async () => {
    const key = `reset:${crypto.randomUUID()}`;
    const rule = { limit: 1, windowMs: 60_000 };
    expect((await hitRateLimit(key, rule, new Date("2030-01-01T00:00:59.999Z"))).allowed).toBe(true);
    expect((await hitRateLimit(key, rule, new Date("2030-01-01T00:00:59.999Z"))).allowed).toBe(false);
    expect((await hitRateLimit(key, rule, new Date("2030-01-01T00:01:00Z"))).allowed).toBe(true);
    await clearRateLimit(key);
    expect((await hitRateLimit(key, rule, new Date("2030-01-01T00:01:00Z"))).allowed).toBe(true);
  });

  it("refuses a rule it could not keep (a window longer than the buckets are kept)", async () => {
    await expect(hitRateLimit("x", { limit: 1, windowMs: RATE_LIMIT_RETENTION_MS + 1 })).rejects.toThrow();
    await expect(hitRateLimit("x", { limit: 0, windowMs: 60_000 })).rejects.toThrow();
  });

  it("prunes old buckets only, from a recurring job", async () => {
    const key = `prune:${crypto.randomUUID()}`;
    const now = new Date("2031-06-01T12:00:00Z");
    await hitRateLimit(key, { limit: 1, windowMs: 60_000 }, new Date(now.getTime() - RATE_LIMIT_RETENTION_MS - 60_000));
    await hitRateLimit(key, { limit: 1, windowMs: 60_000 }, new Date(now.getTime() - 60_000));
    expect(await pruneRateLimitBuckets(now)).toBeGreaterThanOrEqual(1);
    expect(await getDb().rateLimitBucket.count({ where: { key } })).toBe(1);
    expect(recurringJobs.map((j) => j.name)).toContain(RATE_LIMIT_PRUNE_QUEUE);
    expect(Object.keys(await jobHandlers())).toContain(RATE_LIMIT_PRUNE_QUEUE);
  });

  it("writes the conventional headers", () => {
    const resetAt = new Date("2030-01-01T00:01:00Z");
    expect(rateLimitHeaders({ allowed: false, limit: 5, remaining: 0, count: 6, resetAt, retryAfterSeconds: 12 })).toEqual({
      "X-RateLimit-Limit": "5",
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Reset": String(resetAt.getTime() / 1000),
      "Retry-After": "12",
    });
  });
});

describe("the Open API's per-token limit", () => {
  it("answers limit+1 requests in a minute with 429 and Retry-After; another token is unaffected; a new window resets", async () => {
    const first = (await createStoreApiToken(w.sellerA, w.storeA.id, { name: "busy" })).token;
    const second = (await createStoreApiToken(w.sellerA, w.storeA.id, { name: "quiet" })).token;
    at("2032-05-05T10:00:10Z");
    const answers = [];
    for (let i = 0; i <= LIMIT; i++) answers.push(await get(first));
    expect(answers.slice(0, LIMIT).map((r) => r.status)).toEqual(Array(LIMIT).fill(200));
    expect(answers.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["4", "3", "2", "1", "0", "0"]);
    for (const r of answers) {
      expect(r.headers.get("x-ratelimit-limit")).toBe(String(LIMIT));
      expect(r.headers.get("x-ratelimit-reset")).toBe(String(Date.parse("2032-05-05T10:01:00Z") / 1000));
    }
    const refused = answers[LIMIT];
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("50");
    expect((await refused.json()).error).toMatchObject({ code: "RATE_LIMITED", details: { limit: LIMIT, retryAfterSeconds: 50 } });
    // Errors count too, and carry the headers: an unknown path is still 429 now.
    expect((await get(first, "/nothing")).status).toBe(429);

    const other = await get(second);
    expect(other.status).toBe(200);
    expect(other.headers.get("x-ratelimit-remaining")).toBe("4");

    at("2032-05-05T10:01:00Z");
    const fresh = await get(first);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("x-ratelimit-remaining")).toBe("4");
  });

  it("holds under a burst: exactly `limit` of many concurrent requests pass", async () => {
    const token = (await createStoreApiToken(w.sellerA, w.storeA.id, { name: "burst" })).token;
    at("2032-05-05T11:00:00Z");
    const all = await Promise.all(Array.from({ length: LIMIT * 3 }, () => get(token, "/products")));
    expect(all.filter((r) => r.status === 200)).toHaveLength(LIMIT);
    expect(all.filter((r) => r.status === 429)).toHaveLength(LIMIT * 2);
  });

  it("puts the headers on error answers too", async () => {
    const token = (await createStoreApiToken(w.sellerA, w.storeA.id, { name: "errors" })).token;
    const r = await get(token, "/products/nope");
    expect(r.status).toBe(404);
    expect(r.headers.get("x-ratelimit-limit")).toBe(String(LIMIT));
    expect(r.headers.get("x-ratelimit-remaining")).toBe(String(LIMIT - 1));
  });
});
