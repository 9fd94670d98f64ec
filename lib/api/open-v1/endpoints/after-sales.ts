import "server-only";
// After-sale requests (售后) buyers opened on the store's orders: list and get (read-only here;
// answering them happens in the dashboard).
import type { z } from "zod";
import { endpoint, type Endpoint } from "../../endpoint";
import { getAfterSaleForApi, listAfterSalesForApi } from "../queries";
import { afterSaleListQuery, afterSaleListSchema, afterSaleParams, afterSaleSchema } from "../schemas";
import { afterSaleJson } from "../serialize";
import { caller } from "../support";

export const afterSaleEndpoints: Endpoint[] = [
  endpoint({
    method: "GET",
    path: "/after-sales",
    operationId: "listAfterSales",
    tag: "After-sales",
    summary: "List after-sale requests",
    description: "A page of the store's after-sale requests, newest first, optionally by status, order and when they were opened. AWAITING_SELLER ones need your answer by `sellerDueAt`.",
    auth: true,
    query: afterSaleListQuery,
    responses: { 200: { description: "One page.", schema: afterSaleListSchema } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      const q = ctx.query as z.output<typeof afterSaleListQuery>;
      const r = await listAfterSalesForApi(
        actor,
        storeId,
        { status: q.status, orderId: q.orderId, createdFrom: q.createdFrom ? new Date(q.createdFrom) : undefined, createdTo: q.createdTo ? new Date(q.createdTo) : undefined },
        { page: q.page, pageSize: q.pageSize },
      );
      return { status: 200, body: { afterSales: r.afterSales.map(afterSaleJson), page: q.page, pageSize: q.pageSize, total: r.total, hasMore: q.page * q.pageSize < r.total } };
    },
  }),
  endpoint({
    method: "GET",
    path: "/after-sales/{afterSaleId}",
    operationId: "getAfterSale",
    tag: "After-sales",
    summary: "Get an after-sale request",
    auth: true,
    params: afterSaleParams,
    responses: { 200: { description: "The request.", schema: afterSaleSchema }, 404: { description: "No such request in this store." } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      return { status: 200, body: afterSaleJson(await getAfterSaleForApi(actor, storeId, (ctx.params as z.output<typeof afterSaleParams>).afterSaleId)) };
    },
  }),
];
