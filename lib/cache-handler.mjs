// Next.js's cache for this process: rendered storefront pages and cachedRead() data
// (next.config.ts `cacheHandler`). Plain JavaScript because Next loads it at run time,
// outside its bundles.
//
// Why not Next's own file-system cache: it expires a tag only when revalidateTag() runs
// inside a request of this process. A background job, or another instance (whose changes
// arrive through Postgres, lib/cache-sync.ts), cannot reach it, so a cached storefront page
// would outlive such a change until its revalidate window. Here every invalidation, from
// wherever, goes through markInvalidated() (lib/cache.ts), and an entry is valid only if none
// of its tags was invalidated after its render began: a render that read the old data and
// stored its result just after the change does not count as fresh.
//
// In memory only: a restarted process starts cold (its data keys change anyway), and each
// instance keeps its own copy.

/** @typedef {{ seq: number, bumpedAt: Map<string, number>, expiredAllAt: number }} InvalidationState */

/** @returns {InvalidationState} Shared by every copy of this module in the process (Next bundles lib/cache.ts's copy separately). */
function invalidations() {
  const g = /** @type {{ __littleStoreInvalidations?: InvalidationState }} */ (globalThis);
  return (g.__littleStoreInvalidations ??= { seq: 0, bumpedAt: new Map(), expiredAllAt: 0 });
}

/** Entries tagged with any of `tags` whose render began before now are no longer served. */
export function markInvalidated(tags) {
  const s = invalidations();
  s.seq++;
  for (const tag of tags) s.bumpedAt.set(tag, s.seq);
}

/** No entry whose render began before now is served again (we may have missed invalidations). */
export function markAllInvalidated() {
  const s = invalidations();
  s.seq++;
  s.expiredAllAt = s.seq;
}

/** Whether an entry with `tags`, rendered from the state at `from`, may still be served. */
export function stillValid(tags, from) {
  const s = invalidations();
  if (s.expiredAllAt > from) return false;
  for (const tag of tags) if ((s.bumpedAt.get(tag) ?? 0) > from) return false;
  return true;
}

const TAGS_HEADER = "x-next-cache-tags";

/** The tags Next gave an entry: a data entry's own, or a page's header (its data reads' tags and its path's). */
function tagsOf(data, ctx) {
  if (Array.isArray(ctx?.tags)) return ctx.tags;
  const header = data?.headers?.[TAGS_HEADER];
  return typeof header === "string" && header ? header.split(",") : [];
}

function sizeOf(data) {
  if (!data) return 64;
  if (data.kind === "APP_PAGE") {
    let n = (typeof data.html === "string" ? data.html.length : 0) + (data.rscData?.byteLength ?? 0);
    if (data.segmentData instanceof Map) for (const v of data.segmentData.values()) n += v?.byteLength ?? 0;
    return n + 512;
  }
  try {
    return JSON.stringify(data).length;
  } catch {
    return 64 * 1024;
  }
}

/** A page's revalidate window (its cache control) or a data entry's, in seconds; undefined if none. */
function revalidateSeconds(entry) {
  const r = entry.cacheControl?.revalidate ?? entry.value?.revalidate;
  return typeof r === "number" && r > 0 ? r : undefined;
}

const MAX_PENDING = 10_000;

/**
 * Least recently used entries go first once the cache holds more than this many bytes (a
 * store's home is ~35 KB of HTML and RSC: some 1,800 pages, and data entries are smaller).
 */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** @typedef {{ entries: Map<string, any>, pending: Map<string, number>, bytes: number, maxBytes: number }} Store */

/** @returns {Store} One per process: Next makes a handler per request, and bundles a second copy of this file. */
function sharedStore() {
  const g = /** @type {{ __littleStoreRouteCache?: Store }} */ (globalThis);
  return (g.__littleStoreRouteCache ??= newStore());
}

function newStore(maxBytes = DEFAULT_MAX_BYTES) {
  return {
    /** key → { value, lastModified, cacheControl, tags, from, size }, least recently used first */
    entries: new Map(),
    /** The state each key's pending render began from (its first lookup since it was last stored). */
    pending: new Map(),
    bytes: 0,
    maxBytes,
  };
}

export default class LittleStoreCacheHandler {
  /** `isolated` (tests): a store of its own instead of the process's. */
  constructor(options = {}) {
    this.store = options.isolated ? newStore(options.maxBytes) : sharedStore();
  }

  get bytes() {
    return this.store.bytes;
  }

  async get(key) {
    const entry = this.store.entries.get(key);
    if (!entry || !stillValid(entry.tags, entry.from)) {
      if (entry) this.#drop(key);
      this.#renderMayBegin(key);
      return null;
    }
    // Past its revalidate window Next serves it and renders it again in the background.
    const revalidate = revalidateSeconds(entry);
    if (revalidate !== undefined && Date.now() - entry.lastModified > revalidate * 1000) this.#renderMayBegin(key);
    // Most recently used last: Map keeps insertion order.
    this.store.entries.delete(key);
    this.store.entries.set(key, entry);
    return { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl };
  }

  async set(key, data, ctx) {
    const from = this.store.pending.get(key) ?? invalidations().seq;
    this.store.pending.delete(key);
    this.#drop(key);
    if (data == null) return;
    const tags = tagsOf(data, ctx);
    // Changed while it rendered: what it read may be old. The next request renders again.
    if (!stillValid(tags, from)) return;
    const size = sizeOf(data);
    if (size > this.store.maxBytes / 2) return; // would push out most of the rest
    this.store.entries.set(key, { value: data, lastModified: Date.now(), cacheControl: ctx?.cacheControl, tags, from, size });
    this.store.bytes += size;
    for (const [oldest] of this.store.entries) {
      if (this.store.bytes <= this.store.maxBytes) break;
      this.#drop(oldest);
    }
  }

  async revalidateTag(tags) {
    markInvalidated(typeof tags === "string" ? [tags] : tags);
  }

  resetRequestCache() {}

  #renderMayBegin(key) {
    if (this.store.pending.has(key)) return;
    this.store.pending.set(key, invalidations().seq);
    // Lookups that never led to a store (a render that failed) must not pile up.
    if (this.store.pending.size > MAX_PENDING) this.store.pending.delete(this.store.pending.keys().next().value);
  }

  #drop(key) {
    const entry = this.store.entries.get(key);
    if (!entry) return;
    this.store.entries.delete(key);
    this.store.bytes -= entry.size;
  }
}
