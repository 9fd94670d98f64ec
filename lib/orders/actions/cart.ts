"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { addToCart, cartCount, cartLineInput, removeFromCart, setCartQuantity } from "@/lib/orders/cart";

const storeId = z.string().trim().min(1).max(64);

/** Adds the picked SKU and quantity to the buyer's cart of its store; answers the new cart count. */
export const addToCartAction = defineAction({ input: cartLineInput, auth: ["BUYER"] }, async (input, { actor }) => {
  const added = await addToCart(actor, input);
  return { quantity: added.quantity, count: await cartCount(actor, added.storeId) };
});

export const setCartQuantityAction = defineAction({ input: cartLineInput.extend({ storeId }), auth: ["BUYER"] }, async ({ storeId, ...line }, { actor }) => {
  await setCartQuantity(actor, storeId, line);
  return null;
});

export const removeFromCartAction = defineAction({ input: z.object({ storeId, skuId: z.string().trim().min(1).max(64) }), auth: ["BUYER"] }, async ({ storeId, skuId }, { actor }) => {
  await removeFromCart(actor, storeId, skuId);
  return null;
});
