"use server";
import { refresh } from "next/cache";
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { createGroup, deleteGroup, listPickableItems, renameGroup, reorderGroups, setGroupItems } from "@/lib/shelves/groups";

// Shapes only: lib/shelves validates the values and reports field errors itself.
const str = z.string();

export const createGroupAction = defineFormAction({ input: z.object({ storeId: str, name: str }), auth: ["SELLER"] }, async ({ storeId, name }, { actor }) => {
  const group = await createGroup(actor, storeId, { name });
  refresh();
  return group;
});

export const renameGroupAction = defineAction({ input: z.object({ groupId: str, name: str }), auth: ["SELLER"] }, async ({ groupId, name }, { actor }) => {
  await renameGroup(actor, groupId, { name });
  refresh();
  return null;
});

export const deleteGroupAction = defineAction({ input: z.object({ groupId: str }), auth: ["SELLER"] }, async ({ groupId }, { actor }) => {
  await deleteGroup(actor, groupId);
  refresh();
  return null;
});

export const reorderGroupsAction = defineAction({ input: z.object({ storeId: str, groupIds: z.array(str) }), auth: ["SELLER"] }, async ({ storeId, groupIds }, { actor }) => {
  await reorderGroups(actor, storeId, groupIds);
  refresh();
  return null;
});

export const setGroupItemsAction = defineAction(
  { input: z.object({ groupId: str, itemIds: z.array(str), expectedUpdatedAt: str.optional() }), auth: ["SELLER"] },
  async ({ groupId, itemIds, expectedUpdatedAt }, { actor }) => {
    const r = await setGroupItems(actor, groupId, itemIds, { expectedUpdatedAt });
    refresh();
    return r;
  },
);

export const searchPickableItemsAction = defineAction({ input: z.object({ storeId: str, q: str }), auth: ["SELLER"] }, async ({ storeId, q }, { actor }) =>
  listPickableItems(actor, storeId, { q, take: 50 }),
);
