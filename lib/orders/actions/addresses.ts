"use server";
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { deleteAddress, saveAddress } from "@/lib/orders/addresses";
import { addressInput } from "@/lib/orders/schemas";
import { getMyAddress } from "@/lib/orders/views";

const id = z.string().trim().min(1).max(64);

/** Adds an address to the buyer's book, or edits one (id); "makeDefault" makes it the default. */
export const saveAddressAction = defineFormAction(
  { input: addressInput.extend({ id: id.optional().or(z.literal("").transform(() => undefined)), makeDefault: z.literal("on").optional() }), auth: ["BUYER"] },
  async ({ id, makeDefault, ...address }, { actor }) => {
    const saved = await saveAddress(actor, { ...address, id, makeDefault: makeDefault === "on" });
    return { id: saved.id };
  },
);

export const deleteAddressAction = defineAction({ input: z.object({ id }), auth: ["BUYER"] }, async ({ id }, { actor }) => {
  await deleteAddress(actor, id);
  return null;
});

export const setDefaultAddressAction = defineAction({ input: z.object({ id }), auth: ["BUYER"] }, async ({ id }, { actor }) => {
  const { id: _id, isDefault: _d, ...address } = await getMyAddress(actor, id);
  await saveAddress(actor, { ...address, id, makeDefault: true });
  return null;
});
