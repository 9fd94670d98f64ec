import "server-only";
// Reads for the seller's catalogue pages. Each list is a fixed number of queries, whatever
// the page size (no per-row lookups).
import { requireActor, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { ItemStatus, PostageMode, StockReason } from "@/lib/db/generated/enums";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { DescriptionBlock } from "./schemas";
import { buildSkuMatrix, type SpecDimension } from "./sku-matrix";

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

function paging(page: number | undefined, pageSize: number | undefined, maxSize = 100) {
  const size = Math.min(Math.max(Math.trunc(pageSize ?? 20) || 20, 1), maxSize);
  const p = Math.max(Math.trunc(page ?? 1) || 1, 1);
  return { page: p, pageSize: size, skip: (p - 1) * size };
}

/** The seed categories, in display order. Public reference data. */
export async function listCategories() {
  return db.category.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: [{ position: "asc" }, { id: "asc" }] });
}

export interface ItemListRow {
  id: string;
  title: string;
  status: ItemStatus;
  mainImageId: string | null;
  priceMinFen: number;
  priceMaxFen: number;
  /** Sum over the active SKUs. */
  stock: number;
  /** Active SKUs. */
  skuCount: number;
  onSaleAt: Date | null;
  updatedAt: Date;
}

/** One page of the store's items, newest edits first, with the counts per status for tabs. */
export async function listItems(
  actor: Actor | null,
  storeId: string,
  opts: { status?: ItemStatus; q?: string; page?: number; pageSize?: number } = {},
): Promise<Page<ItemListRow> & { counts: Record<ItemStatus | "ALL", number> }> {
  requireStoreMember(actor, storeId);
  const { page, pageSize, skip } = paging(opts.page, opts.pageSize);
  const q = opts.q?.trim().slice(0, 100);
  const where: Prisma.ItemWhereInput = {
    storeId,
    ...(opts.status ? { status: opts.status } : {}),
    ...(q ? { title: { contains: q, mode: "insensitive" } } : {}),
  };
  const [total, items, byStatus] = await Promise.all([
    db.item.count({ where }),
    db.item.findMany({
      where,
      select: {
        id: true,
        title: true,
        status: true,
        mainImageId: true,
        priceMinFen: true,
        priceMaxFen: true,
        onSaleAt: true,
        updatedAt: true,
        _count: { select: { skus: { where: { active: true } } } },
      },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip,
      take: pageSize,
    }),
    // Tab counts follow the search, not the status filter.
    db.item.groupBy({ by: ["status"], where: { storeId, ...(q ? { title: { contains: q, mode: "insensitive" } } : {}) }, _count: { _all: true } }),
  ]);
  const stock = items.length
    ? await db.sku.groupBy({ by: ["itemId"], where: { itemId: { in: items.map((i) => i.id) }, active: true }, _sum: { stock: true } })
    : [];
  const stockByItem = new Map(stock.map((s) => [s.itemId, s._sum.stock ?? 0]));
  const counts = { ALL: 0, DRAFT: 0, ON_SALE: 0, OFF_SALE: 0 };
  for (const r of byStatus) {
    counts[r.status] = r._count._all;
    counts.ALL += r._count._all;
  }
  return {
    rows: items.map(({ _count, ...i }) => ({ ...i, stock: stockByItem.get(i.id) ?? 0, skuCount: _count.skus })),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    counts,
  };
}

export interface ItemForEdit {
  id: string;
  storeId: string;
  storeStatus: string;
  title: string;
  description: DescriptionBlock[];
  categoryId: string;
  mainImageId: string | null;
  galleryImageIds: string[];
  specs: SpecDimension[];
  status: ItemStatus;
  buyLimit: number | null;
  postageMode: PostageMode;
  postageFen: number;
  postageExtraFen: number;
  version: number;
  onSaleAt: Date | null;
  updatedAt: Date;
  /** Every SKU the item ever had, active first in matrix order, then the retired ones. */
  skus: { id: string; specKey: string; priceFen: number; originalPriceFen: number | null; stock: number; code: string | null; active: boolean }[];
}

/** An item as the editor needs it (404 for anyone but the store's own sellers). */
export async function getItemForEdit(actor: Actor | null, itemId: string): Promise<ItemForEdit> {
  const a = requireActor(actor);
  const item = await db.item.findUnique({
    where: { id: itemId },
    select: {
      id: true,
      storeId: true,
      store: { select: { status: true } },
      title: true,
      description: true,
      categoryId: true,
      mainImageId: true,
      gallery: { select: { imageId: true }, orderBy: { position: "asc" } },
      specs: true,
      status: true,
      buyLimit: true,
      postageMode: true,
      postageFen: true,
      postageExtraFen: true,
      version: true,
      onSaleAt: true,
      updatedAt: true,
      skus: { select: { id: true, specKey: true, priceFen: true, originalPriceFen: true, stock: true, code: true, active: true } },
    },
  });
  if (!item) throw new AppError("NOT_FOUND", "Item not found");
  requireStoreMember(a, item.storeId, "Item not found");
  const { store, gallery, ...rest } = item;
  const specs = item.specs as unknown as SpecDimension[];
  return {
    ...rest,
    storeStatus: store.status,
    description: item.description as unknown as DescriptionBlock[],
    specs,
    galleryImageIds: gallery.map((g) => g.imageId),
    skus: sortSkus(specs, item.skus),
  };
}

/** Active SKUs in the matrix's reading order, then inactive ones. */
export function sortSkus<T extends { specKey: string; active: boolean }>(specs: SpecDimension[], skus: T[]): T[] {
  const order = new Map(buildSkuMatrix(specs).map((r, i) => [r.key, i]));
  const rank = (s: T) => (s.active ? (order.get(s.specKey) ?? 1e6) : 2e6);
  return [...skus].sort((a, b) => rank(a) - rank(b) || a.specKey.localeCompare(b.specKey));
}

/** Item titles for pickers (the stock page's filter). */
export async function listItemOptions(actor: Actor | null, storeId: string) {
  requireStoreMember(actor, storeId);
  return db.item.findMany({ where: { storeId }, select: { id: true, title: true, status: true }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: 1000 });
}

/** One item's SKUs with their current stock, for the stock page (by item, or by one of its SKUs). */
export async function getStockLevels(actor: Actor | null, storeId: string, opts: { itemId?: string; skuId?: string }) {
  requireStoreMember(actor, storeId);
  let itemId = opts.itemId;
  if (!itemId && opts.skuId) {
    itemId = (await db.sku.findFirst({ where: { id: opts.skuId, storeId }, select: { itemId: true } }))?.itemId;
  }
  if (!itemId) return null;
  const item = await db.item.findFirst({
    where: { id: itemId, storeId },
    select: {
      id: true,
      title: true,
      status: true,
      specs: true,
      mainImageId: true,
      skus: { select: { id: true, specKey: true, code: true, stock: true, active: true, priceFen: true } },
    },
  });
  if (!item) throw new AppError("NOT_FOUND", "Item not found");
  const specs = item.specs as unknown as SpecDimension[];
  return { ...item, specs, skus: sortSkus(specs, item.skus) };
}

export interface LedgerRow {
  id: string;
  createdAt: Date;
  delta: number;
  resultingStock: number;
  reason: StockReason;
  note: string | null;
  orderId: string | null;
  actorName: string | null;
  itemId: string;
  itemTitle: string;
  skuId: string;
  specKey: string;
  skuCode: string | null;
}

/** The store's stock history, newest first. */
export async function listStockLedger(
  actor: Actor | null,
  storeId: string,
  opts: { skuId?: string; itemId?: string; reason?: StockReason; page?: number; pageSize?: number } = {},
): Promise<Page<LedgerRow>> {
  requireStoreMember(actor, storeId);
  const { page, pageSize, skip } = paging(opts.page, opts.pageSize ?? 30);
  const where: Prisma.StockLedgerEntryWhereInput = {
    storeId,
    ...(opts.skuId ? { skuId: opts.skuId } : {}),
    ...(opts.itemId ? { itemId: opts.itemId } : {}),
    ...(opts.reason ? { reason: opts.reason } : {}),
  };
  const [total, entries] = await Promise.all([
    db.stockLedgerEntry.count({ where }),
    db.stockLedgerEntry.findMany({
      where,
      select: {
        id: true,
        createdAt: true,
        delta: true,
        resultingStock: true,
        reason: true,
        note: true,
        orderId: true,
        actor: { select: { name: true } },
        item: { select: { id: true, title: true } },
        sku: { select: { id: true, specKey: true, code: true } },
      },
      orderBy: { id: "desc" },
      skip,
      take: pageSize,
    }),
  ]);
  return {
    rows: entries.map((e) => ({
      id: e.id.toString(),
      createdAt: e.createdAt,
      delta: e.delta,
      resultingStock: e.resultingStock,
      reason: e.reason,
      note: e.note,
      orderId: e.orderId,
      actorName: e.actor?.name ?? null,
      itemId: e.item.id,
      itemTitle: e.item.title,
      skuId: e.sku.id,
      specKey: e.sku.specKey,
      skuCode: e.sku.code,
    })),
    total,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
  };
}
