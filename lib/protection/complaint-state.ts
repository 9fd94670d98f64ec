import "server-only";
// The complaint (platform arbitration) state machine: the only place a complaint's status
// changes. Guarded like the request's: a conditional UPDATE on the expected status, an event
// in the case trail, and the evidence deadline's timer, in the caller's transaction (which
// has locked the order row first).
import type { Tx } from "@/lib/db/client";
import type { ComplaintStatus } from "@/lib/db/generated/enums";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import { caseMovedOn, CASE_DEADLINE_QUEUE, recordCaseEvent, type CaseActor } from "./request-state";

export type ComplaintTransition = "REQUEST_EVIDENCE" | "EVIDENCE_SUBMITTED" | "EVIDENCE_EXPIRED" | "SETTLE" | "WITHDRAW";

export const complaintTransitions: Record<ComplaintTransition, { from: ComplaintStatus[]; to: ComplaintStatus }> = {
  REQUEST_EVIDENCE: { from: ["OPEN"], to: "AWAITING_EVIDENCE" },
  EVIDENCE_SUBMITTED: { from: ["AWAITING_EVIDENCE"], to: "OPEN" },
  EVIDENCE_EXPIRED: { from: ["AWAITING_EVIDENCE"], to: "OPEN" },
  SETTLE: { from: ["OPEN", "AWAITING_EVIDENCE"], to: "SETTLED" },
  WITHDRAW: { from: ["OPEN", "AWAITING_EVIDENCE"], to: "WITHDRAWN" },
};

export function canMoveComplaint(status: ComplaintStatus, t: ComplaintTransition): boolean {
  return complaintTransitions[t].from.includes(status);
}

export interface MovedComplaint {
  id: string;
  caseNo: string;
  requestId: string;
  orderId: string;
  storeId: string;
  buyerId: string;
  from: ComplaintStatus;
  to: ComplaintStatus;
}

/** Applies `transition` if the complaint is in a source state (and matches `where`); null when it moved on. */
export async function tryMoveComplaint(
  tx: Tx,
  opts: {
    complaintId: string;
    transition: ComplaintTransition;
    actor: CaseActor;
    data?: Prisma.ComplaintUpdateManyMutationInput;
    where?: Prisma.ComplaintWhereInput;
    event?: Record<string, unknown>;
  },
): Promise<MovedComplaint | null> {
  const rule = complaintTransitions[opts.transition];
  const current = await tx.complaint.findUnique({
    where: { id: opts.complaintId },
    select: { id: true, caseNo: true, requestId: true, orderId: true, storeId: true, buyerId: true, status: true },
  });
  if (!current) throw new AppError("NOT_FOUND", "Complaint not found");
  if (!rule.from.includes(current.status)) return null;
  const { count } = await tx.complaint.updateMany({ where: { ...opts.where, id: current.id, status: current.status }, data: { ...opts.data, status: rule.to } });
  if (count !== 1) return null;
  await recordCaseEvent(tx, {
    requestId: current.requestId,
    complaintId: current.id,
    type: `COMPLAINT_${opts.transition}`,
    fromStatus: current.status,
    toStatus: rule.to,
    actor: opts.actor,
    data: opts.event ?? null,
  });
  if (rule.to === "AWAITING_EVIDENCE") {
    const after = await tx.complaint.findUniqueOrThrow({ where: { id: current.id }, select: { evidenceDueAt: true } });
    if (after.evidenceDueAt) {
      await enqueue(
        tx,
        CASE_DEADLINE_QUEUE,
        { kind: "evidence", complaintId: current.id, dueAt: after.evidenceDueAt.toISOString() },
        { runAt: after.evidenceDueAt, singletonKey: `case.evidence:${current.id}:${after.evidenceDueAt.getTime()}` },
      );
    }
  }
  const { status: _s, ...rest } = current;
  return { ...rest, from: current.status, to: rule.to };
}

export async function moveComplaint(tx: Tx, opts: Parameters<typeof tryMoveComplaint>[1]): Promise<MovedComplaint> {
  const moved = await tryMoveComplaint(tx, opts);
  if (!moved) throw caseMovedOn();
  return moved;
}
