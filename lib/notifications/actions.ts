"use server";
// The notification centre's actions, for every role: each acts only on the signed-in
// user's own notifications and settings.
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { requireActor } from "@/lib/auth/actor";
import { mutableKindsForRole } from "@/lib/notifications/kinds";
import { setMyMutedKinds } from "@/lib/notifications/mutes";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/read";
import { markAllReadInput, markReadInput } from "@/lib/notifications/schemas";

export const markNotificationReadAction = defineAction({ input: markReadInput, auth: "signedIn" }, async ({ id }, { actor }) => {
  await markNotificationRead(actor, { id });
  return null;
});

export const markAllNotificationsReadAction = defineAction({ input: markAllReadInput, auth: "signedIn" }, async (input, { actor }) => markAllNotificationsRead(actor, input));

/** The settings form sends the kinds left switched on (`enabled[]`); the rest of the mutable ones are muted. */
export const saveNotificationSettingsAction = defineFormAction(
  { input: z.object({ enabled: z.array(z.string().trim().max(64)).max(64).optional() }), auth: "signedIn" },
  async ({ enabled }, { actor }) => {
    const on = new Set(enabled ?? []);
    const muted = mutableKindsForRole(requireActor(actor).role).filter((k) => !on.has(k));
    return setMyMutedKinds(actor, { muted });
  },
);
