"use server";
import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define";
import { setFeeRate } from "@/lib/payments/fee-rates";
import { retrySettlementAsAdmin } from "@/lib/payments/settlement";

export const setFeeRateAction = defineFormAction({ input: z.object({ scope: z.string().min(1).max(64), percent: z.string().max(16) }), auth: ["ADMIN"] }, async (input, { actor }) => {
  return setFeeRate(actor, input);
});

export const retrySettlementAction = defineFormAction({ input: z.object({ orderId: z.string().min(1).max(64) }), auth: ["ADMIN"] }, async ({ orderId }, { actor }) => {
  await retrySettlementAsAdmin(actor, orderId);
  return { orderId };
});
