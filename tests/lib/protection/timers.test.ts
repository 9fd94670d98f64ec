// Every deadline of a case, driven through the job queue: the deadline (and its job) is moved
// into the past and the due jobs run — no sleeping. Also: a timer that comes early asks to
// run again at the deadline, and a timer for a state the case has left does nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { escalateToComplaint, requestEvidence } from "@/lib/protection/complaints";
import { buyerShipReturn, openRequest, sellerAccept, sellerOffer, sellerReject } from "@/lib/protection/requests";
import { caseDeadlineJob } from "@/lib/protection/timers";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { usePaymentsInProcess } from "../../support/payments";
import { eventTypes, expectMoneyConsistent, orderRow, paidOrder, passDeadline, passEvidenceDeadline, requestRow, settleRefunds, ship } from "./support";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

const withAddress = () => getDb().store.update({ where: { id: w.storeA.id }, data: { returnRecipient: "退货仓", returnPhone: "13800000000", returnAddress: "杭州市西湖区 1 号" } });
const withoutAddress = () => getDb().store.update({ where: { id: w.storeA.id }, data: { returnRecipient: null, returnPhone: null, returnAddress: null } });

async function open(type: "REFUND_ONLY" | "RETURN_AND_REFUND", opts: { shipped?: boolean; amountFen?: number } = {}) {
  const { orderId, lineIds } = await paidOrder(w, { prices: [2000] });
  if (opts.shipped ?? type === "RETURN_AND_REFUND") await ship(w, orderId);
  const { id } = await openRequest(w.buyer, { orderId, lineIds, type, reason: "QUALITY", description: "有问题", amountFen: opts.amountFen ?? 2000 });
  return { id, orderId };
}

describe("the seller does not answer in time", () => {
  it("a refund-only request is accepted and refunded", async () => {
    const { id, orderId } = await open("REFUND_ONLY");
    // The queue runs the timer, then our refund submission, then the sandbox's settlement.
    await passDeadline(id);
    await settleRefunds(orderId);
    expect(await requestRow(id)).toMatchObject({ status: "REFUNDED", approvedFen: 2000 });
    expect(await eventTypes(id)).toEqual(["OPEN", "AUTO_ACCEPT_REFUND", "REFUND_STARTED", "REFUND_SUCCEEDED"]);
    expect((await getDb().caseEvent.findFirstOrThrow({ where: { requestId: id, type: "AUTO_ACCEPT_REFUND" } })).actorKind).toBe("SYSTEM");
    expect(await orderRow(orderId)).toMatchObject({ status: "CLOSED", refundedFen: 2000, openCases: 0 });
  });

  it("a return is accepted with the store's saved return address", async () => {
    await withAddress();
    const { id } = await open("RETURN_AND_REFUND");
    await passDeadline(id);
    const r = await requestRow(id);
    expect(r.status).toBe("AWAITING_RETURN");
    expect(JSON.parse(r.returnAddress!)).toMatchObject({ address: "杭州市西湖区 1 号" });
    expect(r.buyerDueAt).not.toBeNull();
  });

  it("a return the store gave no address for is refunded without the goods coming back", async () => {
    await withoutAddress();
    const { id, orderId } = await open("RETURN_AND_REFUND");
    await passDeadline(id);
    await settleRefunds(orderId);
    expect(await requestRow(id)).toMatchObject({ status: "REFUNDED", returnAddress: null, approvedFen: 2000 });
    expect((await getDb().caseEvent.findFirstOrThrow({ where: { requestId: id, type: "AUTO_ACCEPT_REFUND" } })).data).toEqual({ returnWaived: true });
    await withAddress();
  });

  it("a shipped return is taken as received and refunded", async () => {
    await withAddress();
    const { id, orderId } = await open("RETURN_AND_REFUND");
    await sellerAccept(w.sellerA, w.storeA.id, id);
    await buyerShipReturn(w.buyer, id, { carrier: "SF", trackingNo: "SF5555555555" });
    await passDeadline(id);
    await settleRefunds(orderId);
    const r = await requestRow(id);
    expect(r.status).toBe("REFUNDED");
    expect(r.returnReceivedAt).not.toBeNull();
    expect(await eventTypes(id)).toEqual(["OPEN", "SELLER_ACCEPT_RETURN", "BUYER_SHIP_RETURN", "AUTO_CONFIRM_RETURN", "REFUND_STARTED", "REFUND_SUCCEEDED"]);
    await expectMoneyConsistent(orderId);
  });
});

describe("the buyer does not act in time", () => {
  it("an unanswered offer lapses like a decline: the buyer may still complain", async () => {
    const { id } = await open("REFUND_ONLY");
    await sellerOffer(w.sellerA, w.storeA.id, id, { amountFen: 800 });
    await passDeadline(id);
    const r = await requestRow(id);
    expect(r.status).toBe("REJECTED");
    expect(r.escalateBy!.getTime()).toBeGreaterThan(Date.now());
    expect(await getDb().refund.count({ where: { afterSaleId: id } })).toBe(0);
  });

  it("a return not shipped in time closes the request (维权中 ends) but it can be escalated within the window", async () => {
    await withAddress();
    const { id, orderId } = await open("RETURN_AND_REFUND");
    await sellerAccept(w.sellerA, w.storeA.id, id);
    await passDeadline(id);
    const r = await requestRow(id);
    expect(r.status).toBe("CLOSED");
    expect(r.escalateBy!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect((await orderRow(orderId)).openCases).toBe(0);
    await escalateToComplaint(w.buyer, id, { statement: "快递一直不上门取件" });
    expect((await requestRow(id)).status).toBe("ESCALATED");
    expect((await orderRow(orderId)).openCases).toBe(1);
  });

  it("a rejection not taken to the platform in time closes the request", async () => {
    const { id, orderId } = await open("REFUND_ONLY");
    await sellerReject(w.sellerA, w.storeA.id, id, { reason: "不同意" });
    await passDeadline(id);
    expect((await requestRow(id)).status).toBe("CLOSED");
    expect((await orderRow(orderId)).openCases).toBe(0);
    const e = await escalateToComplaint(w.buyer, id, { statement: "我要投诉这个卖家" }).catch((x) => x);
    expect(e.details.messageKey).toBe("escalationWindowClosed");
  });

  it("evidence not sent in time sends the complaint back to the admins", async () => {
    const { id } = await open("REFUND_ONLY");
    await sellerReject(w.sellerA, w.storeA.id, id, { reason: "不同意" });
    const { complaintId } = await escalateToComplaint(w.buyer, id, { statement: "卖家无理拒绝" });
    await requestEvidence(w.admin, complaintId, { from: "SELLER", note: "请提供发货凭证", hours: 24 });
    expect((await getDb().complaint.findUniqueOrThrow({ where: { id: complaintId } })).status).toBe("AWAITING_EVIDENCE");
    await passEvidenceDeadline(complaintId);
    expect(await getDb().complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({ status: "OPEN", evidenceFrom: null, evidenceDueAt: null });
    expect(await eventTypes(id)).toContain("COMPLAINT_EVIDENCE_EXPIRED");
  });
});

describe("timers are idempotent", () => {
  it("an early timer asks to run again at the deadline and changes nothing", async () => {
    const { id } = await open("REFUND_ONLY");
    const r = await requestRow(id);
    const result = await caseDeadlineJob({ kind: "request", requestId: id, status: "AWAITING_SELLER" });
    expect(result).toEqual({ rescheduleAt: r.sellerDueAt });
    expect((await requestRow(id)).status).toBe("AWAITING_SELLER");
  });

  it("a timer for a state the case has left, or run twice, does nothing more", async () => {
    const { id, orderId } = await open("REFUND_ONLY");
    await sellerReject(w.sellerA, w.storeA.id, id, { reason: "不同意" });
    // The seller answered: the answer deadline's job finds the case moved on.
    await getDb().afterSaleRequest.update({ where: { id }, data: { sellerDueAt: new Date(Date.now() - 1000) } });
    expect(await caseDeadlineJob({ kind: "request", requestId: id, status: "AWAITING_SELLER" })).toBeUndefined();
    expect((await requestRow(id)).status).toBe("REJECTED");
    await passDeadline(id);
    const events = await eventTypes(id);
    await caseDeadlineJob({ kind: "request", requestId: id, status: "REJECTED" });
    expect(await eventTypes(id)).toEqual(events);
    expect((await orderRow(orderId)).openCases).toBe(0);
  });

  it("a timer racing the seller's own accept refunds once", async () => {
    for (let i = 0; i < 4; i++) {
      const { id, orderId } = await open("REFUND_ONLY");
      await getDb().afterSaleRequest.update({ where: { id }, data: { sellerDueAt: new Date(Date.now() - 1) } });
      const results = await Promise.allSettled([caseDeadlineJob({ kind: "request", requestId: id, status: "AWAITING_SELLER" }), sellerAccept(w.sellerA, w.storeA.id, id)]);
      expect(results[0].status).toBe("fulfilled");
      expect(await getDb().refund.count({ where: { afterSaleId: id } })).toBe(1);
      await expectMoneyConsistent(orderId);
    }
  });
});
