import "server-only";
// Fixed-window rate limits shared by every app instance. One counter row per key and window
// lives in RateLimitBucket; each hit is a single INSERT … ON CONFLICT DO UPDATE … RETURNING,
// so concurrent hits (on any instance) each get a distinct count and exactly `limit` of them
// pass in a window. Used by the merchant Open API (per token) and sign-in. createLocalRateLimiter
// counts in one process only, for hot paths.
import { db } from "@/lib/db/client";
import type { JobResult } from "@/lib/jobs/worker";

/** Buckets older than this are deleted; no rule may use a longer window. */
export const RATE_LIMIT_RETENTION_MS = 60 * 60_000;
export const RATE_LIMIT_PRUNE_QUEUE = "rateLimit.prune";

export interface RateLimitRule {
  /** Hits allowed per window (the first `limit` hits pass, the next ones are refused). */
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  /** Hits still allowed in this window. */
  remaining: number;
  /** This hit's number in the window (refused hits count too). */
  count: number;
  /** When the window ends and counting starts again. */
  resetAt: Date;
  /** Whole seconds until resetAt, at least 1: the value of Retry-After. */
  retryAfterSeconds: number;
}

/** Windows are aligned to multiples of their length since the epoch, so every instance agrees on them. */
export function windowStartOf(nowMs: number, windowMs: number): Date {
  return new Date(Math.floor(nowMs / windowMs) * windowMs);
}

function checkRule(rule: RateLimitRule) {
  if (!Number.isSafeInteger(rule.limit) || rule.limit < 1) throw new Error(`rate limit: bad limit ${rule.limit}`);
  if (!Number.isSafeInteger(rule.windowMs) || rule.windowMs < 1000 || rule.windowMs > RATE_LIMIT_RETENTION_MS) {
    throw new Error(`rate limit: window must be 1 s – ${RATE_LIMIT_RETENTION_MS / 60_000} min`);
  }
}

/**
 * Counts one hit against `key` and says whether it is within the rule. Keys are namespaced by
 * the caller (e.g. "openapi:token:<id>", "signin:email:<address>").
 */
export async function hitRateLimit(key: string, rule: RateLimitRule, now: Date = new Date()): Promise<RateLimitDecision> {
  checkRule(rule);
  const start = windowStartOf(now.getTime(), rule.windowMs);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${start}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0].count);
  const resetAt = new Date(start.getTime() + rule.windowMs);
  return {
    allowed: count <= rule.limit,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - count),
    count,
    resetAt,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  };
}

/**
 * The same fixed-window decision counted in this process only: no database round trip, for
 * hot paths (the Store API, hit by every buyer's every request in a flash sale). Each app
 * instance counts on its own, so N instances allow up to N × limit per window; the windows
 * are aligned like the shared ones. Keys of past windows are dropped as windows turn, and the
 * map never holds more than `maxKeys` (the oldest entries go first).
 */
export function createLocalRateLimiter(maxKeys = 100_000) {
  const hits = new Map<string, { start: number; count: number }>();
  return function hit(key: string, rule: RateLimitRule, now: Date = new Date()): RateLimitDecision {
    checkRule(rule);
    const start = windowStartOf(now.getTime(), rule.windowMs).getTime();
    let h = hits.get(key);
    if (!h || h.start !== start) {
      if (h) hits.delete(key);
      h = { start, count: 0 };
      if (hits.size >= maxKeys) {
        // Map keeps insertion order: the first keys are the least recently (re)started.
        for (const k of hits.keys()) {
          hits.delete(k);
          if (hits.size < maxKeys * 0.9) break;
        }
      }
      hits.set(key, h);
    }
    h.count += 1;
    const resetAt = new Date(start + rule.windowMs);
    return {
      allowed: h.count <= rule.limit,
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - h.count),
      count: h.count,
      resetAt,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
    };
  };
}

/** Forgets every window of a key (e.g. after a successful sign-in). */
export async function clearRateLimit(key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}

/**
 * The conventional headers for a decision: X-RateLimit-Limit, X-RateLimit-Remaining,
 * X-RateLimit-Reset (Unix time in seconds when the window ends), and Retry-After (seconds)
 * when the hit was refused.
 */
export function rateLimitHeaders(d: RateLimitDecision): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(d.limit),
    "X-RateLimit-Remaining": String(d.remaining),
    "X-RateLimit-Reset": String(Math.ceil(d.resetAt.getTime() / 1000)),
    ...(d.allowed ? {} : { "Retry-After": String(d.retryAfterSeconds) }),
  };
}

/** Deletes buckets whose window started more than RATE_LIMIT_RETENTION_MS ago; returns how many. */
export async function pruneRateLimitBuckets(now: Date = new Date()): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - RATE_LIMIT_RETENTION_MS) } } });
  return count;
}

/** Recurring job (lib/jobs/registry.ts). */
export async function pruneRateLimitsJob(): Promise<JobResult> {
  await pruneRateLimitBuckets();
}
