"use server";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { adjustStockInput, setStockLevelInput } from "@/lib/catalog/schemas";
import { adjustStock, setStockLevel } from "@/lib/catalog/stock";

export const adjustStockAction = defineAction(
  { input: adjustStockInput.extend({ storeId: z.string().min(1) }), auth: ["SELLER"] },
  async ({ storeId, ...input }, { actor }) => adjustStock(actor, storeId, input),
);

export const setStockLevelAction = defineAction(
  { input: setStockLevelInput.extend({ storeId: z.string().min(1) }), auth: ["SELLER"] },
  async ({ storeId, ...input }, { actor }) => setStockLevel(actor, storeId, input),
);
