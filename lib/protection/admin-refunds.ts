import "server-only";
// Refunds WeChat Pay could not pay (ABNORMAL, or CLOSED): the request waits in REFUND_FAILED
// for an admin, who sends a new refund or records that it was handled another way. Both are
// audit-logged with the admin's reason.
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { heldByWechat } from "./abilities";
import { writeAudit } from "./audit";
import { tellBuyer, tellStore } from "./notify";
import { startCaseRefund } from "./refunds";
import { lockOrder, moveRequest, type CaseActor } from "./request-state";
import { adminRefundInput } from "./schemas";

async function failedCase(requestId: string) {
  const r = await db.afterSaleRequest.findUnique({ where: { id: requestId }, select: { id: true, caseNo: true, orderId: true, storeId: true, buyerId: true } });
  if (!r) throw new AppError("NOT_FOUND", "Case not found");
  return r;
}

/** Sends the refund again as a new refund (a new out_refund_no): the amount still owed, as far as anything is left. */
export async function retryFailedRefund(actor: Actor | null, requestId: string, input: { reason: string }) {
  const admin = requireAdmin(actor);
  const data = parseInput(adminRefundInput, input);
  const c = await failedCase(requestId);
  const by: CaseActor = { kind: "ADMIN", id: admin.userId };
  return db.$transaction(async (tx) => {
    await lockOrder(tx, c.orderId);
    const r = await tx.afterSaleRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: {
        requestedFen: true,
        approvedFen: true,
        complaint: { select: { id: true, status: true } },
        refunds: { select: { id: true, status: true, refundId: true }, orderBy: { createdAt: "desc" }, take: 1 },
      },
    });
    if (heldByWechat(r.refunds[0])) {
      throw new AppError("INVALID_STATE", "WeChat Pay holds this refund as abnormal: settle it in the WeChat Pay merchant platform, then mark the case as handled.", {
        details: { messageKey: "refundHeldByWechat" },
      });
    }
    const complaintId = r.complaint?.status === "SETTLED" ? r.complaint.id : null;
    await moveRequest(tx, { requestId, transition: "ADMIN_RETRY_REFUND", actor: by, complaintId, event: { reason: data.reason } });
    const refund = await startCaseRefund(tx, { requestId, amountFen: r.approvedFen ?? r.requestedFen, exact: false, cause: complaintId ? "COMPLAINT" : "AFTER_SALE", actor: by, complaintId });
    await writeAudit(tx, {
      actorId: admin.userId,
      action: "REFUND_RETRY",
      subjectType: "AfterSaleRequest",
      subjectId: requestId,
      reason: data.reason,
      data: { previousRefundId: r.refunds[0]?.id ?? null, refundId: refund.refundId, amountFen: refund.amountFen },
    });
    return refund;
  });
}

/** Records that a failed refund was handled outside WeChat Pay: the case ends without another refund. */
export async function closeFailedRefund(actor: Actor | null, requestId: string, input: { reason: string }) {
  const admin = requireAdmin(actor);
  const data = parseInput(adminRefundInput, input);
  const c = await failedCase(requestId);
  const by: CaseActor = { kind: "ADMIN", id: admin.userId };
  await db.$transaction(async (tx) => {
    await lockOrder(tx, c.orderId);
    const moved = await moveRequest(tx, { requestId, transition: "ADMIN_CLOSE_REFUND", actor: by, data: { escalateBy: null }, event: { reason: data.reason } });
    await writeAudit(tx, { actorId: admin.userId, action: "REFUND_MARK_HANDLED", subjectType: "AfterSaleRequest", subjectId: requestId, reason: data.reason });
    await tellBuyer(tx, moved, "ADMIN_CLOSE_REFUND");
    await tellStore(tx, moved, "ADMIN_CLOSE_REFUND");
  });
}
