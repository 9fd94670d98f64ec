import "server-only";
// What happens when a case's deadline passes, run by the job queue (one job per case,
// status and deadline; see scheduleRequestDeadline). Handlers are idempotent: they re-read
// the case, do nothing if it moved on, ask to run again later if the deadline is not yet
// due, and otherwise make the guarded transition (which a person acting at the same
// moment can win — then the timer does nothing).
//   seller silent on a request        → accepted (refund now, or the return goes ahead)
//   seller silent on a shipped return → receipt confirmed, refund
//   buyer silent on an offer          → treated as declined (may complain)
//   buyer did not ship the return     → closed (may complain: a failed return)
//   buyer did not complain in time    → closed
//   evidence not sent in time         → the complaint goes back to the admins
import { db, type Tx } from "@/lib/db/client";
import type { JobResult } from "@/lib/jobs/worker";
import { tryMoveComplaint } from "./complaint-state";
import { DAY, RETURN_SHIP_DAYS } from "./constants";
import { tellBuyer, tellStore } from "./notify";
import { termsOf } from "./policy";
import { startCaseRefund } from "./refunds";
import { storeReturnAddress } from "./requests";
import { deadlineField, lockOrder, SYSTEM, tryMoveRequest, CASE_DEADLINE_QUEUE } from "./request-state";

export { CASE_DEADLINE_QUEUE };

type Payload = { kind: "request"; requestId: string; status: string } | { kind: "evidence"; complaintId: string };

export async function caseDeadlineJob(payload: unknown): Promise<JobResult> {
  const p = payload as Payload;
  if (p.kind === "evidence") return evidenceDeadline(p.complaintId);
  return requestDeadline(p.requestId, p.status);
}

async function requestDeadline(requestId: string, status: string): Promise<JobResult> {
  const r = await db.afterSaleRequest.findUnique({ where: { id: requestId }, select: { orderId: true, status: true, sellerDueAt: true, buyerDueAt: true, escalateBy: true } });
  if (!r || r.status !== status) return;
  const field = deadlineField(r.status);
  const due = field ? r[field] : null;
  if (!field || !due) return;
  if (due.getTime() > Date.now()) return { rescheduleAt: due };
  await db.$transaction(async (tx) => {
    await lockOrder(tx, r.orderId);
    const now = new Date();
    const passed = { [field]: { lte: now } };
    const c = await tx.afterSaleRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { type: true, status: true, requestedFen: true, order: { select: { protectionTerms: true } }, store: { select: { returnRecipient: true, returnPhone: true, returnAddress: true } } },
    });
    if (c.status !== status) return;
    const escalateBy = new Date(now.getTime() + termsOf(c.order.protectionTerms).complaintDaysAfterRejection * DAY);
    switch (c.status) {
      case "AWAITING_SELLER": {
        const address = c.type === "RETURN_AND_REFUND" ? storeReturnAddress(c.store) : null;
        if (address) {
          const moved = await tryMoveRequest(tx, {
            requestId,
            transition: "AUTO_ACCEPT_RETURN",
            actor: SYSTEM,
            where: passed,
            data: { returnAddress: JSON.stringify(address), buyerDueAt: new Date(now.getTime() + RETURN_SHIP_DAYS * DAY), sellerDueAt: null },
            event: { returnAddress: address },
          });
          if (moved) await tellBoth(tx, moved, "AUTO_ACCEPT_RETURN");
        } else {
          // Refund only — or a return the seller gave no address for: refunded without the return.
          const moved = await tryMoveRequest(tx, { requestId, transition: "AUTO_ACCEPT_REFUND", actor: SYSTEM, where: passed, data: { sellerDueAt: null }, event: { returnWaived: c.type === "RETURN_AND_REFUND" } });
          if (moved) {
            await startCaseRefund(tx, { requestId, amountFen: c.requestedFen, exact: false, cause: "AFTER_SALE", actor: SYSTEM });
            await tellBoth(tx, moved, "AUTO_ACCEPT_REFUND");
          }
        }
        return;
      }
      case "RETURN_SHIPPED": {
        const moved = await tryMoveRequest(tx, { requestId, transition: "AUTO_CONFIRM_RETURN", actor: SYSTEM, where: passed, data: { returnReceivedAt: now, sellerDueAt: null } });
        if (moved) {
          await startCaseRefund(tx, { requestId, amountFen: c.requestedFen, exact: false, cause: "AFTER_SALE", actor: SYSTEM });
          await tellBoth(tx, moved, "AUTO_CONFIRM_RETURN");
        }
        return;
      }
      case "OFFER_PENDING": {
        const moved = await tryMoveRequest(tx, { requestId, transition: "OFFER_EXPIRED", actor: SYSTEM, where: passed, data: { buyerDueAt: null, escalateBy } });
        if (moved) await tellBoth(tx, moved, "OFFER_EXPIRED");
        return;
      }
      case "AWAITING_RETURN": {
        const moved = await tryMoveRequest(tx, { requestId, transition: "RETURN_NOT_SHIPPED", actor: SYSTEM, where: passed, data: { buyerDueAt: null, escalateBy } });
        if (moved) await tellBoth(tx, moved, "RETURN_NOT_SHIPPED");
        return;
      }
      case "REJECTED": {
        const moved = await tryMoveRequest(tx, { requestId, transition: "ESCALATION_EXPIRED", actor: SYSTEM, where: passed });
        if (moved) await tellBuyer(tx, moved, "ESCALATION_EXPIRED");
        return;
      }
    }
  });
}

async function tellBoth(tx: Tx, c: { id: string; caseNo: string; storeId: string; buyerId: string }, event: string) {
  await tellBuyer(tx, c, event);
  await tellStore(tx, c, event);
}

async function evidenceDeadline(complaintId: string): Promise<JobResult> {
  const c = await db.complaint.findUnique({ where: { id: complaintId }, select: { orderId: true, status: true, evidenceDueAt: true } });
  if (!c || c.status !== "AWAITING_EVIDENCE" || !c.evidenceDueAt) return;
  if (c.evidenceDueAt.getTime() > Date.now()) return { rescheduleAt: c.evidenceDueAt };
  await db.$transaction(async (tx) => {
    await lockOrder(tx, c.orderId);
    await tryMoveComplaint(tx, {
      complaintId,
      transition: "EVIDENCE_EXPIRED",
      actor: SYSTEM,
      where: { evidenceDueAt: { lte: new Date() } },
      data: { evidenceFrom: null, evidenceNote: null, evidenceDueAt: null },
    });
  });
}
