import "server-only";
// The platform's public directory of open stores (home page). Cached; store changes
// invalidate the "stores" tag.
import { cachedQuery, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";

export function listOpenStores() {
  return cachedQuery(["open-stores"], [tags.stores()], async () => {
    const stores = await db.store.findMany({
      where: { status: "APPROVED" },
      select: { id: true, slug: true, name: true, description: true, logoImageId: true, _count: { select: { items: { where: { status: "ON_SALE" } } } } },
      orderBy: { createdAt: "asc" },
      take: 60,
    });
    return stores.map(({ _count, ...s }) => ({ ...s, itemsOnSale: _count.items }));
  }, 300);
}
