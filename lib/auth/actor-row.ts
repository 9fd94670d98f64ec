import "server-only";
// What an Actor is, read from the database: the columns every authenticated request selects
// (from "User" aliased u), in the same round trip as whatever else it reads.
import { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "./actor";

export const actorColumns = Prisma.sql`u.id AS "userId", u.role::text AS role, u.name, u.disabled,
  ARRAY(SELECT m."storeId" FROM "StoreMember" m WHERE m."userId" = u.id ORDER BY m."createdAt", m."storeId") AS "storeIds"`;

/** The columns of actorColumns; all null when the user row was not found (a LEFT JOIN). */
export type ActorRow = { userId: string | null; role: Actor["role"] | null; name: string | null; disabled: boolean | null; storeIds: string[] | null };

/** The actor, or null when there is no such user or they are disabled. */
export function actorFromRow(r: ActorRow): Actor | null {
  if (!r.userId || !r.role || r.disabled) return null;
  return { userId: r.userId, role: r.role, name: r.name ?? "", storeIds: r.storeIds ?? [] };
}
