import "server-only";
// A user's own notifications: the list (newest first, cursor paging), the unread badge.
// Everything here is scoped to the signed-in user; there is no way to name someone else's.
import { requireActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";
import { cleanParams, type NotificationItem } from "./format";
import { listNotificationsInput, type ListNotificationsInput } from "./schemas";

export const notificationSelect = { id: true, kind: true, params: true, link: true, readAt: true, createdAt: true } as const;

export function toItem(row: { id: bigint; kind: string; params: unknown; link: string; readAt: Date | null; createdAt: Date }): NotificationItem {
  return {
    id: row.id.toString(),
    kind: row.kind,
    params: cleanParams(row.params),
    link: row.link,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface NotificationPage {
  items: NotificationItem[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export async function listMyNotifications(actor: Actor | null, input: ListNotificationsInput = {}): Promise<NotificationPage> {
  const me = requireActor(actor);
  const q = parseInput(listNotificationsInput, input);
  const limit = q.limit ?? 30;
  const rows = await db.notification.findMany({
    where: { userId: me.userId, ...(q.before ? { id: { lt: BigInt(q.before) } } : {}), ...(q.unreadOnly ? { readAt: null } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
    select: notificationSelect,
  });
  const items = rows.slice(0, limit).map(toItem);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

export async function countMyUnread(actor: Actor | null): Promise<number> {
  const me = requireActor(actor);
  return db.notification.count({ where: { userId: me.userId, readAt: null } });
}

/** For the bell: the unread count and the newest id (where the live stream takes over). */
export async function getMyNotificationSummary(actor: Actor | null): Promise<{ unread: number; latestId: string }> {
  const me = requireActor(actor);
  const [unread, latest] = await Promise.all([
    db.notification.count({ where: { userId: me.userId, readAt: null } }),
    db.notification.findFirst({ where: { userId: me.userId }, orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  return { unread, latestId: latest?.id.toString() ?? "0" };
}
