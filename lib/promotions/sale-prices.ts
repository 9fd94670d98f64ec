import "server-only";
// Flash-sale prices as buyers are shown them: on the storefront's cards and item pages, in the
// cart and on the checkout page. The rule is checkout's (lib/orders/checkout.ts): a SKU sells
// at a sale's price when the sale is in force at that moment, its price is below the SKU's own,
// and, when the sale counts its units, some are left.
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";

export interface SkuSalePrice {
  saleId: string;
  name: string;
  priceFen: number;
  endsAt: Date;
  /** Units left at this price; null: as many as there is stock. */
  left: number | null;
  perBuyerLimit: number | null;
}

type Row = { skuId: string; itemId: string; skuPriceFen: number; saleId: string; name: string; priceFen: number; endsAt: Date; left: number | null; perBuyerLimit: number | null };

function inForce(where: Prisma.Sql, now: Date) {
  return db.$queryRaw<Row[]>`
    SELECT s.id AS "skuId", s."itemId", s."priceFen" AS "skuPriceFen", x."saleId", x.name, x."priceFen", x."endsAt", x.left, x."perBuyerLimit"
      FROM "Sku" s
      JOIN LATERAL (
        SELECT fs."saleId", f.name, fs."priceFen", f."endsAt", f."perBuyerLimit", fs.quantity - fs.sold AS left
          FROM "FlashSaleSku" fs JOIN "FlashSale" f ON f.id = fs."saleId"
         WHERE fs."skuId" = s.id AND f."startsAt" <= ${now} AND f."endsAt" > ${now}
         ORDER BY fs."priceFen", fs.id LIMIT 1
      ) x ON true
     WHERE ${where} AND s.active AND x."priceFen" < s."priceFen" AND (x.left IS NULL OR x.left > 0)`;
}

/** The sale price in force now for each of these SKUs that has one. */
export async function salePricesForSkus(skuIds: string[], now = new Date()): Promise<Map<string, SkuSalePrice>> {
  if (!skuIds.length) return new Map();
  const rows = await inForce(Prisma.sql`s.id = ANY(${skuIds})`, now);
  return new Map(rows.map((r) => [r.skuId, { saleId: r.saleId, name: r.name, priceFen: r.priceFen, endsAt: r.endsAt, left: r.left, perBuyerLimit: r.perBuyerLimit }]));
}

export interface ItemSale {
  /** The item's price range with sale prices where they apply. */
  priceMinFen: number;
  priceMaxFen: number;
  /** When the soonest-ending of its sales ends (the countdown). */
  endsAt: Date;
  name: string;
}

/** For each of these items with a sale in force now: its price range at sale prices. */
export async function itemSales(itemIds: string[], now = new Date()): Promise<Map<string, ItemSale>> {
  if (!itemIds.length) return new Map();
  const rows = await inForce(Prisma.sql`s."itemId" = ANY(${itemIds})`, now);
  if (!rows.length) return new Map();
  const onSale = [...new Set(rows.map((r) => r.itemId))];
  const skus = await db.sku.findMany({ where: { itemId: { in: onSale }, active: true }, select: { id: true, itemId: true, priceFen: true } });
  const sale = new Map(rows.map((r) => [r.skuId, r]));
  const out = new Map<string, ItemSale>();
  for (const s of skus) {
    const r = sale.get(s.id);
    const price = r ? r.priceFen : s.priceFen;
    const prev = out.get(s.itemId) ?? { priceMinFen: price, priceMaxFen: price, endsAt: new Date(8.64e15), name: "" };
    prev.priceMinFen = Math.min(prev.priceMinFen, price);
    prev.priceMaxFen = Math.max(prev.priceMaxFen, price);
    if (r && r.endsAt < prev.endsAt) Object.assign(prev, { endsAt: r.endsAt, name: r.name });
    out.set(s.itemId, prev);
  }
  return out;
}

/** The next sale of this item to begin (within a week), for "starts in …" on its page. */
export async function upcomingItemSale(itemId: string, now = new Date()): Promise<{ name: string; startsAt: Date; endsAt: Date; priceMinFen: number } | null> {
  const rows = await db.$queryRaw<{ name: string; startsAt: Date; endsAt: Date; priceMinFen: number }[]>`
    SELECT f.name, f."startsAt", f."endsAt", MIN(fs."priceFen")::int AS "priceMinFen"
      FROM "FlashSale" f JOIN "FlashSaleSku" fs ON fs."saleId" = f.id
     WHERE fs."itemId" = ${itemId} AND f."startsAt" > ${now} AND f."startsAt" <= ${new Date(now.getTime() + 7 * 86_400_000)}
     GROUP BY f.id ORDER BY f."startsAt" LIMIT 1`;
  return rows[0] ?? null;
}

/**
 * Lines of a cart or a checkout quote at the flash-sale prices in force now, as checkout will
 * price them (in place: unitPriceFen becomes the sale's, listPriceFen the SKU's own).
 */
export async function applySalePrices<L extends { skuId: string; unitPriceFen: number; listPriceFen?: number | null }>(lines: L[], now = new Date()): Promise<L[]> {
  const prices = await salePricesForSkus([...new Set(lines.filter((l) => l.unitPriceFen > 0).map((l) => l.skuId))], now);
  for (const l of lines) {
    const p = prices.get(l.skuId);
    if (p && p.priceFen < l.unitPriceFen) {
      l.listPriceFen = l.unitPriceFen;
      l.unitPriceFen = p.priceFen;
    }
  }
  return lines;
}
