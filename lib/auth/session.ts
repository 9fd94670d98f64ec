import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import type { Actor } from "./actor";
import { actorColumns, actorFromRow, type ActorRow } from "./actor-row";
import { getAuthOptions } from "./options";

/**
 * The signed-in user, read fresh from the database once per request (role, stores, disabled),
 * or null: no session, or one that was ended (lib/auth/session-state.ts).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as { id?: string; sv?: number } | undefined;
  if (!user?.id) return null;
  const row = await actorRow(user.id);
  // next-auth's jwt callback checked the session against a cache up to a few seconds old; the
  // row read here anyway makes the check exact, at no cost.
  if (!row || row.sessionVersion !== (user.sv ?? 0)) return null;
  return actorFromRow(row);
});

async function actorRow(userId: string): Promise<(ActorRow & { sessionVersion: number }) | undefined> {
  // One round trip (the user and their store memberships): every signed-in request pays it.
  const [row] = await db.$queryRaw<(ActorRow & { sessionVersion: number })[]>`SELECT ${actorColumns}, u."sessionVersion" FROM "User" u WHERE u.id = ${userId}`;
  return row;
}

export async function loadActor(userId: string): Promise<Actor | null> {
  const row = await actorRow(userId);
  return row ? actorFromRow(row) : null;
}
