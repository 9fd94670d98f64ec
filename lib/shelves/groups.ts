import "server-only";
// Groups (分组): a named, ordered list of a store's items. The storefront shows only the
// on-sale ones; here every status is allowed so a seller can prepare a group in advance.
import { requireStoreMember, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db, type Tx } from "@/lib/db/client";
import type { ItemStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { likeLiteral } from "@/lib/storefront/search";
import { parseInput } from "@/lib/validation";
import { lockStore, requireGroupMember } from "./access";
import { createGroupInput, GROUP_LIMITS, groupIdsInput, groupItemIdsInput, groupRefs, readStoredSections, renameGroupInput } from "./schemas";

export interface GroupSummary {
  id: string;
  name: string;
  position: number;
  itemCount: number;
  onSaleCount: number;
  /** Whether the shelf's draft / its published version shows this group (deleting it would leave a gap). */
  inShelfDraft: boolean;
  inPublishedShelf: boolean;
}

export interface GroupItemRow {
  id: string;
  title: string;
  status: ItemStatus;
  mainImageId: string | null;
  priceMinFen: number;
  priceMaxFen: number;
}

export interface GroupDetail {
  id: string;
  storeId: string;
  name: string;
  position: number;
  /** The editor sends it back so a concurrent edit is detected instead of overwritten. */
  updatedAt: string;
  items: GroupItemRow[];
}

const itemRow = { id: true, title: true, status: true, mainImageId: true, priceMinFen: true, priceMaxFen: true } as const;

function nameTaken(): AppError {
  return new AppError("VALIDATION", "A group with that name exists.", { fieldErrors: { name: ["groupNameTaken"] } });
}

async function assertNameFree(tx: Tx, storeId: string, name: string, exceptId?: string) {
  const clash = await tx.group.findFirst({
    where: { storeId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameTaken();
}

/** A new, empty group at the end of the store's list. */
export async function createGroup(actor: Actor | null, storeId: string, input: { name: string }): Promise<{ id: string; name: string; position: number }> {
  requireStoreMember(actor, storeId);
  const { name } = parseInput(createGroupInput, input);
  const group = await db.$transaction(async (tx) => {
    await lockStore(tx, storeId);
    const agg = await tx.group.aggregate({ where: { storeId }, _count: { _all: true }, _max: { position: true } });
    if (agg._count._all >= GROUP_LIMITS.groupsPerStore) {
      throw new AppError("VALIDATION", "Too many groups.", { fieldErrors: { name: ["groupsTooMany"] } });
    }
    await assertNameFree(tx, storeId, name);
    return tx.group.create({ data: { storeId, name, position: (agg._max.position ?? -1) + 1 }, select: { id: true, name: true, position: true } });
  });
  invalidate(tags.store(storeId));
  return group;
}

export async function renameGroup(actor: Actor | null, groupId: string, input: { name: string }): Promise<void> {
  const { storeId } = await requireGroupMember(actor, groupId);
  const { name } = parseInput(renameGroupInput, input);
  await db.$transaction(async (tx) => {
    await lockStore(tx, storeId);
    await assertNameFree(tx, storeId, name, groupId);
    const { count } = await tx.group.updateMany({ where: { id: groupId, storeId }, data: { name } });
    if (count !== 1) throw new AppError("NOT_FOUND", "Group not found");
  });
  invalidate(tags.store(storeId));
}

/**
 * Deletes a group (its item links go with it; the items stay). A shelf that still refers
 * to it shows nothing in its place, and publishing a draft that refers to it is refused.
 */
export async function deleteGroup(actor: Actor | null, groupId: string): Promise<void> {
  const { storeId } = await requireGroupMember(actor, groupId);
  await db.$transaction(async (tx) => {
    await lockStore(tx, storeId);
    const { count } = await tx.group.deleteMany({ where: { id: groupId, storeId } });
    if (count !== 1) throw new AppError("NOT_FOUND", "Group not found");
  });
  invalidate(tags.store(storeId));
}

/** Sets the order of all the store's groups; `groupIds` must list each of them exactly once. */
export async function reorderGroups(actor: Actor | null, storeId: string, groupIds: string[]): Promise<void> {
  requireStoreMember(actor, storeId);
  const ids = parseInput(groupIdsInput, groupIds);
  await db.$transaction(async (tx) => {
    await lockStore(tx, storeId);
    const current = await tx.group.findMany({ where: { storeId }, select: { id: true } });
    const given = new Set(ids);
    // A group added or deleted meanwhile (or a foreign id): the list on screen is out of date.
    if (given.size !== ids.length || current.length !== ids.length || current.some((g) => !given.has(g.id))) {
      throw new AppError("STALE", "The groups changed meanwhile; reload and try again.");
    }
    for (const [position, id] of ids.entries()) await tx.group.update({ where: { id }, data: { position } });
  });
  invalidate(tags.store(storeId));
}

/**
 * Replaces a group's items with `itemIds`, in that order. Every item must belong to the
 * group's store (any status). With `expectedUpdatedAt` (from getGroup) a concurrent edit is
 * refused as STALE instead of overwritten.
 */
export async function setGroupItems(actor: Actor | null, groupId: string, itemIds: string[], opts: { expectedUpdatedAt?: string } = {}): Promise<{ updatedAt: string }> {
  const { storeId } = await requireGroupMember(actor, groupId);
  const ids = parseInput(groupItemIdsInput, itemIds);
  // A version that is not a time is bad input (it was a 500), not a stale edit.
  const expected = opts.expectedUpdatedAt ? new Date(opts.expectedUpdatedAt) : null;
  if (expected && Number.isNaN(expected.getTime())) throw new AppError("VALIDATION", "expectedUpdatedAt is not a time.", { fieldErrors: { expectedUpdatedAt: ["invalid"] } });
  const updatedAt = await db.$transaction(async (tx) => {
    const now = new Date();
    // The compare-and-set also row-locks the group until commit: concurrent saves queue up.
    const { count } = await tx.group.updateMany({
      where: { id: groupId, storeId, ...(expected ? { updatedAt: expected } : {}) },
      data: { updatedAt: now },
    });
    if (count !== 1) {
      const exists = await tx.group.findUnique({ where: { id: groupId }, select: { id: true } });
      if (!exists) throw new AppError("NOT_FOUND", "Group not found");
      throw new AppError("STALE", "The group changed meanwhile; reload and try again.");
    }
    if (ids.length) {
      const found = await tx.item.findMany({ where: { id: { in: ids }, storeId }, select: { id: true } });
      if (found.length !== ids.length) throw new AppError("VALIDATION", "Unknown item.", { fieldErrors: { itemIds: ["itemUnknown"] } });
    }
    await tx.groupItem.deleteMany({ where: { groupId } });
    if (ids.length) await tx.groupItem.createMany({ data: ids.map((itemId, position) => ({ groupId, itemId, position })) });
    return now;
  });
  invalidate(tags.store(storeId));
  return { updatedAt: updatedAt.toISOString() };
}

/** The store's groups in order, with item counts and whether the shelf uses them. */
export async function listGroups(actor: Actor | null, storeId: string): Promise<GroupSummary[]> {
  requireStoreMember(actor, storeId);
  const [groups, shelf] = await Promise.all([
    db.group.findMany({
      where: { storeId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        name: true,
        position: true,
        _count: { select: { items: true } },
      },
    }),
    db.shelf.findUnique({ where: { storeId }, select: { id: true, draft: true, publishedVersion: true } }),
  ]);
  // Filtered relation counts in one grouped query rather than one per group.
  const onSale = groups.length
    ? await db.groupItem.groupBy({ by: ["groupId"], where: { groupId: { in: groups.map((g) => g.id) }, item: { status: "ON_SALE" } }, _count: { _all: true } })
    : [];
  const onSaleBy = new Map(onSale.map((r) => [r.groupId, r._count._all]));
  const draftRefs = new Set(shelf ? groupRefs(readStoredSections(shelf.draft)).map((r) => r.groupId) : []);
  let publishedRefs = new Set<string>();
  if (shelf?.publishedVersion != null) {
    const v = await db.shelfVersion.findUnique({ where: { shelfId_version: { shelfId: shelf.id, version: shelf.publishedVersion } }, select: { sections: true } });
    publishedRefs = new Set(v ? groupRefs(readStoredSections(v.sections)).map((r) => r.groupId) : []);
  }
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    position: g.position,
    itemCount: g._count.items,
    onSaleCount: onSaleBy.get(g.id) ?? 0,
    inShelfDraft: draftRefs.has(g.id),
    inPublishedShelf: publishedRefs.has(g.id),
  }));
}

/** One group with its items in order (any status: the seller sees what buyers will not). */
export async function getGroup(actor: Actor | null, groupId: string): Promise<GroupDetail> {
  await requireGroupMember(actor, groupId);
  const group = await db.group.findUnique({
    where: { id: groupId },
    select: {
      id: true,
      storeId: true,
      name: true,
      position: true,
      updatedAt: true,
      items: { orderBy: { position: "asc" }, select: { item: { select: itemRow } } },
    },
  });
  if (!group) throw new AppError("NOT_FOUND", "Group not found");
  return { ...group, updatedAt: group.updatedAt.toISOString(), items: group.items.map((gi) => gi.item) };
}

/** The store's items for the group editor's picker: newest first, optionally filtered by title. */
export async function listPickableItems(actor: Actor | null, storeId: string, opts: { q?: string; take?: number } = {}): Promise<GroupItemRow[]> {
  requireStoreMember(actor, storeId);
  const q = typeof opts.q === "string" ? opts.q.trim().slice(0, 50) : "";
  return db.item.findMany({
    where: { storeId, ...(q ? { title: { contains: likeLiteral(q), mode: "insensitive" } } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: Math.min(Math.max(opts.take ?? 50, 1), 100),
    select: itemRow,
  });
}
