import "server-only";
// Storefront cache tags. Domain writes call invalidate(); pages read through
// unstable_cache with the same tags. Outside a Next server (tests, scripts) there is
// no cache to invalidate. Other app instances hear of each invalidation through Postgres
// (lib/cache-sync.ts).
import crypto from "node:crypto";
import { revalidateTag, unstable_cache } from "next/cache";
import { markAllInvalidated, markInvalidated } from "@/lib/cache-handler.mjs";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { databaseIdentity } from "@/lib/db/identity";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export const tags = {
  store: (storeId: string) => `store:${storeId}`,
  storeSlug: (slug: string) => `store-slug:${slug}`,
  item: (itemId: string) => `item:${itemId}`,
  stores: () => "stores",
  feeRates: () => "fee-rates",
  /** Any store's flash sales were scheduled or stopped (lib/promotions/sale-clock.ts re-reads its timers). */
  flashSales: () => "flash-sales",
  /** A user's sessions were ended (lib/auth/session-state.ts drops what it cached about them). */
  sessions: (userId: string) => `sessions:${userId}`,
} as const;

/**
 * Each tag's generation in this process. invalidate() bumps it, and a cached read puts the
 * generations of its tags in its key. Without that, a read that started before a change and
 * stored its result just after it was taken as fresh: Next compares the entry's write time
 * with the tag's revalidation time. Seen as a seller publishing a shelf while their page
 * prefetched the storefront: the store home showed the old shelf until the backstop expiry.
 * Now such a late result is stored under the old key, which nothing reads again. On
 * globalThis: Next can bundle this module more than once in one server.
 */
type CacheState = { generations: Map<string, number>; epoch: number; processId: string };
const state: CacheState = ((globalThis as { __littleStoreCacheState?: CacheState }).__littleStoreCacheState ??= {
  generations: new Map(),
  epoch: 0,
  // Keys from an earlier process (Next's cache on disk outlives it) must not match this
  // one's generations; instances also recognise their own broadcasts by it.
  processId: crypto.randomUUID().slice(0, 8),
});
const PROCESS_ID = state.processId;

/** The key part that changes whenever one of `tagList` is invalidated in this process. */
export function tagGenerations(tagList: string[]): string {
  return `${PROCESS_ID}:${state.epoch}:${tagList.map((t) => state.generations.get(t) ?? 0).join(".")}`;
}

function bump(list: string[]) {
  for (const tag of list) state.generations.set(tag, (state.generations.get(tag) ?? 0) + 1);
  // Rendered pages (and data entries) stored in Next's cache under these tags (lib/cache-handler.mjs).
  markInvalidated(list);
  for (const tag of list) for (const fn of listeners.get(tag) ?? []) fn();
}

const listeners: Map<string, Set<() => void>> = ((globalThis as { __littleStoreCacheListeners?: Map<string, Set<() => void>> }).__littleStoreCacheListeners ??= new Map());

/** Calls `fn` whenever `tag` is invalidated, here or (through lib/cache-sync.ts) on another instance. Returns the unsubscribe. */
export function onInvalidated(tag: string, fn: () => void): () => void {
  let set = listeners.get(tag);
  if (!set) listeners.set(tag, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** Every cached read in this process misses from now on (it may have missed invalidations). */
export function expireAllCachedReads() {
  state.epoch++;
  markAllInvalidated();
}

export const CACHE_CHANNEL = "cache_invalidations";
/** Postgres refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7000;
const invalidationMessage = z.object({ from: z.string().min(1), tags: z.array(z.string().min(1)).min(1) });

/** The NOTIFY payloads that tell the other instances about `list`, each under Postgres's size limit. */
export function invalidationPayloads(list: string[], from = PROCESS_ID): string[] {
  const out: string[] = [];
  let chunk: string[] = [];
  const encode = (t: string[]) => JSON.stringify({ from, tags: t });
  for (const tag of new Set(list)) {
    if (Buffer.byteLength(encode([tag])) > MAX_PAYLOAD_BYTES) throw new Error(`cache tag too long to broadcast: ${tag.slice(0, 80)}…`);
    if (chunk.length && Buffer.byteLength(encode([...chunk, tag])) > MAX_PAYLOAD_BYTES) {
      out.push(encode(chunk));
      chunk = [];
    }
    chunk.push(tag);
  }
  if (chunk.length) out.push(encode(chunk));
  return out;
}

/**
 * What another instance's invalidation means here: its tags' generations move on, so this
 * process's cached reads of them miss. A message that cannot be read expires everything
 * (something changed, and we cannot tell what).
 */
export function applyInvalidationMessage(payload: string) {
  let message: z.infer<typeof invalidationMessage>;
  try {
    message = invalidationMessage.parse(JSON.parse(payload));
  } catch (error) {
    log.warn("unreadable cache invalidation message; expiring every cached read", { error, payload: payload.slice(0, 200) });
    expireAllCachedReads();
    return;
  }
  if (message.from === PROCESS_ID) return; // our own, applied when it was sent
  bump(message.tags);
}

/**
 * Sends `list` to the other app instances (after the write: callers invalidate once it is
 * committed). Never throws: the write is done, and the others' reads expire on their own.
 */
function broadcast(list: string[]) {
  let payloads: string[];
  try {
    payloads = invalidationPayloads(list);
  } catch (error) {
    log.error("could not broadcast a cache invalidation", { error });
    return;
  }
  for (const payload of payloads) {
    db.$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${payload})`.catch((error) => {
      // Those instances' reads still expire on their own (BACKSTOP_REVALIDATE_S).
      log.warn("could not broadcast a cache invalidation", { error });
    });
  }
}

export function invalidate(...list: string[]) {
  expire(list, { broadcast: true });
}

/**
 * Invalidates in this process only. For changes every instance sees for itself at the same
 * moment — a flash sale's start or end (lib/promotions/sale-clock.ts) — so none waits for
 * another's message and none is sent N times.
 */
export function invalidateHere(...list: string[]) {
  expire(list, { broadcast: false });
}

function expire(list: string[], opts: { broadcast: boolean }) {
  bump(list);
  if (!process.env.NEXT_RUNTIME) return;
  // With the embedded database there is one process, so no one else to tell.
  if (opts.broadcast && env().DATABASE_URL) broadcast(list);
  for (const tag of list) {
    try {
      revalidateTag(tag, { expire: 0 });
    } catch (e) {
      // Next can only expire tags from inside a request or action (where it also tells the
      // browser's router). Background jobs and the boot-time seed run outside one; bump()
      // above has already expired the cached pages and reads (lib/cache-handler.mjs).
      if (!String((e as Error).message).includes("static generation store missing")) throw e;
    }
  }
}

/**
 * How long a cached read may live when nothing invalidates it. Next's tag invalidation reaches
 * only the process that made the change; the others hear of it through Postgres
 * (lib/cache-sync.ts), and after their listener reconnects they expire everything. Should a
 * message still go missing (a NOTIFY that failed to send), every cached read also expires on
 * its own; a reload a minute per page per instance is cheap.
 */
export const BACKSTOP_REVALIDATE_S = 60;

/**
 * Wraps a loader so its result goes through Next's data cache, keyed by its arguments and
 * tagged so the writes that change it (invalidate()) drop it. The key includes the database's
 * identity, because the cache on disk outlives a wiped or switched database. Outside a Next
 * server (tests, scripts) there is no cache: the loader runs directly, so tests exercise the
 * same queries.
 */
export function cachedRead<A extends string[], T>(
  name: string,
  loader: (...args: A) => Promise<T>,
  opts: { tags: (...args: A) => string[]; revalidate?: number },
): (...args: A) => Promise<T> {
  return async (...args: A) => {
    if (!process.env.NEXT_RUNTIME) return loader(...args);
    const dbId = await databaseIdentity();
    const tagList = opts.tags(...args);
    return unstable_cache(() => loader(...args), ["read", dbId, name, ...args, tagGenerations(tagList)], { tags: tagList, revalidate: opts.revalidate ?? BACKSTOP_REVALIDATE_S })();
  };
}
