import "server-only";
// Shared authorisation and locking for groups and shelves.
import { requireActor, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** The group's store, when the actor is a member of it; NOT_FOUND for anyone else (and for no such group). */
export async function requireGroupMember(actor: Actor | null, groupId: string): Promise<{ actor: Actor; storeId: string }> {
  const a = requireActor(actor);
  if (a.role !== "SELLER") throw new AppError("NOT_FOUND", "Group not found");
  const group = typeof groupId === "string" && groupId ? await db.group.findUnique({ where: { id: groupId }, select: { storeId: true } }) : null;
  if (!group) throw new AppError("NOT_FOUND", "Group not found");
  requireStoreMember(a, group.storeId, "Group not found");
  return { actor: a, storeId: group.storeId };
}

/**
 * Serialises writes that read-then-write a store's groups or shelf (positions, name
 * uniqueness, version numbers, lazily created rows) by locking the store's row.
 */
export async function lockStore(tx: Tx, storeId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Store" WHERE "id" = ${storeId} FOR UPDATE`;
  if (rows.length !== 1) throw new AppError("NOT_FOUND", "Store not found");
}
