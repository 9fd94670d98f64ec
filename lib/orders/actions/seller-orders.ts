"use server";
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { sellerCloseOrder, shipOrder } from "@/lib/orders/lifecycle";
import { shipInput } from "@/lib/orders/schemas";

const ref = { storeId: z.string().trim().min(1).max(64), orderId: z.string().trim().min(1).max(64) };

/** Ships a paid order with a carrier and tracking number. */
export const shipOrderAction = defineFormAction({ input: shipInput.extend(ref), auth: ["SELLER"] }, async ({ storeId, orderId, ...shipment }, { actor }) => {
  await shipOrder(actor, storeId, orderId, shipment);
  return null;
});

/** Closes an unpaid order of the store (WeChat Pay is told first; its stock goes back on sale). */
export const closeOrderAction = defineAction({ input: z.object(ref), auth: ["SELLER"] }, async ({ storeId, orderId }, { actor }) => {
  await sellerCloseOrder(actor, storeId, orderId);
  return null;
});
