"use server";
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { createCoupon, issueToPastBuyers, stopCoupon } from "@/lib/promotions/coupons";
import type { CouponInput } from "@/lib/promotions/schemas";

const storeId = z.string().trim().min(1).max(64);

// The form's fields go to the domain as typed (lib/promotions/schemas.ts checks them, with field errors).
export const createCouponAction = defineFormAction({ input: z.looseObject({ storeId }), auth: ["SELLER"] }, async ({ storeId, ...input }, { actor }) =>
  createCoupon(actor, storeId, { ...input, itemIds: Array.isArray(input.itemIds) ? input.itemIds : [] } as unknown as CouponInput),
);

export const stopCouponAction = defineAction(
  { input: z.object({ storeId, couponId: z.string().trim().min(1).max(64), voidClaimed: z.boolean() }), auth: ["SELLER"] },
  async ({ storeId, ...input }, { actor }) => stopCoupon(actor, storeId, input),
);

export const issueCouponAction = defineAction({ input: z.object({ storeId, couponId: z.string().trim().min(1).max(64) }), auth: ["SELLER"] }, async ({ storeId, couponId }, { actor }) =>
  issueToPastBuyers(actor, storeId, couponId),
);
