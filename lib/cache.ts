import "server-only";
// Storefront cache tags. Domain writes call invalidate(); pages read through
// unstable_cache with the same tags. Outside a Next server (tests, scripts) there is
// no cache to invalidate.
import { revalidateTag } from "next/cache";

export const tags = {
  store: (storeId: string) => `store:${storeId}`,
  storeSlug: (slug: string) => `store-slug:${slug}`,
  item: (itemId: string) => `item:${itemId}`,
  stores: () => "stores",
} as const;

export function invalidate(...list: string[]) {
  if (!process.env.NEXT_RUNTIME) return;
  for (const tag of list) revalidateTag(tag, { expire: 0 });
}

/**
 * Runs `load` through Next's data cache under `key`, tagged so writes can invalidate it.
 * Outside a Next server it just runs `load` (tests and scripts see the same query code).
 */
export async function cachedQuery<T>(key: string[], tagList: string[], load: () => Promise<T>, revalidate = 3600): Promise<T> {
  if (!process.env.NEXT_RUNTIME) return load();
  const { unstable_cache } = await import("next/cache");
  return unstable_cache(load, key, { tags: tagList, revalidate })();
}
