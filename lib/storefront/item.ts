import "server-only";
// An item's page on the storefront. Everything but stock is cached; stock is read live
// (getItemStock for the Store API; the cached page asks lib/storefront/item-visit.ts once
// loaded) so a sold-out SKU is never offered from a stale page.
import { cachedRead, tags } from "@/lib/cache";
import type { SpecDimension } from "@/lib/catalog/sku-matrix";
import { db } from "@/lib/db/client";
import { salePricesForSkus, upcomingItemSale } from "@/lib/promotions/sale-prices";
import { visibleItem } from "./cards";
import type { DescriptionBlock, ItemPage } from "./types";

function readSpecs(raw: unknown): SpecDimension[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((d) =>
    d && typeof d === "object" && typeof d.name === "string" && Array.isArray(d.values)
      ? [{ name: d.name, values: (d.values as unknown[]).filter((v): v is string => typeof v === "string") }]
      : [],
  );
}

function readDescription(raw: unknown): DescriptionBlock[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((b): DescriptionBlock[] => {
    if (b?.type === "text" && typeof b.text === "string" && b.text.trim()) return [{ type: "text", text: b.text }];
    if (b?.type === "image" && typeof b.imageId === "string" && b.imageId) return [{ type: "image", imageId: b.imageId }];
    return [];
  });
}

/** Uncached: null unless the item is on sale in this (approved) store. */
export async function loadItemPage(storeId: string, itemId: string): Promise<ItemPage | null> {
  const item = await db.item.findFirst({
    where: { id: itemId, storeId, ...visibleItem },
    select: {
      id: true,
      title: true,
      description: true,
      specs: true,
      mainImageId: true,
      gallery: { orderBy: { position: "asc" }, select: { imageId: true } },
      priceMinFen: true,
      priceMaxFen: true,
      buyLimit: true,
      postageMode: true,
      postageFen: true,
      postageExtraFen: true,
      skus: { where: { active: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, specKey: true, priceFen: true, originalPriceFen: true } },
    },
  });
  if (!item) return null;
  const gallery = [...new Set([...(item.mainImageId ? [item.mainImageId] : []), ...item.gallery.map((g) => g.imageId)])];
  const description = readDescription(item.description);
  // Pixel sizes let the page reserve each image's space (no layout shift); an image that is gone is left out.
  const wanted = [...new Set([...gallery, ...description.flatMap((b) => (b.type === "image" ? [b.imageId] : []))])];
  const images = wanted.length ? await db.image.findMany({ where: { id: { in: wanted }, storeId }, select: { id: true, width: true, height: true } }) : [];
  const imageSizes = Object.fromEntries(images.map((i) => [i.id, { width: i.width, height: i.height }]));
  // A flash sale in force: its SKUs at the sale price, their own price shown struck through.
  const now = new Date();
  const salePrices = await salePricesForSkus(item.skus.map((s) => s.id), now);
  const skus = item.skus.map((s) => {
    const sp = salePrices.get(s.id);
    return sp ? { ...s, priceFen: sp.priceFen, originalPriceFen: s.priceFen } : s;
  });
  const running = [...salePrices.values()].sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime())[0];
  const upcoming = running ? null : await upcomingItemSale(item.id, now);
  const sale: ItemPage["sale"] = running
    ? { phase: "RUNNING", name: running.name, endsAt: running.endsAt.toISOString(), perBuyerLimit: running.perBuyerLimit }
    : upcoming
      ? { phase: "UPCOMING", name: upcoming.name, startsAt: upcoming.startsAt.toISOString(), endsAt: upcoming.endsAt.toISOString(), priceMinFen: upcoming.priceMinFen }
      : null;
  const prices = skus.map((s) => s.priceFen);
  const originals = skus.flatMap((s) => (s.originalPriceFen != null && s.originalPriceFen > s.priceFen ? [s.originalPriceFen] : []));
  return {
    id: item.id,
    title: item.title,
    gallery: gallery.filter((id) => id in imageSizes),
    description: description.filter((b) => b.type === "text" || b.imageId in imageSizes),
    imageSizes,
    specs: readSpecs(item.specs),
    skus,
    priceMinFen: running && prices.length ? Math.min(...prices) : item.priceMinFen,
    priceMaxFen: running && prices.length ? Math.max(...prices) : item.priceMaxFen,
    originalMinFen: originals.length ? Math.min(...originals) : null,
    originalMaxFen: originals.length ? Math.max(...originals) : null,
    buyLimit: item.buyLimit,
    postage: { mode: item.postageMode, fen: item.postageFen, extraFen: item.postageExtraFen },
    sale,
  };
}

export const getItemPage = cachedRead("item-page", loadItemPage, { tags: (storeId, itemId) => [tags.item(itemId), tags.store(storeId)] });

/** Live stock of the item's active SKUs ({skuId: stock}); empty unless the item is on sale. Never cached. */
export async function getItemStock(itemId: string): Promise<Record<string, number>> {
  const skus = await db.sku.findMany({
    where: { itemId, active: true, item: visibleItem },
    select: { id: true, stock: true },
  });
  return Object.fromEntries(skus.map((s) => [s.id, s.stock]));
}
