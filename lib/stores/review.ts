import "server-only";
// Admin review of applications, and moderation of live stores.
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { notifyApplicationOutcome } from "@/lib/notifications/emit";
import { log } from "@/lib/log";
import { writeAudit } from "@/lib/protection/audit";
import { parseInput } from "@/lib/validation";
import { bindStorePayments, startBinding } from "./payments";
import { z } from "zod";
import { reasonInput } from "./schemas";
import { transitionStore, type StoreTransition } from "./state";

const STORE_AUDIT = { APPROVE: "STORE_APPROVE", REJECT: "STORE_REJECT", SUSPEND: "STORE_SUSPEND", REINSTATE: "STORE_REINSTATE" } as const;

async function moderate(actor: Actor | null, storeId: string, transition: Exclude<StoreTransition, "RESUBMIT">, reason?: string, opts: { bindNow?: boolean } = {}) {
  const admin = requireAdmin(actor);
  const why = reason === undefined ? undefined : parseInput(z.object({ reason: reasonInput }), { reason }).reason;
  const slug = await db.$transaction(async (tx) => {
    await transitionStore(tx, { storeId, transition, actorId: admin.userId, reason: why, review: transition === "APPROVE" || transition === "REJECT" });
    // Every admin decision is in the audit log (/admin/audit), in the same transaction.
    await writeAudit(tx, { actorId: admin.userId, action: STORE_AUDIT[transition], subjectType: "Store", subjectId: storeId, reason: why });
    if (transition === "APPROVE" || transition === "REJECT") await notifyApplicationOutcome(tx, storeId, transition === "APPROVE" ? "APPROVED" : "REJECTED", why);
    // Approval binds the store's merchant id as the platform's sub-merchant (lib/stores/payments.ts).
    if (transition === "APPROVE") await startBinding(tx, storeId);
    return (await tx.store.findUniqueOrThrow({ where: { id: storeId }, select: { slug: true } })).slug;
  });
  invalidate(tags.store(storeId), tags.storeSlug(slug), tags.stores());
  if (transition === "APPROVE" && opts.bindNow !== false) {
    // Right away, so the admin sees the outcome; the queued job retries if WeChat Pay is unreachable.
    await bindStorePayments(storeId, { onboard: true }).catch((e) => log.warn("store payments binding will be retried", { storeId, error: e }));
  }
}

/** `bindNow: false` leaves the payment-account check to its job (the demo seed: the server is not serving its sandbox yet). */
export const approveStore = (actor: Actor | null, storeId: string, opts: { bindNow?: boolean } = {}) => moderate(actor, storeId, "APPROVE", undefined, opts);
export const rejectStore = (actor: Actor | null, storeId: string, reason: string) => moderate(actor, storeId, "REJECT", reason);
export const suspendStore = (actor: Actor | null, storeId: string, reason: string) => moderate(actor, storeId, "SUSPEND", reason);
export const reinstateStore = (actor: Actor | null, storeId: string) => moderate(actor, storeId, "REINSTATE");
