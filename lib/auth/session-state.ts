import "server-only";
// Revocable sessions. A session is a next-auth JWT carrying the user's sessionVersion at
// sign-in (`sv`); bumping User.sessionVersion (sign-out, a password change, a suspension) ends
// every session minted before. Every request that resolves a session (next-auth's jwt
// callback, lib/auth/options.ts) asks whether its token still stands, from a per-process cache
// that lives a few seconds. The cache is dropped on a bump here at once, and on the other app
// instances through the storefront cache's invalidation broadcast (lib/cache.ts: Postgres
// NOTIFY, applied by lib/cache-sync.ts); a missed message costs at most the TTL.
import { batcher, READ_BATCH } from "@/lib/db/batch";
import { db } from "@/lib/db/client";
import { invalidate, tagGenerations, tags } from "@/lib/cache";

/** How long this process trusts what it read about a user's sessions without hearing of a change. */
export const SESSION_STATE_TTL_MS = 5_000;
/** Past this many users cached, the cache starts over rather than grow. */
const MAX_CACHED = 50_000;

export interface SessionState {
  version: number;
  disabled: boolean;
}

type Entry = { state: SessionState | null; readAt: number; generation: string };
const cache: Map<string, Entry> = ((globalThis as { __littleStoreSessionStates?: Map<string, Entry> }).__littleStoreSessionStates ??= new Map());

/** Lookups made at the same moment share one statement (every signed-in request may make one). */
const statesById = batcher(async (ids: string[]): Promise<(SessionState | null)[]> => {
  const rows = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, sessionVersion: true, disabled: true } });
  const byId = new Map(rows.map((r) => [r.id, { version: r.sessionVersion, disabled: r.disabled }]));
  return ids.map((id) => byId.get(id) ?? null);
}, READ_BATCH);

/** The user's session version and whether they are disabled (null: no such user), cached briefly. */
export async function sessionStateOf(userId: string, now = Date.now()): Promise<SessionState | null> {
  // Taken before the read: an invalidation that lands while it runs makes the entry miss next time.
  const generation = tagGenerations([tags.sessions(userId)]);
  const hit = cache.get(userId);
  if (hit && hit.generation === generation && now - hit.readAt < SESSION_STATE_TTL_MS) return hit.state;
  const state = await statesById(userId);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(userId, { state, readAt: now, generation });
  return state;
}

/** A token's version: tokens minted before versions existed carry none, and count as 0. */
export function tokenVersion(token: Record<string, unknown>): number {
  return typeof token.sv === "number" ? token.sv : 0;
}

/** Whether a session token of `userId` with version `version` still stands. */
export async function sessionStands(userId: string, version: number): Promise<boolean> {
  const state = await sessionStateOf(userId);
  return !!state && !state.disabled && state.version === version;
}

/**
 * Tells every app instance that the user's sessions changed. Call after the write that bumped
 * sessionVersion (or set disabled) has committed.
 */
export function sessionsChanged(userId: string) {
  invalidate(tags.sessions(userId));
}

/**
 * Ends every session of the user. `ifVersion`: only when the sessions are still at that
 * version (a sign-out with an already-ended token must not end the newer ones). Returns the
 * new version, or null when nothing changed.
 */
export async function endSessions(userId: string, opts: { ifVersion?: number } = {}): Promise<number | null> {
  const rows = await db.$queryRaw<{ sessionVersion: number }[]>`
    UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1, "updatedAt" = now()
     WHERE id = ${userId} AND (${opts.ifVersion ?? null}::int IS NULL OR "sessionVersion" = ${opts.ifVersion ?? null}::int)
     RETURNING "sessionVersion"`;
  if (!rows.length) return null;
  sessionsChanged(userId);
  return rows[0].sessionVersion;
}

/** Tests: forget everything cached. */
export function clearSessionStateCacheForTests() {
  cache.clear();
}
