import "server-only";
// Checkout: one transaction creates the order (lines as sold, postage, protection terms),
// reserves every unit of stock through the guarded ledger update, and schedules the
// unpaid-order expiry. A retried submit with the same idempotency key returns the same
// order; the same key with a different request is refused.
import crypto from "node:crypto";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { wake } from "@/lib/jobs/queue";
import { newId } from "@/lib/ids";
import { currentProtectionTerms } from "@/lib/protection/terms";
import { parseInput } from "@/lib/validation";
import { getOwnAddress } from "./addresses";
import { newOrderNo, outTradeNoFor } from "./numbers";
import { mergeLines, priceOrder } from "./pricing";
import { checkoutInput, type CheckoutInput } from "./schemas";

export interface PlacedOrder {
  id: string;
  orderNo: string;
  status: string;
  itemsFen: number;
  postageFen: number;
  totalFen: number;
  payBy: Date;
  /** True when this call replayed an earlier identical submit. */
  replayed: boolean;
}

export const EXPIRE_QUEUE = "order.expire";

const placedSelect = { id: true, orderNo: true, status: true, itemsFen: true, postageFen: true, totalFen: true, payBy: true, requestHash: true } as const;

/** A unique-index violation (Prisma's P2002, or Postgres 23505 from a raw statement), optionally on `field`. */
function isUniqueViolation(e: unknown, field?: string) {
  const err = e as { code?: string; message?: string; meta?: unknown };
  const text = `${err.message ?? ""} ${JSON.stringify(err.meta ?? {})}`;
  if (err.code !== "P2002" && !/23505|duplicate key|Unique constraint/i.test(text)) return false;
  return !field || text.includes(field);
}

function hashRequest(v: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(v)).digest("hex");
}

async function replay(buyerId: string, key: string, requestHash: string): Promise<PlacedOrder | null> {
  const existing = await db.order.findUnique({ where: { buyerId_idempotencyKey: { buyerId, idempotencyKey: key } }, select: placedSelect });
  if (!existing) return null;
  if (existing.requestHash !== requestHash) {
    throw new AppError("IDEMPOTENCY_MISMATCH", "This idempotency key was used for a different order.");
  }
  const { requestHash: _h, ...order } = existing;
  return { ...order, replayed: true };
}

export async function placeOrder(actor: Actor | null, input: CheckoutInput): Promise<PlacedOrder> {
  const buyer = requireRole(actor, "BUYER");
  const data = parseInput(checkoutInput, input);
  const lines = mergeLines(data.lines).sort((a, b) => (a.skuId < b.skuId ? -1 : 1));
  const address = data.address ?? (await getOwnAddress(buyer.userId, data.addressId!));
  const shipTo = { recipient: address.recipient, phone: address.phone, province: address.province, city: address.city, district: address.district, addressDetail: address.detail };
  const requestHash = hashRequest({ storeId: data.storeId, lines, shipTo, note: data.note ?? null });

  const earlier = await replay(buyer.userId, data.idempotencyKey, requestHash);
  if (earlier) return earlier;

  try {
    const params = { buyerId: buyer.userId, storeId: data.storeId, lines, shipTo, note: data.note, key: data.idempotencyKey, requestHash };
    let order: PlacedOrder | undefined;
    // A random order number can clash with an existing one: try again with a new one.
    for (let attempt = 1; !order; attempt++) {
      try {
        order = await createOrder(params);
      } catch (e) {
        if (attempt < 3 && isUniqueViolation(e, "orderNo")) continue;
        throw e;
      }
    }
    if (data.fromCart) {
      await db.cartLine.deleteMany({ where: { cart: { buyerId: buyer.userId, storeId: data.storeId }, skuId: { in: lines.map((l) => l.skuId) } } });
    }
    invalidate(tags.store(data.storeId));
    return order;
  } catch (e) {
    // The same submit arriving twice at once: the idempotency key's unique index lets one
    // through; the other waits for it and then returns what it created.
    if (isUniqueViolation(e, "idempotencyKey")) {
      const again = await replay(buyer.userId, data.idempotencyKey, requestHash);
      if (again) return again;
    }
    throw e;
  }
}

function soldOut(skuId: string, available: number, title: string) {
  return new AppError("SOLD_OUT", available > 0 ? `Only ${available} left.` : "Sold out.", {
    details: { skuId, available, title, messageKey: available > 0 ? "onlyNLeft" : "soldOutTitle", messageValues: { title, available } },
  });
}

/** Failures raised by ls_place_order (prisma/sql/20-checkout.sql): P0001, message = kind, detail = JSON. */
function placeOrderFailure(e: unknown): { kind: string; detail: Record<string, unknown> } | null {
  const text = `${(e as { message?: string }).message ?? ""} ${JSON.stringify((e as { meta?: unknown }).meta ?? {})}`;
  const kind = /\b(SOLD_OUT|BUY_LIMIT|STORE_NOT_OPEN)\b/.exec(text)?.[1];
  if (!kind) return null;
  const json = /\{\\?"(?:skuId|itemId)[^}]*\}/.exec(text)?.[0];
  let detail: Record<string, unknown> = {};
  try {
    if (json) detail = JSON.parse(json.replace(/\\"/g, '"'));
  } catch {
    // the kind alone still says what happened
  }
  return { kind, detail };
}

/**
 * Prices and snapshots the order from a plain (unlocked) read, then writes everything that
 * must be atomic — buy limits, guarded stock reservation, order, lines, ledger, expiry job —
 * in one statement (ls_place_order), so hot SKU rows are locked for microseconds.
 */
async function createOrder(p: {
  buyerId: string;
  storeId: string;
  lines: { skuId: string; quantity: number }[];
  shipTo: { recipient: string; phone: string; province: string; city: string; district: string; addressDetail: string };
  note?: string;
  key: string;
  requestHash: string;
}): Promise<PlacedOrder> {
  const store = await db.store.findUnique({ where: { id: p.storeId }, select: { status: true } });
  if (!store) throw new AppError("NOT_FOUND", "Store not found");
  if (store.status !== "APPROVED") throw new AppError("STORE_NOT_OPEN", "This store is not taking orders.");

  const skus = await db.sku.findMany({
    where: { id: { in: p.lines.map((l) => l.skuId) }, storeId: p.storeId },
    select: {
      id: true,
      active: true,
      priceFen: true,
      specKey: true,
      stock: true,
      itemId: true,
      item: { select: { status: true, title: true, mainImageId: true, buyLimit: true, postageMode: true, postageFen: true, postageExtraFen: true } },
    },
  });
  const byId = new Map(skus.map((s) => [s.id, s]));
  for (const l of p.lines) {
    const sku = byId.get(l.skuId);
    if (!sku || !sku.active || sku.item.status !== "ON_SALE") {
      throw new AppError("SOLD_OUT", "That item is no longer for sale.", { details: { skuId: l.skuId, messageKey: "itemUnavailable", title: sku?.item.title } });
    }
  }
  // Fast path for a sold-out flash sale: no point trying to reserve what is visibly gone.
  // (Only an optimisation: the guarded update in ls_place_order is what prevents overselling.)
  for (const l of p.lines) {
    const sku = byId.get(l.skuId)!;
    if (sku.stock < l.quantity) throw soldOut(l.skuId, sku.stock, sku.item.title);
  }

  const qtyByItem = new Map<string, number>();
  for (const l of p.lines) {
    const itemId = byId.get(l.skuId)!.itemId;
    qtyByItem.set(itemId, (qtyByItem.get(itemId) ?? 0) + l.quantity);
  }
  const itemsById = new Map(skus.map((s) => [s.itemId, s.item]));
  const limits = [...qtyByItem].flatMap(([itemId, quantity]) => {
    const limit = itemsById.get(itemId)!.buyLimit;
    return limit ? [{ itemId, limit, quantity }] : [];
  });
  const price = priceOrder(
    p.lines.map((l) => ({ skuId: l.skuId, itemId: byId.get(l.skuId)!.itemId, unitPriceFen: byId.get(l.skuId)!.priceFen, quantity: l.quantity })),
    [...itemsById.entries()].map(([itemId, it]) => ({ itemId, postageMode: it.postageMode, postageFen: it.postageFen, postageExtraFen: it.postageExtraFen })),
  );

  const now = new Date();
  const payBy = new Date(now.getTime() + env().ORDER_PAYMENT_TIMEOUT);
  const orderNo = newOrderNo(now);
  const id = newId();
  const payload = {
    id,
    orderNo,
    outTradeNo: outTradeNoFor(orderNo),
    storeId: p.storeId,
    buyerId: p.buyerId,
    itemsFen: price.itemsFen,
    postageFen: price.postageFen,
    totalFen: price.totalFen,
    ...p.shipTo,
    buyerNote: p.note || null,
    protectionTerms: currentProtectionTerms(),
    idempotencyKey: p.key,
    requestHash: p.requestHash,
    payBy: payBy.toISOString(),
    limits,
    lines: price.lines.map((l) => {
      const sku = byId.get(l.skuId)!;
      return { id: newId(), itemId: sku.itemId, skuId: sku.id, title: sku.item.title, specKey: sku.specKey, imageId: sku.item.mainImageId, unitPriceFen: l.unitPriceFen, quantity: l.quantity, lineTotalFen: l.lineTotalFen };
    }),
  };
  try {
    await db.$queryRaw`SELECT ls_place_order(${JSON.stringify(payload)}::jsonb) AS id`;
  } catch (e) {
    const f = placeOrderFailure(e);
    if (f?.kind === "SOLD_OUT") {
      const skuId = String(f.detail.skuId ?? "");
      throw soldOut(skuId, Number(f.detail.available ?? 0), byId.get(skuId)?.item.title ?? "");
    }
    if (f?.kind === "BUY_LIMIT") {
      const itemId = String(f.detail.itemId ?? "");
      const limit = Number(f.detail.limit ?? 0);
      const already = Number(f.detail.already ?? 0);
      const title = itemsById.get(itemId)?.title ?? "";
      throw new AppError("BUY_LIMIT", `You can buy at most ${limit} of this item.`, {
        details: { itemId, limit, already, title, messageKey: "buyLimit", messageValues: { limit, already, title } },
      });
    }
    if (f?.kind === "STORE_NOT_OPEN") throw new AppError("STORE_NOT_OPEN", "This store is not taking orders.");
    throw e;
  }
  wake(); // the expiry job was enqueued by the statement
  return { id, orderNo, status: "PENDING_PAYMENT", itemsFen: price.itemsFen, postageFen: price.postageFen, totalFen: price.totalFen, payBy, replayed: false };
}
