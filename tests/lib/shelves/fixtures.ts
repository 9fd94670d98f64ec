// Catalogue rows for shelf and storefront tests, written straight through Prisma (the
// catalogue's own domain code is not under test here).
import { getDb } from "@/lib/db/client";

let seq = 0;

export interface SkuSpec {
  specKey?: string;
  priceFen?: number;
  originalPriceFen?: number | null;
  stock?: number;
  active?: boolean;
}

export async function createItem(opts: {
  storeId: string;
  title?: string;
  status?: "DRAFT" | "ON_SALE" | "OFF_SALE";
  specs?: { name: string; values: string[] }[];
  skus?: SkuSpec[];
  mainImageId?: string | null;
  galleryImageIds?: string[];
  description?: unknown[];
  buyLimit?: number | null;
  onSaleAt?: Date;
}) {
  const n = ++seq;
  const skus = (opts.skus ?? [{}]).map((s) => ({
    specKey: s.specKey ?? "",
    priceFen: s.priceFen ?? 1000,
    originalPriceFen: s.originalPriceFen ?? null,
    stock: s.stock ?? 10,
    active: s.active ?? true,
  }));
  const prices = skus.filter((s) => s.active).map((s) => s.priceFen);
  const status = opts.status ?? "ON_SALE";
  return getDb().item.create({
    data: {
      storeId: opts.storeId,
      title: opts.title ?? `Item ${n}`,
      description: (opts.description ?? []) as never,
      categoryId: "food",
      specs: (opts.specs ?? []) as never,
      status,
      mainImageId: opts.mainImageId ?? null,
      buyLimit: opts.buyLimit ?? null,
      priceMinFen: prices.length ? Math.min(...prices) : 0,
      priceMaxFen: prices.length ? Math.max(...prices) : 0,
      onSaleAt: status === "ON_SALE" ? (opts.onSaleAt ?? new Date(Date.now() + n)) : null,
      skus: { create: skus.map((s) => ({ ...s, storeId: opts.storeId })) },
      gallery: { create: (opts.galleryImageIds ?? []).map((imageId, position) => ({ imageId, position })) },
    },
    select: { id: true, title: true, skus: { select: { id: true, specKey: true, stock: true } } },
  });
}
