import "server-only";
// The platform's public directory of open stores (home page). Cached; store changes
// invalidate the "stores" tag.
import { cachedRead, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";

export async function loadOpenStores() {
  const stores = await db.store.findMany({
    where: { status: "APPROVED" },
    select: { id: true, slug: true, name: true, description: true, logoImageId: true, _count: { select: { items: { where: { status: "ON_SALE" } } } } },
    orderBy: { createdAt: "asc" },
    take: 60,
  });
  return stores.map(({ _count, ...s }) => ({ ...s, itemsOnSale: _count.items }));
}

export const listOpenStores = cachedRead("open-stores", loadOpenStores, { tags: () => [tags.stores()], revalidate: 300 });
