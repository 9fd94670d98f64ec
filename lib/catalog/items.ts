import "server-only";
// Creating and editing items: the item, its gallery and its SKU matrix, saved together.
import { requireActor, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { ItemStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { assertImagesUsable, claimImages } from "@/lib/media/images";
import { parseInput } from "@/lib/validation";
import { itemInput, itemsStatusInput, type ItemData, type ItemInput, type OnSaleFailure } from "./schemas";
import { changeStock } from "./stock";
import { assertStoreOperating } from "./store-state";

export interface SaveOptions {
  /** Put the item on sale in the same transaction: all of it is saved, or none. */
  putOnSale?: boolean;
}

export interface SavedItem {
  id: string;
  version: number;
  status: ItemStatus;
}

function priceRange(data: ItemData) {
  const prices = data.skus.map((s) => s.priceFen);
  return { priceMinFen: Math.min(...prices), priceMaxFen: Math.max(...prices) };
}

/** The columns of Item a save writes (everything but status, version and the store). */
function itemColumns(data: ItemData) {
  return {
    title: data.title,
    description: data.description as Prisma.InputJsonValue,
    categoryId: data.categoryId,
    mainImageId: data.mainImageId,
    specs: data.specs as unknown as Prisma.InputJsonValue,
    buyLimit: data.buyLimit,
    postageMode: data.postageMode,
    postageFen: data.postageFen,
    postageExtraFen: data.postageExtraFen,
    ...priceRange(data),
  };
}

/** What the database must confirm about the input: the category exists, every image may be used here. */
async function checkReferences(tx: Tx, userId: string, storeId: string, data: ItemData) {
  const category = await tx.category.findUnique({ where: { id: data.categoryId }, select: { id: true } });
  if (!category) throw new AppError("VALIDATION", "Unknown category.", { fieldErrors: { categoryId: ["categoryUnknown"] } });
  const descriptionImages = data.description.flatMap((b) => (b.type === "image" ? [b.imageId] : []));
  const groups: [string, string[]][] = [
    ["mainImageId", data.mainImageId ? [data.mainImageId] : []],
    ["galleryImageIds", data.galleryImageIds],
    ["description", descriptionImages],
  ];
  for (const [field, imageIds] of groups) await assertImagesUsable(tx, { userId, storeId, imageIds, field });
  // Images uploaded before the store existed belong to their uploader; attaching them moves them in.
  await claimImages(tx, { userId, storeId, imageIds: groups.flatMap(([, ids]) => ids) });
}

/** Why an item may not go on sale (null when it may). */
function onSaleProblem(item: { mainImageId: string | null; activeSkus: number }, storeStatus: string): OnSaleFailure | null {
  if (storeStatus !== "APPROVED") return "STORE_NOT_APPROVED";
  if (!item.mainImageId) return "NO_MAIN_IMAGE";
  if (item.activeSkus === 0) return "NO_ACTIVE_SKU";
  return null;
}

function cannotPutOnSale(problem: OnSaleFailure): AppError {
  if (problem === "NO_MAIN_IMAGE") {
    return new AppError("VALIDATION", "Add a main image before putting the item on sale.", { fieldErrors: { mainImageId: ["mainImageRequired"] } });
  }
  if (problem === "STORE_NOT_APPROVED") {
    return new AppError("INVALID_STATE", "A suspended store cannot put items on sale.", { details: { reason: problem } });
  }
  return new AppError("INVALID_STATE", "The item cannot go on sale.", { details: { reason: problem } });
}

/** Creates the given matrix rows as new SKUs; their initial stock goes through the ledger. */
async function createSkus(tx: Tx, opts: { storeId: string; itemId: string; actorId: string; rows: ItemData["skus"] }) {
  if (!opts.rows.length) return;
  const created = await tx.sku.createManyAndReturn({
    data: opts.rows.map((r) => ({
      itemId: opts.itemId,
      storeId: opts.storeId,
      specKey: r.specKey,
      priceFen: r.priceFen,
      originalPriceFen: r.originalPriceFen ?? null,
      code: r.code,
      stock: 0,
    })),
    select: { id: true, specKey: true },
  });
  const stockByKey = new Map(opts.rows.map((r) => [r.specKey, r.stock]));
  for (const sku of created) {
    const stock = stockByKey.get(sku.specKey) ?? 0;
    if (stock > 0) await changeStock(tx, { storeId: opts.storeId, skuId: sku.id, delta: stock, reason: "INITIAL", actorId: opts.actorId });
  }
}

/** A new item, as a DRAFT (or straight on sale with `putOnSale`). */
export async function createItem(actor: Actor | null, storeId: string, input: ItemInput, opts: SaveOptions = {}): Promise<SavedItem> {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(itemInput, input);
  const saved = await db.$transaction(async (tx) => {
    const storeStatus = await assertStoreOperating(tx, storeId);
    await checkReferences(tx, seller.userId, storeId, data);
    let status: ItemStatus = "DRAFT";
    if (opts.putOnSale) {
      const problem = onSaleProblem({ mainImageId: data.mainImageId, activeSkus: data.skus.length }, storeStatus);
      if (problem) throw cannotPutOnSale(problem);
      status = "ON_SALE";
    }
    const item = await tx.item.create({
      data: {
        storeId,
        ...itemColumns(data),
        status,
        onSaleAt: status === "ON_SALE" ? new Date() : null,
        gallery: { create: data.galleryImageIds.map((imageId, position) => ({ imageId, position })) },
      },
      select: { id: true, version: true, status: true },
    });
    await createSkus(tx, { storeId, itemId: item.id, actorId: seller.userId, rows: data.skus });
    return item;
  });
  invalidate(tags.store(storeId), tags.item(saved.id));
  return saved;
}

/** The store an item belongs to, for the caller's authorisation; NOT_FOUND for anyone else's. */
async function itemStoreFor(actor: Actor | null, itemId: string): Promise<{ seller: Actor; storeId: string }> {
  const a = requireActor(actor);
  const item = typeof itemId === "string" && itemId ? await db.item.findUnique({ where: { id: itemId }, select: { storeId: true } }) : null;
  if (!item) throw new AppError("NOT_FOUND", "Item not found");
  return { seller: requireStoreMember(a, item.storeId, "Item not found"), storeId: item.storeId };
}

/**
 * Saves an edited item. `expectedVersion` is the version the editor loaded: if someone saved
 * in between, nothing is written (STALE). SKUs are merged by spec key: a combination that
 * stays keeps its id and stock, a new one is created (its stock recorded as INITIAL), one that
 * left the matrix is deactivated (kept for order history) and comes back if it returns.
 */
export async function updateItem(
  actor: Actor | null,
  itemId: string,
  input: ItemInput,
  expectedVersion: number,
  opts: SaveOptions = {},
): Promise<SavedItem> {
  const { seller, storeId } = await itemStoreFor(actor, itemId);
  const data = parseInput(itemInput, input);
  if (!Number.isInteger(expectedVersion)) throw new AppError("VALIDATION", "Missing version.", { fieldErrors: { expectedVersion: ["invalid"] } });

  const saved = await db.$transaction(async (tx) => {
    const storeStatus = await assertStoreOperating(tx, storeId);
    await checkReferences(tx, seller.userId, storeId, data);
    // The version guard: this UPDATE also locks the row until we commit, so two saves of
    // one item are serialised and the second finds the version moved.
    const { count } = await tx.item.updateMany({
      where: { id: itemId, storeId, version: expectedVersion },
      data: { ...itemColumns(data), version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("STALE", "This item was changed by someone else since you opened it.");

    const current = await tx.item.findUniqueOrThrow({ where: { id: itemId }, select: { status: true, version: true } });
    let status = current.status;
    if (opts.putOnSale || status === "ON_SALE") {
      // An item on sale stays sellable: it cannot lose its main image by an edit.
      const problem = onSaleProblem({ mainImageId: data.mainImageId, activeSkus: data.skus.length }, status === "ON_SALE" ? "APPROVED" : storeStatus);
      if (problem) throw cannotPutOnSale(problem);
      if (status !== "ON_SALE") {
        status = "ON_SALE";
        await tx.item.update({ where: { id: itemId }, data: { status, onSaleAt: new Date() }, select: { id: true } });
      }
    }

    await tx.itemImage.deleteMany({ where: { itemId } });
    if (data.galleryImageIds.length) {
      await tx.itemImage.createMany({ data: data.galleryImageIds.map((imageId, position) => ({ itemId, imageId, position })) });
    }

    const existing = await tx.sku.findMany({
      where: { itemId },
      select: { id: true, specKey: true, priceFen: true, originalPriceFen: true, code: true, active: true },
    });
    const byKey = new Map(existing.map((s) => [s.specKey, s]));
    const wanted = new Set(data.skus.map((r) => r.specKey));
    const fresh: ItemData["skus"] = [];
    for (const row of data.skus) {
      const sku = byKey.get(row.specKey);
      if (!sku) {
        fresh.push(row);
        continue;
      }
      const next = { priceFen: row.priceFen, originalPriceFen: row.originalPriceFen ?? null, code: row.code, active: true };
      if (sku.priceFen !== next.priceFen || sku.originalPriceFen !== next.originalPriceFen || sku.code !== next.code || !sku.active) {
        await tx.sku.update({ where: { id: sku.id }, data: next, select: { id: true } });
      }
    }
    const leaving = existing.filter((s) => s.active && !wanted.has(s.specKey)).map((s) => s.id);
    if (leaving.length) await tx.sku.updateMany({ where: { id: { in: leaving } }, data: { active: false } });
    await createSkus(tx, { storeId, itemId, actorId: seller.userId, rows: fresh });

    return { id: itemId, version: current.version, status };
  });
  invalidate(tags.store(storeId), tags.item(itemId));
  return saved;
}

export interface StatusChangeResult {
  /** Items whose status changed. */
  changed: string[];
  /** Items that already had the requested status. */
  unchanged: string[];
  failed: { itemId: string; reason: OnSaleFailure }[];
}

/**
 * Puts several items on sale, or takes them off sale. Items that cannot change are reported
 * one by one and the others still change. On sale needs an approved store, a main image and
 * an active SKU; a draft that never went on sale is not "taken off sale".
 */
export async function setItemsStatus(
  actor: Actor | null,
  storeId: string,
  itemIds: string[],
  status: "ON_SALE" | "OFF_SALE",
): Promise<StatusChangeResult> {
  requireStoreMember(actor, storeId);
  const data = parseInput(itemsStatusInput, { itemIds, status });
  const ids = [...new Set(data.itemIds)];
  const result = await db.$transaction(async (tx) => {
    const storeStatus = await assertStoreOperating(tx, storeId);
    // Lock the rows (in a fixed order, so two bulk actions cannot deadlock) so that an edit
    // removing a main image cannot interleave with the check below.
    await tx.$queryRaw`SELECT "id" FROM "Item" WHERE "id" IN (${Prisma.join(ids)}) AND "storeId" = ${storeId} ORDER BY "id" FOR UPDATE`;
    const items = await tx.item.findMany({
      where: { id: { in: ids }, storeId },
      select: { id: true, status: true, mainImageId: true, _count: { select: { skus: { where: { active: true } } } } },
    });
    const found = new Map(items.map((i) => [i.id, i]));
    const out: StatusChangeResult = { changed: [], unchanged: [], failed: [] };
    for (const itemId of ids) {
      const item = found.get(itemId);
      if (!item) out.failed.push({ itemId, reason: "NOT_FOUND" });
      else if (item.status === data.status) out.unchanged.push(itemId);
      else if (data.status === "OFF_SALE" && item.status === "DRAFT") out.failed.push({ itemId, reason: "IS_DRAFT" });
      else {
        const problem = data.status === "ON_SALE" ? onSaleProblem({ mainImageId: item.mainImageId, activeSkus: item._count.skus }, storeStatus) : null;
        if (problem) out.failed.push({ itemId, reason: problem });
        else out.changed.push(itemId);
      }
    }
    if (out.changed.length) {
      await tx.item.updateMany({
        where: { id: { in: out.changed }, storeId },
        data: data.status === "ON_SALE" ? { status: "ON_SALE", onSaleAt: new Date() } : { status: "OFF_SALE" },
      });
    }
    return out;
  });
  if (result.changed.length) invalidate(tags.store(storeId), ...result.changed.map((id) => tags.item(id)));
  return result;
}
