import "server-only";
// Storefront cache tags. Domain writes call invalidate(); pages read through
// unstable_cache with the same tags. Outside a Next server (tests, scripts) there is
// no cache to invalidate.
import crypto from "node:crypto";
import { revalidateTag, unstable_cache } from "next/cache";
import { databaseIdentity } from "@/lib/db/identity";

export const tags = {
  store: (storeId: string) => `store:${storeId}`,
  storeSlug: (slug: string) => `store-slug:${slug}`,
  item: (itemId: string) => `item:${itemId}`,
  stores: () => "stores",
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
const generations: Map<string, number> = ((globalThis as { __littleStoreTagGenerations?: Map<string, number> }).__littleStoreTagGenerations ??= new Map());
/** Keys from an earlier process (Next's cache on disk outlives it) must not match this one's generations. */
const PROCESS_ID = crypto.randomUUID().slice(0, 8);

/** The key part that changes whenever one of `tagList` is invalidated in this process. */
export function tagGenerations(tagList: string[]): string {
  return `${PROCESS_ID}:${tagList.map((t) => generations.get(t) ?? 0).join(".")}`;
}

export function invalidate(...list: string[]) {
  for (const tag of list) generations.set(tag, (generations.get(tag) ?? 0) + 1);
  if (!process.env.NEXT_RUNTIME) return;
  for (const tag of list) {
    try {
      revalidateTag(tag, { expire: 0 });
    } catch (e) {
      // Next can only expire tags from inside a request or action. Background jobs and the
      // boot-time seed run outside one; the storefront's cached reads also expire on their
      // own (revalidate windows of a minute or less where stock matters), and stock itself
      // is always read live.
      if (!String((e as Error).message).includes("static generation store missing")) throw e;
    }
  }
}

/**
 * How long a cached read may live when nothing invalidates it. Tag invalidation reaches only
 * the app process that made the change (Next keeps its tag manifest in memory, per process),
 * so with several app instances the others would otherwise keep serving what they cached —
 * an item page or a suspended store's lookup forever. Every cached read therefore also expires
 * on its own; a reload a minute per page per instance is cheap.
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
