import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import type { Actor } from "./actor";
import { actorColumns, actorFromRow, type ActorRow } from "./actor-row";
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
  const [row] = await db.$queryRaw<ActorRow[]>`SELECT ${actorColumns} FROM "User" u WHERE u.id = ${userId}`;
  return row ? actorFromRow(row) : null;
}
