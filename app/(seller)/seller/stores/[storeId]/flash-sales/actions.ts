"use server";
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { AppError } from "@/lib/errors";
import { createFlashSale, stopFlashSale } from "@/lib/promotions/flash-sales";
import type { FlashSaleInput } from "@/lib/promotions/schemas";

const storeId = z.string().trim().min(1).max(64);
const id = z.string().trim().min(1).max(64);

// The form names each SKU's row by the SKU (sku.<id>.on / .price / .quantity, in skuOrder[]
// order); the domain takes the chosen rows as a list and names errors by position
// (skus.<i>.price), which are named back by SKU here so each shows beside its row.
export const createFlashSaleAction = defineFormAction({ input: z.looseObject({ storeId, skuOrder: z.array(id).max(200).default([]) }), auth: ["SELLER"] }, async ({ storeId, skuOrder, ...form }, { actor }) => {
  const f = form as Record<string, unknown>;
  const chosen = skuOrder.filter((skuId) => f[`sku.${skuId}.on`] === "on");
  const input = {
    name: f.name,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    mode: f.mode,
    percentOff: f.percentOff,
    perBuyerLimit: f.perBuyerLimit,
    skus: chosen.map((skuId) => ({ skuId, price: f.mode === "PERCENT" ? undefined : f[`sku.${skuId}.price`], quantity: f[`sku.${skuId}.quantity`] })),
  } as unknown as FlashSaleInput;
  try {
    return await createFlashSale(actor, storeId, input);
  } catch (e) {
    if (!(e instanceof AppError) || !e.fieldErrors) throw e;
    const fieldErrors = Object.fromEntries(
      Object.entries(e.fieldErrors).map(([k, v]) => {
        const m = /^skus\.(\d+)\.(\w+)$/.exec(k);
        return [m && chosen[Number(m[1])] ? `sku.${chosen[Number(m[1])]}.${m[2] === "skuId" ? "on" : m[2]}` : k, v];
      }),
    );
    throw new AppError(e.code, e.message, { fieldErrors, details: e.details });
  }
});

export const stopFlashSaleAction = defineAction({ input: z.object({ storeId, saleId: id }), auth: ["SELLER"] }, async ({ storeId, saleId }, { actor }) => {
  await stopFlashSale(actor, storeId, saleId);
  return null;
});
