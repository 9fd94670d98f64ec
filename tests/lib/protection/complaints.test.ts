// Complaints (platform arbitration): escalation within the window and only once, evidence
// requests with deadlines, settlement with a reason both parties see (refunds really go
// through the sandbox), withdrawal, and the audit log of every admin action.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { listAuditLog } from "@/lib/protection/audit";
import { escalateToComplaint, requestEvidence, settleComplaint, submitEvidence } from "@/lib/protection/complaints";
import { postCaseMessage } from "@/lib/protection/messages";
import { getAdminCase, getBuyerCase, getSellerCase, listComplaintQueue } from "@/lib/protection/queries";
import { openRequest, sellerReject, withdrawRequest } from "@/lib/protection/requests";
import { useTestDatabase } from "../../support/db";
import { authWorld, createImageRow } from "../../support/fixtures";
import { usePaymentsInProcess } from "../../support/payments";
import { codeOf, errorOf, eventTypes, expectMoneyConsistent, orderRow, paidOrder, requestRow, settleRefunds, ship } from "./support";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

/** A request the seller rejected, on a shipped order of two lines (2000 + 3000) with 500 postage. */
async function rejected(lines: "first" | "all" = "first") {
  const { orderId, lineIds } = await paidOrder(w, { prices: [2000, 3000], postageFen: 500 });
  await ship(w, orderId);
  const chosen = lines === "all" ? lineIds : [lineIds[0]];
  const { id } = await openRequest(w.buyer, { orderId, lineIds: chosen, type: "REFUND_ONLY", reason: "NOT_RECEIVED", description: "显示签收但没收到", amountFen: lines === "all" ? 5500 : 2000 });
  await sellerReject(w.sellerA, w.storeA.id, id, { reason: "物流显示已签收" });
  return { id, orderId, lineIds };
}

const complaintOf = (id: string) => getDb().complaint.findUniqueOrThrow({ where: { id } });

describe("escalating", () => {
  it("opens a complaint with the platform's SLA, tells the store and the admins, and counts for the store", async () => {
    const { id, orderId } = await rejected();
    const img = await createImageRow({ uploaderId: w.buyer.userId, storeId: w.storeA.id });
    const { complaintId, caseNo } = await escalateToComplaint(w.buyer, id, { statement: "快递员说没有送到", evidenceImageIds: [img.id] });
    expect(caseNo).toMatch(/^CP\d{18}$/);
    const c = await complaintOf(complaintId);
    expect(c).toMatchObject({ status: "OPEN", requestId: id, storeId: w.storeA.id, buyerId: w.buyer.userId, statement: "快递员说没有送到" });
    expect(Math.abs(c.slaDueAt.getTime() - (Date.now() + 72 * 3600_000))).toBeLessThan(60_000);
    expect((await requestRow(id)).status).toBe("ESCALATED");
    expect((await orderRow(orderId)).openCases).toBe(1);
    // The statement and its images are the first message of the complaint.
    expect(await getDb().caseMessage.findMany({ where: { complaintId }, select: { body: true, imageIds: true, authorRole: true } })).toEqual([{ body: "快递员说没有送到", imageIds: [img.id], authorRole: "BUYER" }]);
    expect(await getDb().notification.count({ where: { userId: w.sellerA.userId, kind: "COMPLAINT_ESCALATED" } })).toBeGreaterThan(0);
    const adminNote = await getDb().notification.findFirst({ where: { userId: w.admin.userId, kind: "ADMIN_NEW_COMPLAINT", subjectId: complaintId } });
    expect(adminNote?.link).toBe(`/admin/complaints/${complaintId}`);
    // Only once per request.
    expect((await errorOf(escalateToComplaint(w.buyer, id, { statement: "再投诉一次" }))).details?.messageKey).toBe("alreadyEscalated");
  });

  it("is possible only after a rejection (or failed return), and only until escalateBy", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    const { id } = await openRequest(w.buyer, { orderId, lineIds, type: "REFUND_ONLY", reason: "NOT_SHIPPED", description: "没发货", amountFen: 1000 });
    expect((await errorOf(escalateToComplaint(w.buyer, id, { statement: "卖家不理我" }))).details?.messageKey).toBe("cannotEscalate");
    await sellerReject(w.sellerA, w.storeA.id, id, { reason: "马上发" });
    await getDb().afterSaleRequest.update({ where: { id }, data: { escalateBy: new Date(Date.now() - 1000) } });
    expect((await errorOf(escalateToComplaint(w.buyer, id, { statement: "卖家不理我" }))).details?.messageKey).toBe("escalationWindowClosed");
    expect((await errorOf(escalateToComplaint(w.buyer, id, { statement: "短" }))).fieldErrors).toEqual({ statement: ["tooShort"] });
  });
});

describe("evidence", () => {
  it("an admin asks the seller; only the seller can answer; their answer returns the complaint to the admins", async () => {
    const { id } = await rejected();
    const { complaintId } = await escalateToComplaint(w.buyer, id, { statement: "没有收到货" });
    expect((await errorOf(requestEvidence(w.admin, complaintId, { from: "SELLER", note: "请提供签收照片", hours: 2 }))).fieldErrors).toEqual({ hours: ["hoursRange"] });
    await requestEvidence(w.admin, complaintId, { from: "SELLER", note: "请提供签收照片", hours: 24 });
    const c = await complaintOf(complaintId);
    expect(c).toMatchObject({ status: "AWAITING_EVIDENCE", evidenceFrom: "SELLER", evidenceNote: "请提供签收照片" });
    expect(Math.abs(c.evidenceDueAt!.getTime() - (Date.now() + 24 * 3600_000))).toBeLessThan(60_000);
    expect(await getDb().notification.count({ where: { userId: w.sellerA.userId, kind: "EVIDENCE_REQUESTED" } })).toBe(1);
    // Asking again while waiting is refused; the buyer was not asked.
    expect(await codeOf(requestEvidence(w.admin, complaintId, { from: "BUYER", note: "也请买家提供", hours: 24 }))).toBe("INVALID_STATE");
    expect((await errorOf(submitEvidence(w.buyer, id, { note: "我也有证据" }))).details?.messageKey).toBe("noEvidenceRequested");
    const photo = await createImageRow({ uploaderId: w.sellerA.userId, storeId: w.storeA.id });
    await submitEvidence(w.sellerA, id, { note: "签收照片见图", imageIds: [photo.id] }, w.storeA.id);
    expect(await complaintOf(complaintId)).toMatchObject({ status: "OPEN", evidenceFrom: null });
    expect(await getDb().caseMessage.count({ where: { complaintId, authorRole: "SELLER", imageIds: { has: photo.id } } })).toBe(1);
    // Then the buyer can be asked, and answers.
    await requestEvidence(w.admin, complaintId, { from: "BUYER", note: "请提供聊天记录", hours: 48 });
    expect(await getDb().notification.count({ where: { userId: w.buyer.userId, kind: "EVIDENCE_REQUESTED" } })).toBe(1);
    const shot = await createImageRow({ uploaderId: w.buyer.userId, storeId: w.storeA.id });
    await submitEvidence(w.buyer, id, { note: "聊天截图", imageIds: [shot.id] });
    expect((await complaintOf(complaintId)).status).toBe("OPEN");
    expect(await eventTypes(id)).toEqual([
      "OPEN",
      "SELLER_REJECT",
      "ESCALATE",
      "COMPLAINT_REQUEST_EVIDENCE",
      "COMPLAINT_EVIDENCE_SUBMITTED",
      "COMPLAINT_REQUEST_EVIDENCE",
      "COMPLAINT_EVIDENCE_SUBMITTED",
    ]);
  });
});

describe("settling", () => {
  it("with a partial refund: the amount is refunded through WeChat Pay, both parties see the reason, the admin's action is audited", async () => {
    const { id, orderId, lineIds } = await rejected("all");
    const { complaintId } = await escalateToComplaint(w.buyer, id, { statement: "少发了一件" });
    expect((await errorOf(settleComplaint(w.admin, complaintId, { outcome: "PARTIAL_REFUND", reason: "部分支持买家" }))).fieldErrors).toEqual({ amount: ["required"] });
    expect((await errorOf(settleComplaint(w.admin, complaintId, { outcome: "PARTIAL_REFUND", amountFen: 5501, reason: "部分支持买家" }))).fieldErrors).toEqual({ amount: ["amountAboveRefundable"] });
    await settleComplaint(w.admin, complaintId, { outcome: "PARTIAL_REFUND", amountFen: 3000, reason: "核实少发一件，退该件货款" });
    const c = await complaintOf(complaintId);
    expect(c).toMatchObject({ status: "SETTLED", outcome: "PARTIAL_REFUND", settledFen: 3000, decisionReason: "核实少发一件，退该件货款", settledById: w.admin.userId });
    expect(await requestRow(id)).toMatchObject({ status: "REFUNDING", approvedFen: 3000 });
    const refund = await getDb().refund.findFirstOrThrow({ where: { afterSaleId: id } });
    expect(refund).toMatchObject({ cause: "COMPLAINT", amountFen: 3000 });
    await settleRefunds(orderId);
    const o = await orderRow(orderId);
    expect((await requestRow(id)).status).toBe("REFUNDED");
    expect(o).toMatchObject({ refundedFen: 3000, openCases: 0, status: "SHIPPED" });
    // Split over both lines in proportion (2000 : 3000), none to the postage.
    expect(o.lines.find((l) => l.id === lineIds[0])!.refundedFen).toBe(1200);
    expect(o.lines.find((l) => l.id === lineIds[1])!.refundedFen).toBe(1800);
    await expectMoneyConsistent(orderId);
    // Both parties read the decision and its reason on their case page.
    expect((await getBuyerCase(w.buyer, id)).complaint).toMatchObject({ outcome: "PARTIAL_REFUND", decisionReason: "核实少发一件，退该件货款" });
    expect((await getSellerCase(w.sellerA, w.storeA.id, id)).complaint).toMatchObject({ outcome: "PARTIAL_REFUND", decisionReason: "核实少发一件，退该件货款" });
    const audit = await listAuditLog(w.admin, { subjectType: "Complaint", subjectId: complaintId });
    expect(audit.entries.map((e) => [e.action, e.actorId, e.reason])).toEqual([["COMPLAINT_SETTLE", w.admin.userId, "核实少发一件，退该件货款"]]);
    expect(audit.entries[0].data).toEqual({ outcome: "PARTIAL_REFUND", amountFen: 3000 });
    // Named by the complaint's number, linked to its page.
    const { caseNo } = await getDb().complaint.findUniqueOrThrow({ where: { id: complaintId }, select: { caseNo: true } });
    expect(audit.entries[0].subject).toEqual({ type: "Complaint", label: caseNo, href: `/admin/complaints/${complaintId}` });
    // Settled is final.
    expect(await codeOf(settleComplaint(w.admin, complaintId, { outcome: "REJECTED", reason: "改判驳回投诉" }))).toBe("INVALID_STATE");
    expect(await codeOf(withdrawRequest(w.buyer, id))).toBe("INVALID_STATE");
  });

  it("with a full refund: what the buyer asked for, postage included", async () => {
    const { id, orderId } = await rejected("all");
    const { complaintId } = await escalateToComplaint(w.buyer, id, { statement: "根本没收到货" });
    const { settledFen } = await settleComplaint(w.admin, complaintId, { outcome: "FULL_REFUND", reason: "物流无签收记录，全额退款" });
    expect(settledFen).toBe(5500);
    await settleRefunds(orderId);
    expect(await orderRow(orderId)).toMatchObject({ refundedFen: 5500, status: "CLOSED", openCases: 0 });
    // It had shipped: the goods left the warehouse, so nothing goes back on sale by itself.
    expect(await getDb().stockLedgerEntry.count({ where: { orderId, reason: "ORDER_RELEASED" } })).toBe(0);
    await expectMoneyConsistent(orderId);
  });

  it("with a rejection: the request closes without a refund and cannot be escalated again", async () => {
    const { id, orderId } = await rejected();
    const { complaintId } = await escalateToComplaint(w.buyer, id, { statement: "卖家拒绝不合理" });
    await settleComplaint(w.admin, complaintId, { outcome: "REJECTED", reason: "签收记录完整，驳回投诉" });
    expect(await requestRow(id)).toMatchObject({ status: "CLOSED", escalateBy: null });
    expect(await getDb().refund.count({ where: { afterSaleId: id } })).toBe(0);
    expect((await orderRow(orderId)).openCases).toBe(0);
    expect(await getDb().notification.count({ where: { userId: w.sellerA.userId, kind: "COMPLAINT_SETTLED" } })).toBeGreaterThan(0);
    expect(await codeOf(escalateToComplaint(w.buyer, id, { statement: "再投诉一次吧" }))).toBe("INVALID_STATE");
  });

  it("two admins settling at once: one decision wins, one refund", async () => {
    const { id, orderId } = await rejected();
    const { complaintId } = await escalateToComplaint(w.buyer, id, { statement: "请平台处理" });
    const results = await Promise.allSettled([
      settleComplaint(w.admin, complaintId, { outcome: "FULL_REFUND", reason: "全额退款处理" }),
      settleComplaint(w.admin, complaintId, { outcome: "PARTIAL_REFUND", amountFen: 500, reason: "部分退款处理" }),
      settleComplaint(w.admin, complaintId, { outcome: "REJECTED", reason: "驳回这个投诉" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().refund.count({ where: { afterSaleId: id } })).toBeLessThanOrEqual(1);
    expect(await getDb().auditLog.count({ where: { subjectId: complaintId, action: "COMPLAINT_SETTLE" } })).toBe(1);
    await expectMoneyConsistent(orderId);
  });
});

describe("withdrawing a complaint", () => {
  it("ends the complaint and the request before settlement", async () => {
    const { id, orderId } = await rejected();
    const { complaintId } = await escalateToComplaint(w.buyer, id, { statement: "我要投诉卖家" });
    await requestEvidence(w.admin, complaintId, { from: "BUYER", note: "请补充照片", hours: 24 });
    await withdrawRequest(w.buyer, id);
    expect((await complaintOf(complaintId)).status).toBe("WITHDRAWN");
    expect((await requestRow(id)).status).toBe("WITHDRAWN");
    expect((await orderRow(orderId)).openCases).toBe(0);
    expect(await codeOf(settleComplaint(w.admin, complaintId, { outcome: "FULL_REFUND", reason: "全额退款处理" }))).toBe("INVALID_STATE");
    expect((await listComplaintQueue(w.admin)).complaints.map((c) => c.id)).not.toContain(complaintId);
  });
});

describe("the admin's view", () => {
  it("queues open complaints by SLA, flags those at risk, and bundles the evidence", async () => {
    const a = await rejected();
    const b = await rejected();
    const ca = await escalateToComplaint(w.buyer, a.id, { statement: "第一个投诉" });
    const cb = await escalateToComplaint(w.buyer, b.id, { statement: "第二个投诉" });
    // b is due in 3 hours: at risk, and first.
    await getDb().complaint.update({ where: { id: cb.complaintId }, data: { slaDueAt: new Date(Date.now() + 3 * 3600_000) } });
    const q = await listComplaintQueue(w.admin);
    const ids = q.complaints.map((c) => c.id);
    expect(ids.indexOf(cb.complaintId)).toBeLessThan(ids.indexOf(ca.complaintId));
    expect(q.complaints.find((c) => c.id === cb.complaintId)!.atRisk).toBe(true);
    expect(q.complaints.find((c) => c.id === ca.complaintId)!.atRisk).toBe(false);
    expect((await listComplaintQueue(w.admin, { tab: "atRisk" })).complaints.map((c) => c.id)).toEqual([cb.complaintId]);

    await postCaseMessage(w.sellerA, b.id, { body: "我们有签收照片" }, w.storeA.id);
    const view = await getAdminCase(w.admin, b.id);
    expect(view.bundle.order.lines.map((l) => l.lineTotalFen)).toEqual(expect.arrayContaining([2000, 3000]));
    expect(view.bundle.order.protectionTerms).toMatchObject({ afterSaleDaysAfterReceipt: 7, complaintDaysAfterRejection: 7 });
    expect(view.bundle.payment).toMatchObject({ amountFen: 5500 });
    expect(view.bundle.payment!.transactionId).toMatch(/^\d+/);
    expect(view.bundle.shipping).toMatchObject({ carrier: "SF", trackingNo: "SF1234567890" });
    expect(view.bundle.orderEvents.map((e) => e.type)).toEqual(expect.arrayContaining(["PAY", "SHIP"]));
    expect(view.events.map((e) => e.type)).toEqual(["OPEN", "SELLER_REJECT", "ESCALATE"]);
    expect(view.messages.map((m) => m.body)).toEqual(["第二个投诉", "我们有签收照片"]);
    expect(view.can).toMatchObject({ settle: true, requestEvidence: true, accept: false, withdraw: false });
  });
});
