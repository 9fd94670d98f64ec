import "server-only";
// The stock ledger: the one and only way a SKU's stock changes. Every change is a single
// guarded UPDATE (it cannot take stock below zero, however many run at once) followed by
// an append-only ledger entry recording the level it produced, both in the caller's
// transaction. Checkout, cancellations and the merchant API all come through here.
import { requireStoreMember, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db, type Tx } from "@/lib/db/client";
import type { StockReason } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { notifyLowStock } from "@/lib/notifications/emit";
import { isLowStockCrossing } from "@/lib/notifications/kinds";
import { parseInput } from "@/lib/validation";
import { adjustStockInput, ITEM_LIMITS, setStockLevelInput, type AdjustStockInput, type SetStockLevelInput } from "./schemas";
import { assertStoreOperating } from "./store-state";

export interface StockChange {
  storeId: string;
  skuId: string;
  /** Non-zero; negative takes stock out (an order reserving it), positive puts it back. */
  delta: number;
  reason: StockReason;
  actorId?: string | null;
  orderId?: string | null;
  note?: string | null;
}

/** Like applyStockChange, also telling which item the SKU belongs to. */
export async function changeStock(tx: Tx, change: StockChange): Promise<{ stock: number; itemId: string }> {
  const { storeId, skuId, delta } = change;
  if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > ITEM_LIMITS.maxStock) {
    throw new AppError("VALIDATION", "A stock change must be a non-zero whole number.", { fieldErrors: { delta: [delta === 0 ? "deltaZero" : "deltaInvalid"] } });
  }
  // Row-locking, so concurrent changes to one SKU queue up and each re-checks the guard
  // against the level the previous one left.
  const rows = await tx.$queryRaw<{ stock: number; itemId: string }[]>`
    UPDATE "Sku"
       SET "stock" = "stock" + ${delta}::int, "updatedAt" = now()
     WHERE "id" = ${skuId} AND "storeId" = ${storeId}
       AND "stock" + ${delta}::int >= 0 AND "stock" + ${delta}::int <= ${ITEM_LIMITS.maxStock}::int
    RETURNING "stock", "itemId"`;
  const row = rows[0];
  if (!row) {
    const sku = await tx.sku.findFirst({ where: { id: skuId, storeId }, select: { stock: true } });
    if (!sku) throw new AppError("NOT_FOUND", "SKU not found");
    if (sku.stock + delta < 0) {
      throw new AppError("INSUFFICIENT_STOCK", "Not enough stock.", { details: { skuId, available: sku.stock } });
    }
    throw new AppError("VALIDATION", "That would be more stock than a SKU can hold.", { fieldErrors: { delta: ["stockTooLarge"] } });
  }
  const stock = Number(row.stock);
  await tx.stockLedgerEntry.create({
    data: {
      storeId,
      itemId: row.itemId,
      skuId,
      delta,
      resultingStock: stock,
      reason: change.reason,
      actorId: change.actorId ?? null,
      orderId: change.orderId ?? null,
      note: change.note ?? null,
    },
    select: { id: true },
  });
  // Only the change that takes it to the low-stock level notifies (one comparison otherwise).
  if (isLowStockCrossing(stock - delta, stock)) await notifyLowStock(tx, { storeId, skuId, itemId: row.itemId, stock, reason: change.reason, actorId: change.actorId });
  return { stock, itemId: row.itemId };
}

/**
 * Changes one SKU's stock by `delta` inside the caller's transaction and records it in the
 * ledger. Returns the resulting stock. Throws INSUFFICIENT_STOCK ({skuId, available}) when it
 * would go below zero and NOT_FOUND for a SKU outside `storeId`. Does not check who the
 * caller is: callers authorise first.
 */
export async function applyStockChange(tx: Tx, change: StockChange): Promise<number> {
  return (await changeStock(tx, change)).stock;
}

/** Puts an order's units back on sale (it was cancelled, or refunded in full before it shipped): one ledger entry per line. */
export async function releaseOrderStock(tx: Tx, o: { orderId: string; storeId: string; actorId: string | null }) {
  const lines = await tx.orderLine.findMany({ where: { orderId: o.orderId }, select: { skuId: true, quantity: true }, orderBy: { skuId: "asc" } });
  for (const l of lines) {
    await applyStockChange(tx, { storeId: o.storeId, skuId: l.skuId, delta: l.quantity, reason: "ORDER_RELEASED", orderId: o.orderId, actorId: o.actorId });
  }
}

/** The seller adds or removes stock by hand (a recount, damaged goods, a delivery). */
export async function adjustStock(actor: Actor | null, storeId: string, input: AdjustStockInput): Promise<{ stock: number }> {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(adjustStockInput, input);
  try {
    const { stock, itemId } = await db.$transaction(async (tx) => {
      await assertStoreOperating(tx, storeId);
      return changeStock(tx, { storeId, skuId: data.skuId, delta: data.delta, reason: "MANUAL_ADJUSTMENT", actorId: seller.userId, note: data.note });
    });
    invalidate(tags.store(storeId), tags.item(itemId));
    return { stock };
  } catch (e) {
    if (e instanceof AppError && e.code === "INSUFFICIENT_STOCK") {
      throw new AppError("INSUFFICIENT_STOCK", e.message, { details: e.details, fieldErrors: { delta: ["stockBelowZero"] } });
    }
    throw e;
  }
}

/**
 * The merchant Open API adds (delta > 0) or removes (delta < 0) stock for one SKU, acting as
 * the token's creator: recorded as API_ADJUSTMENT with a note naming the token. Throws
 * INSUFFICIENT_STOCK ({skuId, available}) when it would go below zero.
 */
export async function apiAdjustStock(actor: Actor | null, storeId: string, input: AdjustStockInput): Promise<{ stock: number; itemId: string }> {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(adjustStockInput, input);
  const changed = await db.$transaction(async (tx) => {
    await assertStoreOperating(tx, storeId);
    return changeStock(tx, { storeId, skuId: data.skuId, delta: data.delta, reason: "API_ADJUSTMENT", actorId: seller.userId, note: data.note });
  });
  invalidate(tags.store(storeId), tags.item(changed.itemId));
  return changed;
}

/**
 * The seller sets a SKU's stock to a level ("we counted 12"). It is recorded as the
 * difference from what the seller saw; if stock moved since (an order came in), nothing
 * changes and the seller is told to look again (STALE).
 */
export async function setStockLevel(actor: Actor | null, storeId: string, input: SetStockLevelInput): Promise<{ stock: number; changed: boolean }> {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(setStockLevelInput, input);
  const stale = () => new AppError("STALE", "The stock changed since you looked.", { details: { skuId: data.skuId } });
  const delta = data.target - data.expectedCurrent;
  const result = await db.$transaction(async (tx) => {
    await assertStoreOperating(tx, storeId);
    if (delta === 0) {
      const sku = await tx.sku.findFirst({ where: { id: data.skuId, storeId }, select: { stock: true, itemId: true } });
      if (!sku) throw new AppError("NOT_FOUND", "SKU not found");
      if (sku.stock !== data.expectedCurrent) throw stale();
      return { stock: sku.stock, itemId: sku.itemId, changed: false };
    }
    let changed: { stock: number; itemId: string };
    try {
      changed = await changeStock(tx, { storeId, skuId: data.skuId, delta, reason: "MANUAL_ADJUSTMENT", actorId: seller.userId, note: data.note });
    } catch (e) {
      // The target is never negative, so going below zero means the level moved down meanwhile.
      if (e instanceof AppError && e.code === "INSUFFICIENT_STOCK") throw stale();
      throw e;
    }
    // The UPDATE is atomic: it landed on the target exactly when the level was the one seen.
    if (changed.stock !== data.target) throw stale();
    return { ...changed, changed: true };
  });
  if (result.changed) invalidate(tags.store(storeId), tags.item(result.itemId));
  return { stock: result.stock, changed: result.changed };
}
