"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { buyerCancelOrder, confirmReceipt } from "@/lib/orders/lifecycle";

const orderRef = z.object({ orderId: z.string().trim().min(1).max(64) });

/** The buyer cancels their unpaid order (its stock goes back on sale). */
export const cancelOrderAction = defineAction({ input: orderRef, auth: ["BUYER"] }, async ({ orderId }, { actor }) => {
  await buyerCancelOrder(actor, orderId);
  return null;
});

/** The buyer confirms a shipped order arrived. */
export const confirmReceiptAction = defineAction({ input: orderRef, auth: ["BUYER"] }, async ({ orderId }, { actor }) => {
  await confirmReceipt(actor, orderId);
  return null;
});
