import "server-only";
// Creating notifications, inside the transaction of the change they report (so a rolled
// back change notifies nobody). Muted kinds are skipped. Each insert also raises a Postgres
// NOTIFY on channel "notifications" with the user's id, delivered at commit, which the live
// stream (lib/notifications/stream.ts) fans out to open pages on every app instance.
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { NOTIFICATION_KINDS, type NotificationKind } from "./kinds";

export const NOTIFY_CHANNEL = "notifications";

export interface NotifyInput {
  kind: NotificationKind;
  /** Values for the message template (plain strings and numbers). */
  params?: Record<string, string | number>;
  /** An app path, e.g. /seller/stores/<id>/orders/<orderId>. */
  link: string;
  subject?: { type: string; id: string };
}

export async function notifyUsers(tx: Tx, userIds: string[], n: NotifyInput): Promise<number> {
  if (!n.link.startsWith("/") || n.link.startsWith("//")) throw new Error(`notification link must be an app path: ${n.link}`);
  const ids = [...new Set(userIds)];
  if (!ids.length) return 0;
  const muted = NOTIFICATION_KINDS[n.kind].mutable
    ? new Set((await tx.notificationMute.findMany({ where: { userId: { in: ids }, kind: n.kind }, select: { userId: true } })).map((m) => m.userId))
    : new Set<string>();
  const recipients = ids.filter((id) => !muted.has(id));
  if (!recipients.length) return 0;
  await tx.notification.createMany({
    data: recipients.map((userId) => ({
      userId,
      kind: n.kind,
      params: (n.params ?? {}) as Prisma.InputJsonValue,
      link: n.link,
      subjectType: n.subject?.type ?? null,
      subjectId: n.subject?.id ?? null,
    })),
  });
  for (const userId of recipients) await tx.$executeRaw`SELECT pg_notify(${NOTIFY_CHANNEL}, ${userId})`;
  return recipients.length;
}

/** Every member of a store (but those in `except`, e.g. the member who caused it). */
export async function notifyStore(tx: Tx, storeId: string, n: NotifyInput, opts: { except?: (string | null | undefined)[] } = {}): Promise<number> {
  const except = new Set(opts.except?.filter(Boolean));
  const members = await tx.storeMember.findMany({ where: { storeId }, select: { userId: true } });
  return notifyUsers(tx, members.map((m) => m.userId).filter((id) => !except.has(id)), n);
}

/** Every (enabled) admin. */
export async function notifyAdmins(tx: Tx, n: NotifyInput): Promise<number> {
  const admins = await tx.user.findMany({ where: { role: "ADMIN", disabled: false }, select: { id: true } });
  return notifyUsers(tx, admins.map((a) => a.id), n);
}
