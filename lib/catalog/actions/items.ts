"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { createItem, setItemsStatus, updateItem } from "@/lib/catalog/items";
import { itemFields, itemsStatusInput, refineItem } from "@/lib/catalog/schemas";

const saveInput = itemFields
  .extend({
    storeId: z.string().min(1),
    /** Absent for a new item. */
    itemId: z.string().min(1).optional(),
    expectedVersion: z.number().int().optional(),
    putOnSale: z.boolean().default(false),
  })
  .superRefine(refineItem);

/** The item editor's save (and "save and put on sale"): one transaction either way. */
export const saveItemAction = defineAction({ input: saveInput, auth: ["SELLER"] }, async ({ storeId, itemId, expectedVersion, putOnSale, ...item }, { actor }) => {
  if (itemId) return updateItem(actor, itemId, item, expectedVersion ?? -1, { putOnSale });
  return createItem(actor, storeId, item, { putOnSale });
});

export const setItemsStatusAction = defineAction(
  { input: itemsStatusInput.extend({ storeId: z.string().min(1) }), auth: ["SELLER"] },
  async ({ storeId, itemIds, status }, { actor }) => setItemsStatus(actor, storeId, itemIds, status),
);
