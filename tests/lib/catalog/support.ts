// Builders for catalogue tests: a valid item input that each test bends one way.
import type { ItemInput } from "@/lib/catalog/schemas";
import { buildSkuMatrix, type SpecDimension } from "@/lib/catalog/sku-matrix";
import { getDb } from "@/lib/db/client";
import { createImageRow } from "../../support/fixtures";

/** SKU rows for every combination of `specs`, priced from 1000 fen up. */
export function rowsFor(specs: SpecDimension[], opts: { stock?: number; price?: (i: number) => number } = {}) {
  return buildSkuMatrix(specs).map((r, i) => ({ specKey: r.key, priceFen: opts.price?.(i) ?? 1000 + i * 100, stock: opts.stock ?? 5, code: null }));
}

export const colourSize: SpecDimension[] = [
  { name: "颜色", values: ["红", "蓝"] },
  { name: "尺码", values: ["M", "L"] },
];

/** A complete, valid item for `storeId`, with fresh images of that store. */
export async function validItem(storeId: string, uploaderId: string, overrides: Partial<ItemInput> = {}): Promise<ItemInput> {
  const [main, g1, g2, d1] = await Promise.all([0, 1, 2, 3].map(() => createImageRow({ uploaderId, storeId })));
  const specs = overrides.specs ?? colourSize;
  return {
    title: "纯棉T恤",
    description: [
      { type: "text", text: "舒适透气" },
      { type: "image", imageId: d1.id },
    ],
    categoryId: "apparel",
    mainImageId: main.id,
    galleryImageIds: [g1.id, g2.id],
    specs,
    skus: rowsFor(specs),
    buyLimit: null,
    postageMode: "FREE",
    postageFen: 0,
    postageExtraFen: 0,
    ...overrides,
  };
}

export async function ledgerFor(skuId: string) {
  return getDb().stockLedgerEntry.findMany({ where: { skuId }, orderBy: { id: "asc" }, select: { delta: true, resultingStock: true, reason: true, actorId: true, note: true, orderId: true } });
}

export async function skusOf(itemId: string) {
  return getDb().sku.findMany({ where: { itemId }, orderBy: { specKey: "asc" }, select: { id: true, specKey: true, stock: true, active: true, priceFen: true, originalPriceFen: true, code: true } });
}

/** Runs `p`, expecting an AppError; returns it for further checks. */
export async function failure(p: Promise<unknown>): Promise<{ code: string; fieldErrors?: Record<string, string[]>; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error("expected a failure, but it succeeded");
}
