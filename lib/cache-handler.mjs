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
// stored its result just after the change does not count as fresh — including when another
// render of the same page (its prefetch, say) began later and finished first.
//
// In memory only: a restarted process starts cold (its data keys change anyway), and each
// instance keeps its own copy.

/**
 * Longest a render is assumed to take. A result stored with no lookup on record to say when
 * its render began is taken to have begun this long ago.
 */
const MAX_RENDER_MS = 30_000;

/** @typedef {{ seq: number, bumpedAt: Map<string, number>, expiredAllAt: number, recent: { at: number, seq: number }[] }} InvalidationState */

/** @returns {InvalidationState} Shared by every copy of this module in the process (Next bundles lib/cache.ts's copy separately). */
function invalidations() {
  const g = /** @type {{ __littleStoreInvalidations?: InvalidationState }} */ (globalThis);
  return (g.__littleStoreInvalidations ??= { seq: 0, bumpedAt: new Map(), expiredAllAt: 0, recent: [] });
}

function nextSeq() {
  const s = invalidations();
  s.seq++;
  const now = Date.now();
  s.recent.push({ at: now, seq: s.seq });
  while (s.recent.length && s.recent[0].at < now - MAX_RENDER_MS) s.recent.shift();
  return s.seq;
}

/** The state as it was at `at` (within the last MAX_RENDER_MS; earlier means that far back). */
function seqAt(at) {
  const s = invalidations();
  const later = s.recent.find((r) => r.at > at);
  return later ? later.seq - 1 : s.seq;
}

/** Entries tagged with any of `tags` whose render began before now are no longer served. */
export function markInvalidated(tags) {
  const seq = nextSeq();
  for (const tag of tags) invalidations().bumpedAt.set(tag, seq);
}

/** No entry whose render began before now is served again (we may have missed invalidations). */
export function markAllInvalidated() {
  invalidations().expiredAllAt = nextSeq();
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
const MAX_PENDING_PER_KEY = 64;

/**
 * Least recently used entries go first once the cache holds more than this many bytes (a
 * store's home is ~35 KB of HTML and RSC: some 1,800 pages, and data entries are smaller).
 */
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * `pending`: for each key, when each render of it now in flight began (the state at its
 * lookup, and the time). Several can be in flight at once — a page's HTML and its prefetch,
 * a read made by both a page and its metadata — and each stored result is judged by the
 * earliest of them: the one that finished first is not always the one that began first.
 * @typedef {{ entries: Map<string, any>, pending: Map<string, { seq: number, at: number }[]>, bytes: number, maxBytes: number }} Store
 */

/** @returns {Store} One per process: Next makes a handler per request, and bundles a second copy of this file. */
function sharedStore() {
  const g = /** @type {{ __littleStoreRouteCache?: Store }} */ (globalThis);
  return (g.__littleStoreRouteCache ??= newStore());
}

function newStore(maxBytes = DEFAULT_MAX_BYTES) {
  return {
    /** key → { value, lastModified, cacheControl, tags, from, size }, least recently used first */
    entries: new Map(),
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
    if (revalidate !== undefined && Date.now() - entry.lastModified > revalidate * 1000) this.#renderMayBegin(key, { unlessPending: true });
    // Most recently used last: Map keeps insertion order.
    this.store.entries.delete(key);
    this.store.entries.set(key, entry);
    return { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl };
  }

  async set(key, data, ctx) {
    const from = this.#renderBegan(key);
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

  /** `unlessPending`: a stale entry served while Next renders it again (once, whatever the number of requests meanwhile). */
  #renderMayBegin(key, { unlessPending = false } = {}) {
    const now = Date.now();
    const list = (this.store.pending.get(key) ?? []).filter((p) => p.at > now - MAX_RENDER_MS);
    if (unlessPending && list.length) return;
    // Bounded; the earliest records are the ones that matter.
    if (list.length < MAX_PENDING_PER_KEY) list.push({ seq: invalidations().seq, at: now });
    this.store.pending.set(key, list);
    // Lookups that never led to a store (a render that failed) must not pile up.
    if (this.store.pending.size > MAX_PENDING) this.store.pending.delete(this.store.pending.keys().next().value);
  }

  /**
   * The state the render being stored began from, as far as we can tell: the earliest of the
   * renders of this key in flight, since we cannot tell which one finished. One record goes
   * (the latest: a record left over only makes a later result look older, never fresher).
   */
  #renderBegan(key) {
    const now = Date.now();
    const list = (this.store.pending.get(key) ?? []).filter((p) => p.at > now - MAX_RENDER_MS);
    if (!list.length) {
      this.store.pending.delete(key);
      // No lookup on record (Next stored without asking first): assume the longest render.
      return seqAt(now - MAX_RENDER_MS);
    }
    const seq = Math.min(...list.map((p) => p.seq));
    let latest = 0;
    for (let i = 1; i < list.length; i++) if (list[i].seq >= list[latest].seq) latest = i;
    list.splice(latest, 1);
    if (list.length) this.store.pending.set(key, list);
    else this.store.pending.delete(key);
    return seq;
  }

  #drop(key) {
    const entry = this.store.entries.get(key);
    if (!entry) return;
    this.store.entries.delete(key);
    this.store.bytes -= entry.size;
  }
}
