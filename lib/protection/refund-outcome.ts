import "server-only";
// A case's refund settled (called by lib/orders/hooks.ts inside the transaction that applies
// WeChat Pay's word, exactly once per refund). SUCCESS: the request's lines get their parts
// of the amount (OrderLine.refundedFen; the order's own total and closing are done by the
// payments module) and the request is REFUNDED. ABNORMAL or CLOSED: the request waits in
// REFUND_FAILED for an admin.
import type { Tx } from "@/lib/db/client";
import type { RefundOutcomeEvent } from "@/lib/orders/hooks";
import { caseLinks } from "./links";
import { tellAdmins } from "./notify";
import { lockOrder, tryMoveRequest, type CaseActor } from "./request-state";

const PAYMENT: CaseActor = { kind: "PAYMENT", id: null };

export async function onCaseRefundOutcome(tx: Tx, e: RefundOutcomeEvent): Promise<void> {
  if (!e.afterSaleId) return;
  await lockOrder(tx, e.orderId);
  const r = await tx.afterSaleRequest.findUnique({
    where: { id: e.afterSaleId },
    select: { id: true, caseNo: true, status: true, lines: { select: { orderLineId: true, amountFen: true } }, refunds: { select: { id: true }, orderBy: { createdAt: "desc" }, take: 1 }, complaint: { select: { id: true } } },
  });
  if (!r) return;
  // Only the request's latest refund speaks for it (an earlier one had already failed for good:
  // the payments module settles a refund once, out of PROCESSING).
  if (r.refunds[0]?.id !== e.refundId) return;
  const complaintId = r.complaint?.id ?? null;
  if (e.status === "SUCCESS") {
    // Money moved: each line records its part. LEAST keeps the line's CHECK whatever happens,
    // so a settlement can never be refused here (WeChat Pay would resend it forever).
    for (const l of r.lines) {
      if (l.amountFen > 0) {
        await tx.$executeRaw`UPDATE "OrderLine" SET "refundedFen" = LEAST("lineTotalFen" - "discountFen", "refundedFen" + ${l.amountFen}) WHERE id = ${l.orderLineId}`;
      }
    }
    await tryMoveRequest(tx, { requestId: r.id, transition: "REFUND_SUCCEEDED", actor: PAYMENT, complaintId, event: { refundId: e.refundId, amountFen: e.amountFen } });
    return;
  }
  const moved = await tryMoveRequest(tx, { requestId: r.id, transition: "REFUND_FAILED", actor: PAYMENT, complaintId, event: { refundId: e.refundId, amountFen: e.amountFen, status: e.status } });
  if (moved) await tellAdmins(tx, "ADMIN_REFUND_ABNORMAL", caseLinks.adminRefunds(), { refKind: "case", caseNo: r.caseNo, amountFen: e.amountFen }, { type: "Refund", id: e.refundId });
}
