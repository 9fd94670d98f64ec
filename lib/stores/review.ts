import "server-only";
// Admin review of applications, and moderation of live stores.
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { notifyApplicationOutcome } from "@/lib/notifications/emit";
import { parseInput } from "@/lib/validation";
import { z } from "zod";
import { reasonInput } from "./schemas";
import { transitionStore, type StoreTransition } from "./state";

async function moderate(actor: Actor | null, storeId: string, transition: StoreTransition, reason?: string) {
  const admin = requireAdmin(actor);
  const why = reason === undefined ? undefined : parseInput(z.object({ reason: reasonInput }), { reason }).reason;
  const slug = await db.$transaction(async (tx) => {
    await transitionStore(tx, { storeId, transition, actorId: admin.userId, reason: why, review: transition === "APPROVE" || transition === "REJECT" });
    if (transition === "APPROVE" || transition === "REJECT") await notifyApplicationOutcome(tx, storeId, transition === "APPROVE" ? "APPROVED" : "REJECTED", why);
    return (await tx.store.findUniqueOrThrow({ where: { id: storeId }, select: { slug: true } })).slug;
  });
  invalidate(tags.store(storeId), tags.storeSlug(slug), tags.stores());
}

export const approveStore = (actor: Actor | null, storeId: string) => moderate(actor, storeId, "APPROVE");
export const rejectStore = (actor: Actor | null, storeId: string, reason: string) => moderate(actor, storeId, "REJECT", reason);
export const suspendStore = (actor: Actor | null, storeId: string, reason: string) => moderate(actor, storeId, "SUSPEND", reason);
export const reinstateStore = (actor: Actor | null, storeId: string) => moderate(actor, storeId, "REINSTATE");
