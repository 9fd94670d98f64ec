import "server-only";
// Idempotency-Key for JSON APIs: the first response to a key is stored and replayed to
// every retry with the same request; the same key with a different request is 422. While
// the first request is still running, a concurrent twin is told so (409) instead of running
// a second time: a claim row taken before running makes that atomic across app instances.
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { EndpointResult } from "./endpoint";
import { errorToResponse } from "./endpoint";

/** A claim older than this belongs to a request that died; the next retry takes it over. */
const CLAIM_STALE_SECONDS = 60;

export function requestHash(v: unknown) {
  return crypto.createHash("sha256").update(JSON.stringify(v ?? null)).digest("hex");
}

async function stored(scope: string, key: string) {
  return db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } }, select: { requestHash: true, status: true, body: true } });
}

function replay(rec: { requestHash: string; status: number; body: unknown }, hash: string): EndpointResult {
  if (rec.requestHash !== hash) throw new AppError("IDEMPOTENCY_MISMATCH", "This Idempotency-Key was used with a different request.");
  return { status: rec.status, body: rec.body, headers: { "Idempotent-Replayed": "true" } };
}

async function claim(scope: string, key: string): Promise<boolean> {
  const claimScope = `claim:${scope}`;
  const now = new Date();
  const inserted = await db.$executeRaw`
    INSERT INTO "IdempotencyRecord" (id, scope, key, "requestHash", status, body, "createdAt")
    VALUES (${crypto.randomUUID()}, ${claimScope}, ${key}, '', 0, 'null'::jsonb, ${now})
    ON CONFLICT (scope, key) DO NOTHING`;
  if (inserted === 1) return true;
  const takenOver = await db.$executeRaw`
    UPDATE "IdempotencyRecord" SET "createdAt" = ${now}
     WHERE scope = ${claimScope} AND key = ${key} AND "createdAt" < ${new Date(now.getTime() - CLAIM_STALE_SECONDS * 1000)}`;
  return takenOver === 1;
}

async function release(scope: string, key: string) {
  await db.idempotencyRecord.deleteMany({ where: { scope: `claim:${scope}`, key } });
}

export async function withIdempotency(opts: { scope: string; key: string; request: unknown; run: () => Promise<EndpointResult> }): Promise<EndpointResult> {
  const hash = requestHash(opts.request);
  const earlier = await stored(opts.scope, opts.key);
  if (earlier) return replay(earlier, hash);
  if (!(await claim(opts.scope, opts.key))) {
    const done = await stored(opts.scope, opts.key);
    if (done) return replay(done, hash);
    throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed. Retry in a moment to get its answer.");
  }
  try {
    let result: EndpointResult;
    try {
      result = await opts.run();
    } catch (e) {
      if (!(e instanceof AppError)) throw e; // 5xx: not stored, a retry runs again
      const res = errorToResponse(e);
      result = { status: res.status, body: await res.json() };
    }
    await db.idempotencyRecord.create({ data: { scope: opts.scope, key: opts.key, requestHash: hash, status: result.status, body: (result.body ?? null) as never } });
    return result;
  } finally {
    await release(opts.scope, opts.key);
  }
}
