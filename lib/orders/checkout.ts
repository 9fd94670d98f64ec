import "server-only";
// Checkout: one transaction creates the order (lines as sold, postage, protection terms),
// reserves every unit of stock through the guarded ledger update, and schedules the
// unpaid-order expiry. A retried submit with the same idempotency key returns the same
// order; the same key with a different request is refused.
import crypto from "node:crypto";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { applyStockChange } from "@/lib/catalog/stock";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
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

function isUniqueViolation(e: unknown, field?: string) {
  const err = e as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (err.code !== "P2002") return false;
  if (!field) return true;
  return JSON.stringify(err.meta ?? {}).includes(field);
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
        order = await db.$transaction((tx) => createOrder(tx, params));
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

async function createOrder(
  tx: Tx,
  p: {
    buyerId: string;
    storeId: string;
    lines: { skuId: string; quantity: number }[];
    shipTo: { recipient: string; phone: string; province: string; city: string; district: string; addressDetail: string };
    note?: string;
    key: string;
    requestHash: string;
  },
): Promise<PlacedOrder> {
  const store = await tx.store.findUnique({ where: { id: p.storeId }, select: { status: true } });
  if (!store) throw new AppError("NOT_FOUND", "Store not found");
  if (store.status !== "APPROVED") throw new AppError("STORE_NOT_OPEN", "This store is not taking orders.");

  const skus = await tx.sku.findMany({
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

  // Fast path for a sold-out flash sale: no point creating an order that cannot be filled.
  // (Only an optimisation: the guarded stock update below is what guarantees no oversell.)
  for (const l of p.lines) {
    const sku = byId.get(l.skuId)!;
    if (sku.stock < l.quantity) throw soldOut(l.skuId, sku.stock, sku.item.title);
  }

  // Buy limits count this order plus the buyer's earlier orders that were not cancelled.
  // A per-(buyer, item) advisory lock makes two concurrent checkouts by one buyer queue up.
  const qtyByItem = new Map<string, number>();
  for (const l of p.lines) {
    const itemId = byId.get(l.skuId)!.itemId;
    qtyByItem.set(itemId, (qtyByItem.get(itemId) ?? 0) + l.quantity);
  }
  const limited = [...qtyByItem.keys()].filter((itemId) => skus.find((s) => s.itemId === itemId)!.item.buyLimit).sort();
  for (const itemId of limited) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`buy-limit:${p.buyerId}:${itemId}`}))`;
    const limit = skus.find((s) => s.itemId === itemId)!.item.buyLimit!;
    const bought = await tx.orderLine.aggregate({
      where: { itemId, order: { buyerId: p.buyerId, status: { not: "CANCELLED" } } },
      _sum: { quantity: true },
    });
    const already = bought._sum.quantity ?? 0;
    if (already + qtyByItem.get(itemId)! > limit) {
      const title = skus.find((s) => s.itemId === itemId)!.item.title;
      throw new AppError("BUY_LIMIT", `You can buy at most ${limit} of this item.`, {
        details: { itemId, limit, already, title, messageKey: "buyLimit", messageValues: { limit, already, title } },
      });
    }
  }

  const itemsById = new Map(skus.map((s) => [s.itemId, s.item]));
  const price = priceOrder(
    p.lines.map((l) => ({ skuId: l.skuId, itemId: byId.get(l.skuId)!.itemId, unitPriceFen: byId.get(l.skuId)!.priceFen, quantity: l.quantity })),
    [...itemsById.entries()].map(([itemId, it]) => ({ itemId, postageMode: it.postageMode, postageFen: it.postageFen, postageExtraFen: it.postageExtraFen })),
  );

  const now = new Date();
  const payBy = new Date(now.getTime() + env().ORDER_PAYMENT_TIMEOUT);
  const orderNo = newOrderNo(now);
  const order = await tx.order.create({
    data: {
      orderNo,
      outTradeNo: outTradeNoFor(orderNo),
      storeId: p.storeId,
      buyerId: p.buyerId,
      itemsFen: price.itemsFen,
      postageFen: price.postageFen,
      totalFen: price.totalFen,
      ...p.shipTo,
      buyerNote: p.note || null,
      protectionTerms: { ...currentProtectionTerms() },
      idempotencyKey: p.key,
      requestHash: p.requestHash,
      payBy,
      lines: {
        create: price.lines.map((l) => {
          const sku = byId.get(l.skuId)!;
          return { itemId: sku.itemId, skuId: sku.id, title: sku.item.title, specKey: sku.specKey, imageId: sku.item.mainImageId, unitPriceFen: l.unitPriceFen, quantity: l.quantity, lineTotalFen: l.lineTotalFen };
        }),
      },
      events: { create: { type: "PLACE", toStatus: "PENDING_PAYMENT", actorKind: "BUYER", actorId: p.buyerId } },
    },
    select: placedSelect,
  });

  // Stock last: the row locks on hot SKUs are held for as short a time as possible.
  for (const l of p.lines) {
    try {
      await applyStockChange(tx, { storeId: p.storeId, skuId: l.skuId, delta: -l.quantity, reason: "ORDER_RESERVED", orderId: order.id, actorId: p.buyerId });
    } catch (e) {
      if (e instanceof AppError && e.code === "INSUFFICIENT_STOCK") throw soldOut(l.skuId, Number(e.details?.available ?? 0), byId.get(l.skuId)!.item.title);
      throw e;
    }
  }

  await enqueue(tx, EXPIRE_QUEUE, { orderId: order.id }, { runAt: payBy, singletonKey: `order.expire:${order.id}` });
  const { requestHash: _h, ...placed } = order;
  return { ...placed, replayed: false };
}
