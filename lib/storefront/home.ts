import "server-only";
// A store's home page: its published shelf, resolved for rendering.
import { cachedRead, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { readStoredSections } from "@/lib/shelves/schemas";
import { itemCardSelect, toItemCard, withSalePrices } from "./cards";
import { resolveSections } from "./resolve";
import type { StoreHome } from "./types";

/** Items listed on a store without a published shelf. */
export const FALLBACK_ITEMS = 40;

/** Uncached: null unless the store is approved. Draft changes are invisible here until published. */
export async function loadStoreHome(storeId: string): Promise<StoreHome | null> {
  const store = await db.store.findUnique({
    where: { id: storeId },
    select: { status: true, shelf: { select: { id: true, publishedVersion: true } } },
  });
  if (!store || store.status !== "APPROVED") return null;
  const shelf = store.shelf;
  if (shelf?.publishedVersion != null) {
    const version = await db.shelfVersion.findUnique({
      where: { shelfId_version: { shelfId: shelf.id, version: shelf.publishedVersion } },
      select: { version: true, name: true, sections: true },
    });
    if (version) {
      const sections = await resolveSections(storeId, readStoredSections(version.sections));
      return { shelf: { name: version.name, version: version.version, sections }, items: [] };
    }
  }
  const items = await db.item.findMany({
    where: { storeId, status: "ON_SALE" },
    orderBy: [{ onSaleAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
    take: FALLBACK_ITEMS,
    select: itemCardSelect,
  });
  return { shelf: null, items: await withSalePrices(items.map(toItemCard)) };
}

/**
 * Cached under tags.store(storeId): publishing, group edits, item edits and store moderation
 * all invalidate it. Sold-out flags also change through orders, which invalidate it only when
 * a SKU's last unit goes; like every cached read it is also refreshed within a minute
 * (BACKSTOP_REVALIDATE_S). The item page reads stock live regardless.
 */
export const getStoreHome = cachedRead("store-home", loadStoreHome, { tags: (storeId) => [tags.store(storeId)] });
