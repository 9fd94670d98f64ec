import "server-only";
// Per-user mute settings: which kinds of notification (of those that may be turned off) a
// user does not want. notifyUsers() skips muted kinds when it creates notifications.
import { requireActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { kindsForRole, mutableKindsForRole, NOTIFICATION_KINDS, type NotificationKind } from "./kinds";
import { muteSettingsInput, type MuteSettingsInput } from "./schemas";

export interface MuteSetting {
  kind: NotificationKind;
  /** False for kinds that always arrive (things the user must act on). */
  mutable: boolean;
  muted: boolean;
}

/** Every kind the user's role receives, with whether it is muted. */
export async function getMyMuteSettings(actor: Actor | null): Promise<MuteSetting[]> {
  const me = requireActor(actor);
  const rows = await db.notificationMute.findMany({ where: { userId: me.userId }, select: { kind: true } });
  const muted = new Set(rows.map((r) => r.kind));
  return kindsForRole(me.role).map((kind) => {
    const mutable = NOTIFICATION_KINDS[kind].mutable;
    return { kind, mutable, muted: mutable && muted.has(kind) };
  });
}

/** Replaces the user's muted kinds with `muted` (only kinds their role may mute). */
export async function setMyMutedKinds(actor: Actor | null, input: MuteSettingsInput): Promise<{ muted: NotificationKind[] }> {
  const me = requireActor(actor);
  const { muted } = parseInput(muteSettingsInput, input);
  const allowed = new Set<string>(mutableKindsForRole(me.role));
  const bad = muted.filter((k) => !allowed.has(k));
  if (bad.length) throw new AppError("VALIDATION", `These cannot be muted: ${bad.join(", ")}`, { fieldErrors: { muted: ["invalid"] } });
  const wanted = [...new Set(muted)] as NotificationKind[];
  await db.$transaction(async (tx) => {
    await tx.notificationMute.deleteMany({ where: { userId: me.userId, kind: { notIn: wanted } } });
    if (wanted.length) await tx.notificationMute.createMany({ data: wanted.map((kind) => ({ userId: me.userId, kind })), skipDuplicates: true });
  });
  return { muted: wanted };
}
