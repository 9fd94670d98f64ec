import "server-only";
// Products (the dashboard's items): create, update, get, list by status, put on / take off sale.
import type { z } from "zod";
import { createItem, setItemsStatus, updateItem } from "@/lib/catalog/items";
import { getItemForEdit, listItems } from "@/lib/catalog/queries";
import { endpoint, type Endpoint } from "../../endpoint";
import {
  createProductBody,
  productListQuery,
  productListSchema,
  productParams,
  productSchema,
  setStatusBody,
  setStatusResult,
  updateProductBody,
} from "../schemas";
import { productJson, productSummaryJson } from "../serialize";
import { caller, idempotent, notFoundAs, withFieldNames } from "../support";

export const productEndpoints: Endpoint[] = [
  endpoint({
    method: "GET",
    path: "/products",
    operationId: "listProducts",
    tag: "Products",
    summary: "List products, optionally by status",
    description: "A page of the store's products, most recently changed first, with the count in each status.",
    auth: true,
    query: productListQuery,
    responses: { 200: { description: "One page.", schema: productListSchema } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      const q = ctx.query as z.output<typeof productListQuery>;
      const r = await listItems(actor, storeId, { status: q.status, page: q.page, pageSize: q.pageSize });
      return {
        status: 200,
        body: { products: r.rows.map(productSummaryJson), counts: r.counts, page: r.page, pageSize: r.pageSize, total: r.total, hasMore: r.page * r.pageSize < r.total },
      };
    },
  }),
  endpoint({
    method: "POST",
    path: "/products",
    operationId: "createProduct",
    tag: "Products",
    summary: "Create a product",
    description:
      "A new product with its SKU matrix, saved as a draft (or straight on sale with `putOnSale`). Initial stock is recorded in the stock ledger. All of it is saved, or nothing.",
    auth: true,
    idempotencyKey: "optional",
    body: createProductBody,
    responses: {
      201: { description: "Created.", schema: productSchema },
      409: { description: "INVALID_STATE: the store is not open, or (putOnSale) a suspended store cannot sell." },
    },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const { putOnSale, ...input } = ctx.body as z.output<typeof createProductBody>;
        const saved = await createItem(actor, storeId, input, { putOnSale });
        return { status: 201, body: productJson(await getItemForEdit(actor, saved.id)) };
      }),
  }),
  endpoint({
    method: "GET",
    path: "/products/{productId}",
    operationId: "getProduct",
    tag: "Products",
    summary: "Get a product",
    description: "Everything about one product, with each SKU's live stock and the `version` to send back when updating.",
    auth: true,
    params: productParams,
    responses: { 200: { description: "The product.", schema: productSchema }, 404: { description: "No such product in this store." } },
    handler: async (ctx) => {
      const { actor } = caller(ctx);
      const { productId } = ctx.params as z.output<typeof productParams>;
      return { status: 200, body: productJson(await notFoundAs("Product not found", () => getItemForEdit(actor, productId))) };
    },
  }),
  endpoint({
    method: "PUT",
    path: "/products/{productId}",
    operationId: "updateProduct",
    tag: "Products",
    summary: "Update a product",
    description:
      "Replaces the product's fields and SKU matrix. SKUs are matched by specKey: one that stays keeps its id and stock; a new combination is created with its `stock`; one that left is deactivated. A product on sale stays on sale (and must keep a main image). Send the `version` you read: a concurrent change makes this 409 STALE.",
    auth: true,
    idempotencyKey: "optional",
    params: productParams,
    body: updateProductBody,
    responses: {
      200: { description: "Saved; `version` moved on.", schema: productSchema },
      404: { description: "No such product in this store." },
      409: { description: "STALE: changed since you read it; INVALID_STATE: the store is not open." },
    },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor } = caller(ctx);
        const { productId } = ctx.params as z.output<typeof productParams>;
        const { version, putOnSale, ...input } = ctx.body as z.output<typeof updateProductBody>;
        await notFoundAs("Product not found", () => withFieldNames({ expectedVersion: "version" }, () => updateItem(actor, productId, input, version, { putOnSale })));
        return { status: 200, body: productJson(await getItemForEdit(actor, productId)) };
      }),
  }),
  endpoint({
    method: "POST",
    path: "/products/status",
    operationId: "setProductStatus",
    tag: "Products",
    summary: "Put products on sale or take them off sale",
    description:
      "Changes up to 200 products at once. Products that cannot change are listed in `failed` with the reason; the others still change. On sale needs an approved store, a main image and an active SKU.",
    auth: true,
    idempotencyKey: "optional",
    body: setStatusBody,
    responses: { 200: { description: "What changed.", schema: setStatusResult } },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const b = ctx.body as z.output<typeof setStatusBody>;
        const r = await withFieldNames({ itemIds: "productIds" }, () => setItemsStatus(actor, storeId, b.productIds, b.status));
        return { status: 200, body: { changed: r.changed, unchanged: r.unchanged, failed: r.failed.map((f) => ({ productId: f.itemId, reason: f.reason })) } };
      }),
  }),
];
