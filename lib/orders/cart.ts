import "server-only";
// A buyer's cart per store, kept across visits. Prices and availability are read fresh
// each time the cart is shown; checkout checks everything again.
import { z } from "zod";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { applySalePrices } from "@/lib/promotions/sale-prices";
import { priceOrder } from "./pricing";
import { quantitySchema } from "./schemas";

const MAX_LINES = 50;

export const cartLineInput = z.object({ skuId: z.string().trim().min(1).max(64), quantity: quantitySchema });

export interface CartView {
  storeId: string;
  lines: {
    skuId: string;
    itemId: string;
    title: string;
    specKey: string;
    imageId: string | null;
    unitPriceFen: number;
    /** The SKU's own price when unitPriceFen is a flash sale's (shown struck through). */
    listPriceFen?: number | null;
    quantity: number;
    stock: number;
    buyLimit: number | null;
    /** Buyable now: on sale, active, enough stock for the quantity. */
    available: boolean;
  }[];
  itemsFen: number;
  postageFen: number;
  totalFen: number;
  count: number;
}

export async function getCart(actor: Actor | null, storeId: string): Promise<CartView> {
  const buyer = requireRole(actor, "BUYER");
  const cart = await db.cart.findUnique({
    where: { buyerId_storeId: { buyerId: buyer.userId, storeId } },
    select: {
      lines: {
        orderBy: { addedAt: "asc" },
        select: {
          quantity: true,
          sku: {
            select: {
              id: true,
              specKey: true,
              priceFen: true,
              stock: true,
              active: true,
              item: { select: { id: true, title: true, mainImageId: true, status: true, buyLimit: true, postageMode: true, postageFen: true, postageExtraFen: true } },
            },
          },
        },
      },
    },
  });
  const lines = (cart?.lines ?? []).map((l) => ({
    skuId: l.sku.id,
    itemId: l.sku.item.id,
    title: l.sku.item.title,
    specKey: l.sku.specKey,
    imageId: l.sku.item.mainImageId,
    unitPriceFen: l.sku.priceFen,
    quantity: l.quantity,
    stock: l.sku.stock,
    buyLimit: l.sku.item.buyLimit,
    available: l.sku.active && l.sku.item.status === "ON_SALE" && l.sku.stock >= l.quantity,
    postage: { itemId: l.sku.item.id, postageMode: l.sku.item.postageMode, postageFen: l.sku.item.postageFen, postageExtraFen: l.sku.item.postageExtraFen },
  }));
  await applySalePrices(lines);
  const buyable = lines.filter((l) => l.available);
  const price = priceOrder(buyable, [...new Map(buyable.map((l) => [l.itemId, l.postage])).values()]);
  return {
    storeId,
    lines: lines.map(({ postage: _p, ...l }) => l),
    itemsFen: price.itemsFen,
    postageFen: price.postageFen,
    totalFen: price.totalFen,
    count: lines.reduce((n, l) => n + l.quantity, 0),
  };
}

async function buyableSku(skuId: string) {
  const sku = await db.sku.findUnique({ where: { id: skuId }, select: { id: true, storeId: true, active: true, item: { select: { status: true } }, store: { select: { status: true } } } });
  if (!sku || !sku.active || sku.item.status !== "ON_SALE" || sku.store.status !== "APPROVED") {
    throw new AppError("SOLD_OUT", "That item is no longer for sale.", { details: { skuId, messageKey: "itemUnavailable" } });
  }
  return sku;
}

/** Adds units of a SKU to the buyer's cart of that SKU's store. */
export async function addToCart(actor: Actor | null, input: z.input<typeof cartLineInput>) {
  const buyer = requireRole(actor, "BUYER");
  const data = parseInput(cartLineInput, input);
  const sku = await buyableSku(data.skuId);
  return db.$transaction(async (tx) => {
    // Writing the cart row (INSERT … ON CONFLICT DO UPDATE) locks it until commit, so adds to
    // one cart (a double tap, two tabs) take turns: each reads the quantity the one before
    // wrote, and the line limit holds. Without it concurrent adds of a SKU lost all but one.
    const cart = await tx.cart.upsert({
      where: { buyerId_storeId: { buyerId: buyer.userId, storeId: sku.storeId } },
      create: { buyerId: buyer.userId, storeId: sku.storeId },
      update: { updatedAt: new Date() },
      select: { id: true },
    });
    const existing = await tx.cartLine.findUnique({ where: { cartId_skuId: { cartId: cart.id, skuId: sku.id } }, select: { quantity: true } });
    if (!existing && (await tx.cartLine.count({ where: { cartId: cart.id } })) >= MAX_LINES) throw new AppError("VALIDATION", "Your cart is full.", { fieldErrors: { _form: ["cartFull"] } });
    const quantity = Math.min((existing?.quantity ?? 0) + data.quantity, 999);
    await tx.cartLine.upsert({
      where: { cartId_skuId: { cartId: cart.id, skuId: sku.id } },
      create: { cartId: cart.id, skuId: sku.id, quantity },
      update: { quantity },
    });
    return { storeId: sku.storeId, quantity };
  });
}

export async function setCartQuantity(actor: Actor | null, storeId: string, input: z.input<typeof cartLineInput>) {
  const buyer = requireRole(actor, "BUYER");
  const data = parseInput(cartLineInput, input);
  const { count } = await db.cartLine.updateMany({ where: { skuId: data.skuId, cart: { buyerId: buyer.userId, storeId } }, data: { quantity: data.quantity } });
  if (!count) throw new AppError("NOT_FOUND", "Not in your cart");
}

export async function removeFromCart(actor: Actor | null, storeId: string, skuId: string) {
  const buyer = requireRole(actor, "BUYER");
  await db.cartLine.deleteMany({ where: { skuId, cart: { buyerId: buyer.userId, storeId } } });
}

/** Units in the buyer's cart of this store (0 for anyone else). */
export async function cartCount(actor: Actor | null, storeId: string): Promise<number> {
  if (!actor || actor.role !== "BUYER") return 0;
  const r = await db.cartLine.aggregate({ where: { cart: { buyerId: actor.userId, storeId } }, _sum: { quantity: true } });
  return r._sum.quantity ?? 0;
}
