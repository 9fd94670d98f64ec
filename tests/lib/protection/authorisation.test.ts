// Who may call each exported purchase-protection function: anonymous, the case's buyer,
// another buyer, the store's seller, another store's seller, an admin. Everyone but the
// allowed party is turned away (anonymous must sign in; the rest get 404, exactly as for a
// case that does not exist) and nothing changes; the allowed party then succeeds on the very
// same case, so the refusals are about who asked, not about the case's state.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { closeFailedRefund, retryFailedRefund } from "@/lib/protection/admin-refunds";
import { listAuditLog } from "@/lib/protection/audit";
import { escalateToComplaint, requestEvidence, settleComplaint, submitEvidence } from "@/lib/protection/complaints";
import { postCaseMessage } from "@/lib/protection/messages";
import {
  complaintRequestId,
  getAdminCase,
  getApplyForm,
  getBuyerCase,
  getOrderProtection,
  getSellerCase,
  getStoreOrderProtection,
  listComplaintQueue,
  listFailedRefunds,
  listMyCases,
  listStoreCases,
  openCasesForOrders,
} from "@/lib/protection/queries";
import { buyerAcceptOffer, buyerDeclineOffer, buyerShipReturn, openRequest, sellerAccept, sellerConfirmReturn, sellerOffer, sellerReject, sellerRejectReturn, withdrawRequest } from "@/lib/protection/requests";
import { uploadCaseEvidence } from "@/lib/protection/uploads";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createUser, pngBytes } from "../../support/fixtures";
import { usePaymentsInProcess } from "../../support/payments";
import { paidOrder, ship } from "./support";

useTestDatabase();
usePaymentsInProcess();

type Who = "anonymous" | "buyer" | "buyer2" | "sellerA" | "sellerB" | "admin";
const everyone: Who[] = ["anonymous", "buyer", "buyer2", "sellerA", "sellerB", "admin"];
let w: Awaited<ReturnType<typeof authWorld>> & { buyer2: Actor };
const as = (who: Who): Actor | null => (who === "anonymous" ? null : w[who]);

beforeAll(async () => {
  const world = await authWorld();
  w = { ...world, buyer2: await actorFor((await createUser("BUYER")).id) };
  await getDb().store.update({ where: { id: w.storeA.id }, data: { returnRecipient: "退货仓", returnPhone: "13800000000", returnAddress: "杭州市西湖区 1 号" } });
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

/** A snapshot of everything a refused call must leave alone. */
async function snapshot() {
  const db = getDb();
  const [requests, complaints, refunds, messages, events, audit] = await Promise.all([
    db.afterSaleRequest.findMany({ select: { id: true, status: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db.complaint.findMany({ select: { id: true, status: true, updatedAt: true }, orderBy: { id: "asc" } }),
    db.refund.count(),
    db.caseMessage.count(),
    db.caseEvent.count(),
    db.auditLog.count(),
  ]);
  return JSON.stringify({ requests, complaints, refunds, messages, events, audit });
}

/** Everyone but `allowed` is refused and changes nothing; then `allowed` succeeds. */
async function only(allowed: Who, call: (a: Actor | null) => Promise<unknown>) {
  const before = await snapshot();
  for (const who of everyone.filter((x) => x !== allowed)) {
    expect(await codeOf(call(as(who))), `${who} must be refused`).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "NOT_FOUND");
  }
  expect(await snapshot(), "refused calls change nothing").toBe(before);
  expect(await codeOf(call(as(allowed))), `${allowed} is allowed`).toBe("ok");
}

const desc = { type: "REFUND_ONLY" as const, reason: "QUALITY" as const, description: "质量问题" };

/** A case of store A in the given state (the buyer's, on a shipped order). */
async function caseIn(state: "AWAITING_SELLER" | "OFFER_PENDING" | "AWAITING_RETURN" | "RETURN_SHIPPED" | "REJECTED" | "ESCALATED" | "EVIDENCE_FROM_BUYER" | "EVIDENCE_FROM_SELLER" | "REFUND_FAILED", type: "REFUND_ONLY" | "RETURN_AND_REFUND" = "REFUND_ONLY") {
  const { orderId, lineIds } = await paidOrder(w);
  await ship(w, orderId);
  const { id } = await openRequest(w.buyer, { ...desc, type, orderId, lineIds, amountFen: 1000 });
  if (state === "OFFER_PENDING") await sellerOffer(w.sellerA, w.storeA.id, id, { amountFen: 500 });
  if (state === "AWAITING_RETURN" || state === "RETURN_SHIPPED") await sellerAccept(w.sellerA, w.storeA.id, id);
  if (state === "RETURN_SHIPPED") await buyerShipReturn(w.buyer, id, { carrier: "SF", trackingNo: "SF1111111111" });
  let complaintId = "";
  if (["REJECTED", "ESCALATED", "EVIDENCE_FROM_BUYER", "EVIDENCE_FROM_SELLER"].includes(state)) await sellerReject(w.sellerA, w.storeA.id, id, { reason: "不同意" });
  if (["ESCALATED", "EVIDENCE_FROM_BUYER", "EVIDENCE_FROM_SELLER"].includes(state)) complaintId = (await escalateToComplaint(w.buyer, id, { statement: "请平台处理" })).complaintId;
  if (state === "EVIDENCE_FROM_BUYER") await requestEvidence(w.admin, complaintId, { from: "BUYER", note: "请补充", hours: 24 });
  if (state === "EVIDENCE_FROM_SELLER") await requestEvidence(w.admin, complaintId, { from: "SELLER", note: "请补充", hours: 24 });
  if (state === "REFUND_FAILED") {
    // The refund came back ABNORMAL (made directly: this file is about who may act).
    await sellerAccept(w.sellerA, w.storeA.id, id);
    await getDb().refund.updateMany({ where: { afterSaleId: id }, data: { status: "ABNORMAL" } });
    await getDb().afterSaleRequest.update({ where: { id }, data: { status: "REFUND_FAILED" } });
  }
  return { id, orderId, lineIds, complaintId };
}

describe("the buyer's actions", () => {
  it("openRequest: only the order's buyer", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    await only("buyer", (a) => openRequest(a, { ...desc, orderId, lineIds, amountFen: 100 }));
  });
  it("buyerAcceptOffer / buyerDeclineOffer", async () => {
    const c1 = await caseIn("OFFER_PENDING");
    await only("buyer", (a) => buyerAcceptOffer(a, c1.id));
    const c2 = await caseIn("OFFER_PENDING");
    await only("buyer", (a) => buyerDeclineOffer(a, c2.id));
  });
  it("buyerShipReturn", async () => {
    const c = await caseIn("AWAITING_RETURN", "RETURN_AND_REFUND");
    await only("buyer", (a) => buyerShipReturn(a, c.id, { carrier: "SF", trackingNo: "SF2222222222" }));
  });
  it("withdrawRequest", async () => {
    const c = await caseIn("AWAITING_SELLER");
    await only("buyer", (a) => withdrawRequest(a, c.id));
  });
  it("escalateToComplaint", async () => {
    const c = await caseIn("REJECTED");
    await only("buyer", (a) => escalateToComplaint(a, c.id, { statement: "请平台处理" }));
  });
  it("uploadCaseEvidence: only for the buyer's own paid order", async () => {
    const { orderId } = await paidOrder(w);
    const data = await pngBytes(100, 100);
    await only("buyer", (a) => uploadCaseEvidence(a, { orderId, data }));
    const img = await getDb().image.findFirstOrThrow({ where: { uploaderId: w.buyer.userId }, orderBy: { createdAt: "desc" } });
    expect(img.storeId).toBe(w.storeA.id);
  });
});

describe("the seller's actions (sellerB is refused with store A's id too)", () => {
  it("sellerAccept", async () => {
    const c = await caseIn("AWAITING_SELLER");
    await only("sellerA", (a) => sellerAccept(a, w.storeA.id, c.id));
    // Store B's seller naming their own store reaches nothing either.
    const c2 = await caseIn("AWAITING_SELLER");
    expect(await codeOf(sellerAccept(w.sellerB, w.storeB.id, c2.id))).toBe("NOT_FOUND");
  });
  it("sellerReject / sellerOffer", async () => {
    const c1 = await caseIn("AWAITING_SELLER");
    await only("sellerA", (a) => sellerReject(a, w.storeA.id, c1.id, { reason: "不同意" }));
    const c2 = await caseIn("AWAITING_SELLER");
    await only("sellerA", (a) => sellerOffer(a, w.storeA.id, c2.id, { amountFen: 300 }));
  });
  it("sellerConfirmReturn / sellerRejectReturn", async () => {
    const c1 = await caseIn("RETURN_SHIPPED", "RETURN_AND_REFUND");
    await only("sellerA", (a) => sellerConfirmReturn(a, w.storeA.id, c1.id));
    const c2 = await caseIn("RETURN_SHIPPED", "RETURN_AND_REFUND");
    await only("sellerA", (a) => sellerRejectReturn(a, w.storeA.id, c2.id, { reason: "空包裹" }));
  });
});

describe("evidence and messages (the party asked; the parties of the case)", () => {
  it("submitEvidence: the buyer when asked; the seller when asked", async () => {
    // The other party of the case may see it, so it is told no evidence is asked of it (409), not 404.
    const b = await caseIn("EVIDENCE_FROM_BUYER");
    expect(await codeOf(submitEvidence(w.sellerA, b.id, { note: "卖家也想补充" }, w.storeA.id))).toBe("INVALID_STATE");
    await only("buyer", (a) => (a?.userId === w.sellerA.userId ? Promise.reject(new AppError("NOT_FOUND", "skip")) : submitEvidence(a, b.id, { note: "补充照片" }, w.storeA.id)));
    const s = await caseIn("EVIDENCE_FROM_SELLER");
    expect(await codeOf(submitEvidence(w.buyer, s.id, { note: "买家也想补充" }))).toBe("INVALID_STATE");
    await only("sellerA", (a) => (a?.userId === w.buyer.userId ? Promise.reject(new AppError("NOT_FOUND", "skip")) : submitEvidence(a, s.id, { note: "发货凭证" }, w.storeA.id)));
  });
  it("postCaseMessage: the buyer, the store's seller and admins; never another buyer or store", async () => {
    const c = await caseIn("AWAITING_SELLER");
    for (const who of ["anonymous", "buyer2", "sellerB"] as Who[]) {
      expect(await codeOf(postCaseMessage(as(who), c.id, { body: "你好" }, w.storeA.id))).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "NOT_FOUND");
    }
    for (const who of ["buyer", "sellerA", "admin"] as Who[]) expect(await codeOf(postCaseMessage(as(who), c.id, { body: `来自 ${who}` }, w.storeA.id))).toBe("ok");
    expect(await getDb().caseMessage.count({ where: { requestId: c.id } })).toBe(3);
  });
});

describe("admin-only actions", () => {
  it("requestEvidence / settleComplaint", async () => {
    const c1 = await caseIn("ESCALATED");
    await only("admin", (a) => requestEvidence(a, c1.complaintId, { from: "SELLER", note: "请补充", hours: 24 }));
    const c2 = await caseIn("ESCALATED");
    await only("admin", (a) => settleComplaint(a, c2.complaintId, { outcome: "REJECTED", reason: "证据不足，驳回" }));
  });
  it("retryFailedRefund / closeFailedRefund", async () => {
    const c1 = await caseIn("REFUND_FAILED");
    await only("admin", (a) => retryFailedRefund(a, c1.id, { reason: "重新发起退款" }));
    const c2 = await caseIn("REFUND_FAILED");
    await only("admin", (a) => closeFailedRefund(a, c2.id, { reason: "已线下处理" }));
  });
});

describe("reads", () => {
  it("each party reads only its own cases", async () => {
    const c = await caseIn("ESCALATED");
    await only("buyer", (a) => getBuyerCase(a, c.id));
    await only("sellerA", (a) => getSellerCase(a, w.storeA.id, c.id));
    await only("admin", (a) => getAdminCase(a, c.id));
    await only("admin", (a) => complaintRequestId(a, c.complaintId));
    await only("buyer", (a) => getApplyForm(a, c.orderId));
    await only("buyer", (a) => getOrderProtection(a, c.orderId));
    await only("sellerA", (a) => getStoreOrderProtection(a, w.storeA.id, c.orderId));
    await only("sellerA", (a) => listStoreCases(a, w.storeA.id));
    await only("admin", (a) => listComplaintQueue(a));
    await only("admin", (a) => listFailedRefunds(a));
    await only("admin", (a) => listAuditLog(a));
  });

  it("lists hold nothing of others: another buyer's list and counts are empty, a foreign order id is ignored", async () => {
    const c = await caseIn("AWAITING_SELLER");
    expect((await listMyCases(w.buyer)).cases.map((x) => x.id)).toContain(c.id);
    expect((await listMyCases(w.buyer2)).cases).toEqual([]);
    expect(await codeOf(listMyCases(null))).toBe("UNAUTHENTICATED");
    for (const who of ["sellerA", "admin"] as Who[]) expect(await codeOf(listMyCases(as(who)))).toBe("NOT_FOUND");
    expect(await openCasesForOrders(w.buyer, [c.orderId])).toEqual({ [c.orderId]: 1 });
    expect(await openCasesForOrders(w.buyer2, [c.orderId])).toEqual({});
    expect(await codeOf(openCasesForOrders(w.sellerA, [c.orderId]))).toBe("NOT_FOUND");
    // Store B's list does not hold store A's case.
    const b = await listStoreCases(w.sellerB, w.storeB.id, { tab: "all" });
    expect(b.cases).toEqual([]);
  });
});
