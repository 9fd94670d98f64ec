"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { claimCoupon } from "@/lib/promotions/coupons";

/** A buyer claims one of a store's public coupons (from its home or item pages). */
export const claimCouponAction = defineAction({ input: z.object({ couponId: z.string().trim().min(1).max(64) }), auth: ["BUYER"] }, async ({ couponId }, { actor }) => {
  const c = await claimCoupon(actor, couponId);
  return { claimId: c.claimId, validUntil: c.validUntil.toISOString() };
});
