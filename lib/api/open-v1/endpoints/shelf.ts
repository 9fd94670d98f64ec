import "server-only";
// The shelf (货架): the store's home page. A draft is saved, then published as a numbered
// version buyers see.
import { z } from "zod";
import { getShelfForEdit, publishShelf, saveShelfDraft } from "@/lib/shelves/shelf";
import { readStoredSections } from "@/lib/shelves/schemas";
import { endpoint, type Endpoint } from "../../endpoint";
import { getPublishedShelfForApi } from "../queries";
import { publishBody, shelfDraftBody, shelfSchema } from "../schemas";
import { caller, idempotent } from "../support";

async function shelfJson(ctx: Parameters<typeof caller>[0]): Promise<z.infer<typeof shelfSchema>> {
  const { actor, storeId } = caller(ctx);
  const [draft, published] = await Promise.all([getShelfForEdit(actor, storeId), getPublishedShelfForApi(actor, storeId)]);
  return {
    draft: { name: draft.name, sections: draft.sections, draftUpdatedAt: draft.draftUpdatedAt, hasUnpublishedChanges: draft.hasUnpublishedChanges, problems: draft.problems },
    published: published
      ? { version: published.version, name: published.name, sections: readStoredSections(published.sections), publishedAt: published.publishedAt.toISOString() }
      : null,
  };
}

export const shelfEndpoints: Endpoint[] = [
  endpoint({
    method: "GET",
    path: "/shelf",
    operationId: "getShelf",
    tag: "Shelf",
    summary: "Get the shelf: draft and published",
    auth: true,
    responses: { 200: { description: "The draft (what you edit) and the published version (what buyers see).", schema: shelfSchema } },
    handler: async (ctx) => ({ status: 200, body: await shelfJson(ctx) }),
  }),
  endpoint({
    method: "PUT",
    path: "/shelf/draft",
    operationId: "saveShelfDraft",
    tag: "Shelf",
    summary: "Save the shelf draft",
    description: "Validates the sections and that every group and image is this store's. Buyers see nothing of it until you publish.",
    auth: true,
    idempotencyKey: "optional",
    body: shelfDraftBody,
    responses: { 200: { description: "Saved.", schema: shelfSchema }, 409: { description: "STALE: the draft changed since `expectedDraftUpdatedAt`." } },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const { expectedDraftUpdatedAt, ...input } = ctx.body as z.output<typeof shelfDraftBody>;
        await saveShelfDraft(actor, storeId, input, { expectedDraftUpdatedAt });
        return { status: 200, body: await shelfJson(ctx) };
      }),
  }),
  endpoint({
    method: "POST",
    path: "/shelf/publish",
    operationId: "publishShelf",
    tag: "Shelf",
    summary: "Publish the shelf draft",
    description:
      "Publishes the saved draft as the next version, which buyers see at once. The draft is checked again (a group deleted since the save is reported, not skipped); an empty shelf is refused. Publishing a draft identical to the live version changes nothing (`unchanged: true`).",
    auth: true,
    idempotencyKey: "optional",
    body: publishBody.default({}),
    responses: {
      200: { description: "Published (or already live).", schema: z.object({ version: z.number().int(), unchanged: z.boolean() }) },
      409: { description: "STALE or INVALID_STATE (the store is not open)." },
      422: { description: "The draft is empty or refers to groups or images that are gone (fieldErrors by section path)." },
    },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const b = ctx.body as z.output<typeof publishBody>;
        return { status: 200, body: await publishShelf(actor, storeId, { expectedDraftUpdatedAt: b.expectedDraftUpdatedAt }) };
      }),
  }),
];
