import "server-only";
// The store onboarding/moderation state machine: the only place a store's status changes.
import type { Tx } from "@/lib/db/client";
import type { StoreStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

export type StoreTransition = "RESUBMIT" | "APPROVE" | "REJECT" | "SUSPEND" | "REINSTATE";

const transitions: Record<StoreTransition, { from: StoreStatus[]; to: StoreStatus; needsReason: boolean }> = {
  RESUBMIT: { from: ["REJECTED"], to: "PENDING", needsReason: false },
  APPROVE: { from: ["PENDING"], to: "APPROVED", needsReason: false },
  REJECT: { from: ["PENDING"], to: "REJECTED", needsReason: true },
  SUSPEND: { from: ["APPROVED"], to: "SUSPENDED", needsReason: true },
  REINSTATE: { from: ["SUSPENDED"], to: "APPROVED", needsReason: false },
};

export function canTransition(from: StoreStatus, t: StoreTransition) {
  return transitions[t].from.includes(from);
}

/**
 * Moves a store from its current status, guarded: the UPDATE matches only the expected
 * status, so two admins acting at once cannot both succeed. Writes the event trail.
 */
export async function transitionStore(
  tx: Tx,
  opts: { storeId: string; transition: StoreTransition; actorId: string; reason?: string; review?: boolean },
): Promise<StoreStatus> {
  const rule = transitions[opts.transition];
  if (rule.needsReason && !opts.reason) throw new AppError("VALIDATION", "A reason is required.", { fieldErrors: { reason: ["reasonRequired"] } });
  const current = await tx.store.findUnique({ where: { id: opts.storeId }, select: { status: true } });
  if (!current) throw new AppError("NOT_FOUND", "Store not found");
  if (!rule.from.includes(current.status)) {
    throw new AppError("INVALID_STATE", `Cannot ${opts.transition.toLowerCase()} a ${current.status.toLowerCase()} store.`);
  }
  const now = new Date();
  const { count } = await tx.store.updateMany({
    where: { id: opts.storeId, status: current.status },
    data: {
      status: rule.to,
      statusReason: rule.needsReason ? opts.reason : null,
      ...(opts.review ? { reviewedAt: now, reviewedById: opts.actorId } : {}),
      ...(opts.transition === "RESUBMIT" ? { submittedAt: now, reviewedAt: null, reviewedById: null } : {}),
    },
  });
  if (count !== 1) throw new AppError("INVALID_STATE", "The store changed meanwhile; reload and try again.");
  await tx.storeEvent.create({
    data: { storeId: opts.storeId, type: opts.transition, fromStatus: current.status, toStatus: rule.to, reason: opts.reason ?? null, actorId: opts.actorId },
  });
  return rule.to;
}
