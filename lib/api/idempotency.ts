import "server-only";
// Idempotency-Key for JSON APIs: the first response to a key is stored and replayed to
// every retry with the same request; the same key with a different request is 422.
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { EndpointResult } from "./endpoint";
import { errorToResponse } from "./endpoint";

export function requestHash(v: unknown) {
  return crypto.createHash("sha256").update(JSON.stringify(v ?? null)).digest("hex");
}

async function stored(scope: string, key: string) {
  return db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } }, select: { requestHash: true, status: true, body: true } });
}

function replay(rec: { status: number; body: unknown }): EndpointResult {
  return { status: rec.status, body: rec.body, headers: { "Idempotent-Replayed": "true" } };
}

export async function withIdempotency(opts: { scope: string; key: string; request: unknown; run: () => Promise<EndpointResult> }): Promise<EndpointResult> {
  const hash = requestHash(opts.request);
  const earlier = await stored(opts.scope, opts.key);
  if (earlier) {
    if (earlier.requestHash !== hash) throw new AppError("IDEMPOTENCY_MISMATCH", "This Idempotency-Key was used with a different request.");
    return replay(earlier);
  }
  let result: EndpointResult;
  try {
    result = await opts.run();
  } catch (e) {
    if (!(e instanceof AppError)) throw e; // 5xx: not stored, a retry runs again
    const res = errorToResponse(e);
    result = { status: res.status, body: await res.json() };
  }
  const inserted = await db.$executeRaw`
    INSERT INTO "IdempotencyRecord" (id, scope, key, "requestHash", status, body)
    VALUES (${crypto.randomUUID()}, ${opts.scope}, ${opts.key}, ${hash}, ${result.status}, ${JSON.stringify(result.body ?? null)}::jsonb)
    ON CONFLICT (scope, key) DO NOTHING`;
  if (inserted === 0) {
    // A concurrent twin stored its answer first: everyone gets that one.
    const first = await stored(opts.scope, opts.key);
    if (first && first.requestHash === hash) return replay(first);
    if (first) throw new AppError("IDEMPOTENCY_MISMATCH", "This Idempotency-Key was used with a different request.");
  }
  return result;
}
