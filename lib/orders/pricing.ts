// What an order costs, computed on the server from catalogue prices (never from the
// client). Pure: checkout, the cart page and tests share it.

import { AppError } from "@/lib/errors";

/** The most one order can come to: amounts are stored as Postgres int (and WeChat Pay's total is one too). */
export const MAX_ORDER_FEN = 2_147_483_647;

export type PostageMode = "FREE" | "FLAT" | "PER_ITEM";

export interface PricedLineInput {
  skuId: string;
  itemId: string;
  unitPriceFen: number;
  quantity: number;
}

export interface ItemPostage {
  itemId: string;
  postageMode: PostageMode;
  postageFen: number;
  postageExtraFen: number;
}

export interface OrderPrice {
  itemsFen: number;
  postageFen: number;
  totalFen: number;
  lines: (PricedLineInput & { lineTotalFen: number })[];
}

/** Same SKU twice in one cart is one line: quantities add up before any check. */
export function mergeLines<T extends { skuId: string; quantity: number }>(lines: T[]): T[] {
  const bySku = new Map<string, T>();
  for (const l of lines) {
    const prev = bySku.get(l.skuId);
    bySku.set(l.skuId, prev ? { ...prev, quantity: prev.quantity + l.quantity } : { ...l });
  }
  return [...bySku.values()];
}

/**
 * Postage per item: FREE costs nothing; FLAT is one fee for the item however many units;
 * PER_ITEM is the fee for the first unit plus the extra fee for each further unit (across
 * all of the item's SKUs). The order's postage is the sum over its items.
 */
export function postageFor(items: ItemPostage[], quantities: Map<string, number>): number {
  let total = 0;
  for (const item of items) {
    const qty = quantities.get(item.itemId) ?? 0;
    if (qty <= 0) continue;
    if (item.postageMode === "FLAT") total += item.postageFen;
    else if (item.postageMode === "PER_ITEM") total += item.postageFen + (qty - 1) * item.postageExtraFen;
  }
  return total;
}

export function priceOrder(lines: PricedLineInput[], items: ItemPostage[]): OrderPrice {
  const priced = lines.map((l) => ({ ...l, lineTotalFen: l.unitPriceFen * l.quantity }));
  const itemsFen = priced.reduce((s, l) => s + l.lineTotalFen, 0);
  const quantities = new Map<string, number>();
  for (const l of lines) quantities.set(l.itemId, (quantities.get(l.itemId) ?? 0) + l.quantity);
  const postageFen = postageFor(items, quantities);
  const totalFen = itemsFen + postageFen;
  if (!Number.isSafeInteger(totalFen) || totalFen > MAX_ORDER_FEN) {
    throw new AppError("VALIDATION", "This order comes to more than one payment can take (¥21,474,836.47); order fewer.", { details: { messageKey: "orderTooLarge" } });
  }
  return { itemsFen, postageFen, totalFen, lines: priced };
}
