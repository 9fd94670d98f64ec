import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import type { Actor } from "./actor";
import { getAuthOptions } from "./options";

/** The signed-in user, read fresh from the database once per request (role, stores, disabled). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(getAuthOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return loadActor(userId);
});

export async function loadActor(userId: string): Promise<Actor | null> {
  // One round trip (the user and their store memberships): every signed-in request pays it.
  const [user] = await db.$queryRaw<{ id: string; role: Actor["role"]; name: string; disabled: boolean; storeIds: string[] }[]>`
    SELECT u.id, u.role::text AS role, u.name, u.disabled,
           ARRAY(SELECT m."storeId" FROM "StoreMember" m WHERE m."userId" = u.id ORDER BY m."createdAt", m."storeId") AS "storeIds"
      FROM "User" u WHERE u.id = ${userId}`;
  if (!user || user.disabled) return null;
  return { userId: user.id, role: user.role, name: user.name, storeIds: user.storeIds };
}
