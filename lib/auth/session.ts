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
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, name: true, disabled: true, memberships: { select: { storeId: true } } },
  });
  if (!user || user.disabled) return null;
  return { userId: user.id, role: user.role, name: user.name, storeIds: user.memberships.map((m) => m.storeId) };
}
