"use server";
import { refresh } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define";
import { getShelfForEdit, previewShelfDraft, publishShelf, revertDraftToPublished, saveShelfDraft } from "@/lib/shelves/shelf";

// Shapes only: lib/shelves validates the shelf (with field errors by section path).
const str = z.string();
const expected = z.string().nullable().optional();

export const saveShelfDraftAction = defineAction(
  { input: z.object({ storeId: str, name: str, sections: z.array(z.unknown()), expectedDraftUpdatedAt: expected }), auth: ["SELLER"] },
  async ({ storeId, name, sections, expectedDraftUpdatedAt }, { actor }) => {
    const r = await saveShelfDraft(actor, storeId, { name, sections: sections as never }, { expectedDraftUpdatedAt });
    refresh();
    return r;
  },
);

export const publishShelfAction = defineAction(
  { input: z.object({ storeId: str, expectedDraftUpdatedAt: expected }), auth: ["SELLER"] },
  async ({ storeId, expectedDraftUpdatedAt }, { actor }) => {
    const r = await publishShelf(actor, storeId, { expectedDraftUpdatedAt });
    refresh();
    return r;
  },
);

export const revertShelfDraftAction = defineAction(
  { input: z.object({ storeId: str, version: z.number().int().optional() }), auth: ["SELLER"] },
  async ({ storeId, version }, { actor }) => {
    await revertDraftToPublished(actor, storeId, { version });
    refresh();
    // The editor replaces its working copy with the reverted draft.
    return getShelfForEdit(actor, storeId);
  },
);

export const previewShelfAction = defineAction({ input: z.object({ storeId: str, sections: z.array(z.unknown()).max(40) }), auth: ["SELLER"] }, async ({ storeId, sections }, { actor }) =>
  previewShelfDraft(actor, storeId, sections),
);
