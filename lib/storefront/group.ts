import "server-only";
// A group's page on the storefront: its on-sale items in the seller's order.
import { cachedRead, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { itemCardSelect, toItemCard, withSalePrices } from "./cards";
import type { GroupPage } from "./types";

/** Most items one group page lists. */
export const GROUP_PAGE_LIMIT = 200;

/** Uncached: null for an unknown group, another store's group, or a store that is not approved. */
export async function loadGroupPage(storeId: string, groupId: string): Promise<GroupPage | null> {
  const group = await db.group.findFirst({
    where: { id: groupId, storeId, store: { status: "APPROVED" } },
    select: {
      id: true,
      name: true,
      items: {
        where: { item: { status: "ON_SALE" } },
        orderBy: { position: "asc" },
        take: GROUP_PAGE_LIMIT + 1,
        select: { item: { select: itemCardSelect } },
      },
    },
  });
  if (!group) return null;
  return {
    id: group.id,
    name: group.name,
    items: await withSalePrices(group.items.slice(0, GROUP_PAGE_LIMIT).map((gi) => toItemCard(gi.item))),
    truncated: group.items.length > GROUP_PAGE_LIMIT,
  };
}

export const getGroupPage = cachedRead("group-page", loadGroupPage, { tags: (storeId) => [tags.store(storeId)] });
