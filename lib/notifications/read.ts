import "server-only";
// Marking one's own notifications read. Another user's notification is NOT_FOUND, exactly
// like one that does not exist. Each change also pings the live stream so every open page
// of the user updates its badge.
import { requireActor, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { NOTIFY_CHANNEL } from "./notify";
import { markAllReadInput, markReadInput, type MarkAllReadInput } from "./schemas";

async function ping(tx: Tx, userId: string) {
  await tx.$executeRaw`SELECT pg_notify(${NOTIFY_CHANNEL}, ${userId})`;
}

/** Marks one notification read (already read: nothing changes). */
export async function markNotificationRead(actor: Actor | null, input: { id: string }): Promise<void> {
  const me = requireActor(actor);
  const { id } = parseInput(markReadInput, input);
  await db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({ where: { id: BigInt(id), userId: me.userId, readAt: null }, data: { readAt: new Date() } });
    if (count === 0) {
      const own = await tx.notification.findFirst({ where: { id: BigInt(id), userId: me.userId }, select: { id: true } });
      if (!own) throw new AppError("NOT_FOUND", "Notification not found");
      return;
    }
    await ping(tx, me.userId);
  });
}

/** Marks every unread notification read (up to `upTo`, the newest one the user has seen). Returns how many. */
export async function markAllNotificationsRead(actor: Actor | null, input: MarkAllReadInput = {}): Promise<{ count: number }> {
  const me = requireActor(actor);
  const { upTo } = parseInput(markAllReadInput, input);
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId: me.userId, readAt: null, ...(upTo ? { id: { lte: BigInt(upTo) } } : {}) },
      data: { readAt: new Date() },
    });
    if (count) await ping(tx, me.userId);
    return { count };
  });
}
