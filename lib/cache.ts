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
