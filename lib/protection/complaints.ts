import "server-only";
// Complaints: platform arbitration of a request the seller rejected (or a failed return).
// The buyer escalates within the window; admins ask either party for evidence (with a
// deadline), then settle with a full refund, a partial refund or a rejection, always with a
// written reason both parties see. Every admin action is audit-logged.
import { requireAdmin, requireRole, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordComplaintOpened } from "@/lib/metrics/record";
import { parseInput } from "@/lib/validation";
import { assertCaseImagesUsable, buyerCase, sellerCase } from "./access";
import { writeAudit } from "./audit";
import { newCaseNo } from "./case-no";
import { moveComplaint } from "./complaint-state";
import { COMPLAINT_SLA_HOURS, HOUR, OPEN_REQUEST_STATUSES } from "./constants";
import { caseLinks } from "./links";
import { tellAdmins, tellBuyer, tellStore } from "./notify";
import { aboveRefundable, startCaseRefund } from "./refunds";
import { lockOrder, moveRequest, type CaseActor } from "./request-state";
import { escalateInput, evidenceInput, requestEvidenceInput, settleInput } from "./schemas";

function invalidState(messageKey: string, message: string): AppError {
  return new AppError("INVALID_STATE", message, { details: { messageKey } });
}

/**
 * The buyer complains to the platform: within escalateBy of a rejection (or of a failed
 * return), once per request. Opens a complaint with the platform's SLA.
 */
export async function escalateToComplaint(actor: Actor | null, requestId: string, input: { statement: string; evidenceImageIds?: string[] }): Promise<{ complaintId: string; caseNo: string }> {
  const { key, by } = await buyerCase(actor, requestId);
  const data = parseInput(escalateInput, input);
  return db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const now = new Date();
    const r = await tx.afterSaleRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { status: true, caseNo: true, escalateBy: true, complaint: { select: { id: true } }, lines: { select: { orderLineId: true } } },
    });
    if (r.complaint) throw invalidState("alreadyEscalated", "This case is already with the platform.");
    if (r.status !== "REJECTED" && r.status !== "CLOSED") throw invalidState("cannotEscalate", "This case cannot be escalated now.");
    if (!r.escalateBy || r.escalateBy.getTime() <= now.getTime()) throw invalidState("escalationWindowClosed", "The time to complain about this case has passed.");
    if (r.status === "CLOSED") {
      // A closed request comes back to life: its lines must not be in another open request meanwhile.
      const busy = await tx.afterSaleLine.findFirst({
        where: { orderLineId: { in: r.lines.map((l) => l.orderLineId) }, requestId: { not: requestId }, request: { status: { in: [...OPEN_REQUEST_STATUSES] } } },
        select: { requestId: true },
      });
      if (busy) throw invalidState("linesInOtherCase", "These items are in another open after-sale request.");
    }
    await assertCaseImagesUsable(tx, { by, storeId: key.storeId, imageIds: data.evidenceImageIds, field: "evidenceImageIds" });
    const complaint = await tx.complaint.create({
      data: {
        caseNo: await newCaseNo(tx, "CP", now),
        requestId,
        orderId: key.orderId,
        storeId: key.storeId,
        buyerId: key.buyerId,
        statement: data.statement,
        slaDueAt: new Date(now.getTime() + COMPLAINT_SLA_HOURS * HOUR),
        // The same instant the complaint metric is counted at (so a rebuild puts it on the same day).
        createdAt: now,
      },
      select: { id: true, caseNo: true },
    });
    const moved = await moveRequest(tx, {
      requestId,
      transition: "ESCALATE",
      actor: by,
      complaintId: complaint.id,
      where: { escalateBy: { gt: now } },
      data: { closedAt: null },
      event: { complaintCaseNo: complaint.caseNo },
    });
    await tx.caseMessage.create({ data: { requestId, complaintId: complaint.id, authorId: by.id!, authorRole: "BUYER", body: data.statement, imageIds: [...new Set(data.evidenceImageIds)] } });
    await recordComplaintOpened(tx, { storeId: key.storeId, at: now });
    await tellStore(tx, moved, "ESCALATE", "COMPLAINT_ESCALATED", { complaintCaseNo: complaint.caseNo });
    await tellAdmins(tx, "ADMIN_NEW_COMPLAINT", caseLinks.adminComplaint(complaint.id), { caseNo: complaint.caseNo }, { type: "Complaint", id: complaint.id });
    return { complaintId: complaint.id, caseNo: complaint.caseNo };
  });
}

async function complaintKey(tx: Tx | typeof db, complaintId: string) {
  const c = await tx.complaint.findUnique({ where: { id: complaintId }, select: { id: true, requestId: true, orderId: true, storeId: true, buyerId: true, request: { select: { caseNo: true } } } });
  if (!c) throw new AppError("NOT_FOUND", "Complaint not found");
  // Notifications name the request's case number (the one both parties know).
  return { ...c, caseNo: c.request.caseNo };
}

/** An admin asks the buyer or the seller for more evidence, with a deadline; the complaint waits until it arrives or the deadline passes. */
export async function requestEvidence(actor: Actor | null, complaintId: string, input: { from: "BUYER" | "SELLER"; note: string; hours: number }) {
  const admin = requireAdmin(actor);
  const data = parseInput(requestEvidenceInput, input);
  const c = await complaintKey(db, complaintId);
  const by: CaseActor = { kind: "ADMIN", id: admin.userId };
  await db.$transaction(async (tx) => {
    await lockOrder(tx, c.orderId);
    const dueAt = new Date(Date.now() + data.hours * HOUR);
    await moveComplaint(tx, {
      complaintId,
      transition: "REQUEST_EVIDENCE",
      actor: by,
      data: { evidenceFrom: data.from, evidenceNote: data.note, evidenceDueAt: dueAt },
      event: { from: data.from, note: data.note, dueAt: dueAt.toISOString() },
    });
    await writeAudit(tx, { actorId: admin.userId, action: "COMPLAINT_REQUEST_EVIDENCE", subjectType: "Complaint", subjectId: complaintId, reason: data.note, data: { from: data.from, hours: data.hours, dueAt: dueAt.toISOString() } });
    const ref = { id: c.requestId, caseNo: c.caseNo, storeId: c.storeId, buyerId: c.buyerId };
    if (data.from === "BUYER") await tellBuyer(tx, ref, "EVIDENCE_REQUESTED", "EVIDENCE_REQUESTED", { dueAt: dueAt.toISOString() });
    else await tellStore(tx, ref, "EVIDENCE_REQUESTED", "EVIDENCE_REQUESTED", { dueAt: dueAt.toISOString() });
  });
}

/**
 * The party asked for evidence sends it (a note and images): it goes into the case's
 * messages and the complaint is back with the admins. Sellers pass their storeId.
 */
export async function submitEvidence(actor: Actor | null, requestId: string, input: { note: string; imageIds?: string[] }, storeId?: string) {
  const a = requireRole(actor, "BUYER", "SELLER");
  const { key, by } = a.role === "BUYER" ? await buyerCase(a, requestId) : await sellerCase(a, storeId ?? "", requestId);
  const data = parseInput(evidenceInput, input);
  await db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const complaint = await tx.complaint.findUnique({ where: { requestId }, select: { id: true, status: true, evidenceFrom: true } });
    if (!complaint || complaint.status !== "AWAITING_EVIDENCE" || complaint.evidenceFrom !== by.kind) throw invalidState("noEvidenceRequested", "No evidence is asked of you on this case.");
    await assertCaseImagesUsable(tx, { by, storeId: key.storeId, imageIds: data.imageIds, field: "imageIds" });
    await tx.caseMessage.create({ data: { requestId, complaintId: complaint.id, authorId: by.id!, authorRole: by.kind, body: data.note, imageIds: [...new Set(data.imageIds)] } });
    await moveComplaint(tx, {
      complaintId: complaint.id,
      transition: "EVIDENCE_SUBMITTED",
      actor: by,
      data: { evidenceFrom: null, evidenceNote: null, evidenceDueAt: null },
      event: { images: data.imageIds.length },
    });
  });
}

/**
 * An admin settles the complaint: a full refund (what the buyer asked, as far as anything is
 * left), a partial refund of `amountFen`, or a rejection; the reason is shown to both parties.
 * A refund goes out through WeChat Pay like any other.
 */
export async function settleComplaint(actor: Actor | null, complaintId: string, input: { outcome: "FULL_REFUND" | "PARTIAL_REFUND" | "REJECTED"; amountFen?: number; reason: string }) {
  const admin = requireAdmin(actor);
  const data = parseInput(settleInput, input);
  const c = await complaintKey(db, complaintId);
  const by: CaseActor = { kind: "ADMIN", id: admin.userId };
  return db.$transaction(async (tx) => {
    await lockOrder(tx, c.orderId);
    const now = new Date();
    const r = await tx.afterSaleRequest.findUniqueOrThrow({ where: { id: c.requestId }, select: { requestedFen: true } });
    if (data.outcome === "PARTIAL_REFUND" && data.amountFen! > r.requestedFen) throw aboveRefundable(r.requestedFen);
    const settled = { outcome: data.outcome, decisionReason: data.reason, settledById: admin.userId, settledAt: now, evidenceFrom: null, evidenceNote: null, evidenceDueAt: null };
    await moveComplaint(tx, { complaintId, transition: "SETTLE", actor: by, data: settled, event: { outcome: data.outcome, reason: data.reason, amountFen: data.amountFen ?? null } });
    let settledFen: number | null = null;
    if (data.outcome === "REJECTED") {
      await moveRequest(tx, { requestId: c.requestId, transition: "SETTLE_REJECT", actor: by, complaintId, data: { escalateBy: null }, event: { reason: data.reason } });
    } else {
      await moveRequest(tx, { requestId: c.requestId, transition: "SETTLE_REFUND", actor: by, complaintId, event: { outcome: data.outcome } });
      const wanted = data.outcome === "FULL_REFUND" ? r.requestedFen : data.amountFen!;
      settledFen = (await startCaseRefund(tx, { requestId: c.requestId, amountFen: wanted, exact: data.outcome === "PARTIAL_REFUND", cause: "COMPLAINT", actor: by, complaintId })).amountFen;
      await tx.complaint.update({ where: { id: complaintId }, data: { settledFen } });
    }
    await writeAudit(tx, { actorId: admin.userId, action: "COMPLAINT_SETTLE", subjectType: "Complaint", subjectId: complaintId, reason: data.reason, data: { outcome: data.outcome, amountFen: settledFen } });
    const ref = { id: c.requestId, caseNo: c.caseNo, storeId: c.storeId, buyerId: c.buyerId };
    await tellBuyer(tx, ref, "COMPLAINT_SETTLED", "CASE_UPDATED", { outcome: data.outcome });
    await tellStore(tx, ref, "COMPLAINT_SETTLED", "COMPLAINT_SETTLED", { outcome: data.outcome });
    return { settledFen };
  });
}
