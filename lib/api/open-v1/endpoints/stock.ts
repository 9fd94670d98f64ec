import "server-only";
// Stock: add or reduce a quantity for one SKU (WeChat's stock/add and stock/reduce). Every
// change is a guarded update plus a stock-ledger entry (reason API_ADJUSTMENT, acting as the
// token's creator, the note naming the token), as in the dashboard.
import type { z } from "zod";
import { apiAdjustStock } from "@/lib/catalog/stock";
import { ITEM_LIMITS } from "@/lib/catalog/schemas";
import { endpoint, type Endpoint } from "../../endpoint";
import { findSkuForApi, tokenLabel } from "../queries";
import { stockBody, stockResult } from "../schemas";
import { caller, idempotent, withFieldNames } from "../support";

function stockEndpoint(direction: "add" | "reduce"): Endpoint {
  return endpoint({
    method: "POST",
    path: `/stock/${direction}`,
    operationId: direction === "add" ? "addStock" : "reduceStock",
    tag: "Stock",
    summary: direction === "add" ? "Add stock to a SKU" : "Reduce a SKU's stock",
    description:
      (direction === "add"
        ? "Adds `quantity` units to one SKU (a delivery, a recount)."
        : "Takes `quantity` units out of one SKU (damaged goods, sold elsewhere). Stock never goes below zero: asking for more than is there changes nothing and answers 409 INSUFFICIENT_STOCK with `details.available`.") +
      " Name the SKU by `skuId`, or by `productId` and `specKey`. Recorded in the stock ledger as API_ADJUSTMENT with the token's name. Send an Idempotency-Key so a retried request is applied once.",
    auth: true,
    idempotencyKey: "optional",
    body: stockBody,
    responses: {
      200: { description: "The SKU's new stock.", schema: stockResult },
      404: { description: "No such SKU in this store." },
      409: { description: direction === "reduce" ? "INSUFFICIENT_STOCK (details: skuId, available); INVALID_STATE: the store is not open." : "INVALID_STATE: the store is not open." },
    },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId, tokenId } = caller(ctx);
        const b = ctx.body as z.output<typeof stockBody>;
        const sku = await findSkuForApi(actor, storeId, b);
        const label = `Open API · ${await tokenLabel(tokenId)}`;
        const note = (b.note ? `${label}: ${b.note}` : label).slice(0, ITEM_LIMITS.stockNote);
        const delta = direction === "add" ? b.quantity : -b.quantity;
        const { stock } = await withFieldNames({ delta: "quantity" }, () => apiAdjustStock(actor, storeId, { skuId: sku.id, delta, note }));
        return { status: 200, body: { skuId: sku.id, productId: sku.itemId, specKey: sku.specKey, stock } };
      }),
  });
}

export const stockEndpoints: Endpoint[] = [stockEndpoint("add"), stockEndpoint("reduce")];
