import "server-only";
// Orders: get, list by status and creation time, set delivery (ship), close an unpaid one.
// Shipping and closing go through the order state machine, so the order's event trail
// records them as the token's creator, exactly as from the dashboard.
import type { z } from "zod";
import { sellerCloseOrder, shipOrder } from "@/lib/orders/lifecycle";
import { endpoint, type Endpoint } from "../../endpoint";
import { getOrderForApi, listOrdersForApi } from "../queries";
import { deliveryBody, orderListQuery, orderListSchema, orderParams, orderSchema } from "../schemas";
import { orderJson } from "../serialize";
import { caller, idempotent, notFoundAs } from "../support";

export const orderEndpoints: Endpoint[] = [
  endpoint({
    method: "GET",
    path: "/orders",
    operationId: "listOrders",
    tag: "Orders",
    summary: "List orders by status and time",
    description: "A page of the store's orders, newest first, optionally by status and by when they were placed ([createdFrom, createdTo)). Use status=PAID for orders awaiting shipment.",
    auth: true,
    query: orderListQuery,
    responses: { 200: { description: "One page.", schema: orderListSchema } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      const q = ctx.query as z.output<typeof orderListQuery>;
      const r = await listOrdersForApi(
        actor,
        storeId,
        { status: q.status, createdFrom: q.createdFrom ? new Date(q.createdFrom) : undefined, createdTo: q.createdTo ? new Date(q.createdTo) : undefined },
        { page: q.page, pageSize: q.pageSize },
      );
      return { status: 200, body: { orders: r.orders.map(orderJson), page: q.page, pageSize: q.pageSize, total: r.total, hasMore: q.page * q.pageSize < r.total } };
    },
  }),
  endpoint({
    method: "GET",
    path: "/orders/{orderId}",
    operationId: "getOrder",
    tag: "Orders",
    summary: "Get an order",
    auth: true,
    params: orderParams,
    responses: { 200: { description: "The order.", schema: orderSchema }, 404: { description: "No such order in this store." } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      return { status: 200, body: orderJson(await getOrderForApi(actor, storeId, (ctx.params as z.output<typeof orderParams>).orderId)) };
    },
  }),
  endpoint({
    method: "POST",
    path: "/orders/{orderId}/delivery",
    operationId: "setDelivery",
    tag: "Orders",
    summary: "Set delivery: ship a paid order",
    description:
      "Records the carrier and tracking number and moves a PAID order to SHIPPED; the buyer is told, and receipt is confirmed automatically after the store's confirmation period unless the buyer confirms sooner.",
    auth: true,
    idempotencyKey: "optional",
    params: orderParams,
    body: deliveryBody,
    responses: {
      200: { description: "Shipped.", schema: orderSchema },
      404: { description: "No such order in this store." },
      409: { description: "INVALID_STATE: the order is not PAID (unpaid, already shipped, closed…)." },
    },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const { orderId } = ctx.params as z.output<typeof orderParams>;
        await shipOrder(actor, storeId, orderId, ctx.body as z.output<typeof deliveryBody>);
        return { status: 200, body: orderJson(await getOrderForApi(actor, storeId, orderId)) };
      }),
  }),
  endpoint({
    method: "POST",
    path: "/orders/{orderId}/close",
    operationId: "closeOrder",
    tag: "Orders",
    summary: "Close an unpaid order",
    description: "Cancels an order that is still waiting for payment (WeChat Pay is told first) and puts its stock back on sale.",
    auth: true,
    idempotencyKey: "optional",
    params: orderParams,
    responses: {
      200: { description: "Cancelled.", schema: orderSchema },
      404: { description: "No such order in this store." },
      409: { description: "INVALID_STATE: not unpaid, or it has just been paid." },
    },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const { orderId } = ctx.params as z.output<typeof orderParams>;
        await notFoundAs("Order not found", () => sellerCloseOrder(actor, storeId, orderId));
        return { status: 200, body: orderJson(await getOrderForApi(actor, storeId, orderId)) };
      }),
  }),
];
