import "server-only";
// Groups (分组): named, ordered lists of products that shelves show.
import { z } from "zod";
import { createGroup, deleteGroup, getGroup, listGroups, renameGroup, setGroupItems } from "@/lib/shelves/groups";
import { endpoint, type Endpoint } from "../../endpoint";
import { groupNameBody, groupParams, groupProductsBody, groupSchema, groupSummarySchema } from "../schemas";
import { groupJson, groupSummaryJson } from "../serialize";
import { caller, idempotent, withFieldNames } from "../support";

export const groupEndpoints: Endpoint[] = [
  endpoint({
    method: "GET",
    path: "/groups",
    operationId: "listGroups",
    tag: "Groups",
    summary: "List groups",
    description: "The store's groups in order, with product counts and whether the shelf shows them.",
    auth: true,
    responses: { 200: { description: "Every group.", schema: z.object({ groups: z.array(groupSummarySchema) }) } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      return { status: 200, body: { groups: (await listGroups(actor, storeId)).map(groupSummaryJson) } };
    },
  }),
  endpoint({
    method: "POST",
    path: "/groups",
    operationId: "createGroup",
    tag: "Groups",
    summary: "Create a group",
    description: "A new, empty group at the end of the list (up to 100 per store).",
    auth: true,
    idempotencyKey: "optional",
    body: groupNameBody,
    responses: { 201: { description: "Created.", schema: groupSchema } },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const created = await createGroup(actor, storeId, ctx.body as z.output<typeof groupNameBody>);
        return { status: 201, body: groupJson(await getGroup(actor, created.id)) };
      }),
  }),
  endpoint({
    method: "GET",
    path: "/groups/{groupId}",
    operationId: "getGroup",
    tag: "Groups",
    summary: "Get a group with its products",
    auth: true,
    params: groupParams,
    responses: { 200: { description: "The group.", schema: groupSchema }, 404: { description: "No such group in this store." } },
    handler: async (ctx) => {
      const { actor } = caller(ctx);
      return { status: 200, body: groupJson(await getGroup(actor, (ctx.params as z.output<typeof groupParams>).groupId)) };
    },
  }),
  endpoint({
    method: "PATCH",
    path: "/groups/{groupId}",
    operationId: "renameGroup",
    tag: "Groups",
    summary: "Rename a group",
    auth: true,
    idempotencyKey: "optional",
    params: groupParams,
    body: groupNameBody,
    responses: { 200: { description: "Renamed.", schema: groupSchema }, 404: { description: "No such group in this store." } },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor } = caller(ctx);
        const { groupId } = ctx.params as z.output<typeof groupParams>;
        await renameGroup(actor, groupId, ctx.body as z.output<typeof groupNameBody>);
        return { status: 200, body: groupJson(await getGroup(actor, groupId)) };
      }),
  }),
  endpoint({
    method: "PUT",
    path: "/groups/{groupId}/products",
    operationId: "setGroupProducts",
    tag: "Groups",
    summary: "Set a group's products",
    description: "Replaces the group's products with `productIds`, in that order. Every product must be this store's (any status).",
    auth: true,
    idempotencyKey: "optional",
    params: groupParams,
    body: groupProductsBody,
    responses: {
      200: { description: "Saved.", schema: groupSchema },
      404: { description: "No such group in this store." },
      409: { description: "STALE: the group changed since `expectedUpdatedAt`." },
    },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor } = caller(ctx);
        const { groupId } = ctx.params as z.output<typeof groupParams>;
        const b = ctx.body as z.output<typeof groupProductsBody>;
        await withFieldNames({ itemIds: "productIds", _form: "productIds" }, () => setGroupItems(actor, groupId, b.productIds, { expectedUpdatedAt: b.expectedUpdatedAt }));
        return { status: 200, body: groupJson(await getGroup(actor, groupId)) };
      }),
  }),
  endpoint({
    method: "DELETE",
    path: "/groups/{groupId}",
    operationId: "deleteGroup",
    tag: "Groups",
    summary: "Delete a group",
    description: "The products stay. A shelf section that shows the group shows nothing in its place, and publishing a draft that still refers to it is refused.",
    auth: true,
    idempotencyKey: "optional",
    params: groupParams,
    responses: { 200: { description: "Deleted.", schema: z.object({ id: z.string(), deleted: z.literal(true) }) }, 404: { description: "No such group in this store." } },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor } = caller(ctx);
        const { groupId } = ctx.params as z.output<typeof groupParams>;
        await deleteGroup(actor, groupId);
        return { status: 200, body: { id: groupId, deleted: true } };
      }),
  }),
];
