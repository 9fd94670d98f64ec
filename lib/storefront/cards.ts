import "server-only";
// The item card every storefront list shows, selected the same way everywhere.
import type { Prisma } from "@/lib/db/generated/client";
import { itemSales } from "@/lib/promotions/sale-prices";
import type { ItemCard } from "./types";

/** Only what buyers may see: on-sale items of an approved store. */
export const visibleItem = { status: "ON_SALE", store: { status: "APPROVED" } } satisfies Prisma.ItemWhereInput;

export const itemCardSelect = {
  id: true,
  title: true,
  mainImageId: true,
  priceMinFen: true,
  priceMaxFen: true,
  // Buyable SKUs, counted in the same query (no per-item round trip).
  _count: { select: { skus: { where: { active: true, stock: { gt: 0 } } } } },
} satisfies Prisma.ItemSelect;

type CardRow = Prisma.ItemGetPayload<{ select: typeof itemCardSelect }>;

export function toItemCard(row: CardRow): ItemCard {
  return {
    id: row.id,
    title: row.title,
    mainImageId: row.mainImageId,
    priceMinFen: row.priceMinFen,
    priceMaxFen: row.priceMaxFen,
    soldOut: row._count.skus === 0,
  };
}

/** The cards with the flash-sale prices in force now (one query for all of them; none when no sale runs). */
export async function withSalePrices<T extends ItemCard>(cards: T[]): Promise<T[]> {
  const sales = await itemSales([...new Set(cards.map((c) => c.id))]);
  if (!sales.size) return cards;
  return cards.map((c) => {
    const s = sales.get(c.id);
    return s ? { ...c, sale: { priceMinFen: s.priceMinFen, priceMaxFen: s.priceMaxFen } } : c;
  });
}
