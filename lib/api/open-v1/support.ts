import "server-only";
// What every Open API handler needs: who is calling (the token's store and creator), an
// optional Idempotency-Key applied to mutations, and domain field names mapped to the API's.
import type { Actor } from "@/lib/auth/actor";
import type { BearerIdentity } from "@/lib/auth/api-tokens";
import { AppError } from "@/lib/errors";
import type { EndpointResult } from "../endpoint";
import { withIdempotency } from "../idempotency";

export interface Caller {
  actor: Actor;
  storeId: string;
  tokenId: string;
}

/** The authenticated caller (every Open API endpoint requires a token). */
export function caller(ctx: { identity: BearerIdentity | null }): Caller {
  const i = ctx.identity;
  if (!i?.actor || !i.storeId) throw new AppError("UNAUTHENTICATED", "Missing, unknown or revoked token.");
  return { actor: i.actor, storeId: i.storeId, tokenId: i.tokenId };
}

/**
 * Runs a mutation once per Idempotency-Key (per token): a retry with the same key, method,
 * path and body gets the first answer again (with `Idempotent-Replayed: true`); the same key
 * with another request is 422 IDEMPOTENCY_MISMATCH. Without a key it simply runs.
 * withIdempotency claims the key first, so concurrent twins are safe too (for changes that are
 * not idempotent by themselves, like adding stock): while one runs, a twin gets 409 CONFLICT
 * and retries later to get the stored answer.
 */
export async function idempotent(ctx: { req: Request; identity: BearerIdentity | null; idempotencyKey: string | null; body: unknown }, run: () => Promise<EndpointResult>): Promise<EndpointResult> {
  const key = ctx.idempotencyKey;
  if (!key) return run();
  const scope = `open-v1:${caller(ctx).tokenId}`;
  return withIdempotency({ scope, key, request: { method: ctx.req.method, path: new URL(ctx.req.url).pathname, body: ctx.body ?? null }, run });
}

/** Re-throws an AppError with its field-error paths renamed (the dashboard's names → the API's). */
export async function withFieldNames<T>(names: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof AppError) || !e.fieldErrors) throw e;
    const rename = (path: string) => {
      const [head, ...rest] = path.split(".");
      return [names[head] ?? head, ...rest].join(".");
    };
    const fieldErrors = Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [rename(k), v]));
    throw new AppError(e.code, e.message, { fieldErrors, details: e.details });
  }
}

/** A NOT_FOUND from the domain, said in terms of what the caller asked for (e.g. "Product not found" rather than "Store not found"). */
export async function notFoundAs<T>(message: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") throw new AppError("NOT_FOUND", message);
    throw e;
  }
}
