// After-sale requests between buyer and seller: every transition of the request state
// machine through the domain functions, against the real database and the WeChat Pay
// sandbox (refunds are really sent and settled).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { buyerAcceptOffer, buyerDeclineOffer, buyerShipReturn, openRequest, sellerAccept, sellerConfirmReturn, sellerOffer, sellerReject, sellerRejectReturn, withdrawRequest } from "@/lib/protection/requests";
import { currentProtectionTerms } from "@/lib/protection/terms";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createImageRow, createUser } from "../../support/fixtures";
import { usePaymentsInProcess } from "../../support/payments";
import { codeOf, complete, errorOf, eventTypes, expectMoneyConsistent, orderRow, paidOrder, requestRow, settleRefunds, ship } from "./support";
import { ledgerBalances } from "../../support/catalog";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
  await getDb().store.update({ where: { id: w.storeA.id }, data: { returnRecipient: "退货仓", returnPhone: "0571-88888888", returnAddress: "浙江省杭州市余杭区仓前街道 1 号" } });
});

const base = { type: "REFUND_ONLY" as const, reason: "NOT_SHIPPED" as const, description: "一直没有发货" };

describe("opening a request", () => {
  it("opens on a paid order: waits for the seller with the frozen deadline, counts as 维权中, tells the store", async () => {
    const { orderId, lineIds } = await paidOrder(w, { prices: [1500] });
    // The order was promised a 5-hour answer at checkout; the programme's current 48 h must not apply.
    const order = await orderRow(orderId);
    await getDb().order.update({ where: { id: orderId }, data: { protectionTerms: { ...(order.protectionTerms as object), sellerResponseHours: 5 } } });
    const before = Date.now();
    const { id, caseNo } = await openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 1500 });
    const r = await requestRow(id);
    expect(caseNo).toMatch(/^AS\d{18}$/);
    expect(r).toMatchObject({ status: "AWAITING_SELLER", requestedFen: 1500, storeId: w.storeA.id, buyerId: w.buyer.userId });
    expect(r.sellerDueAt!.getTime() - before).toBeGreaterThanOrEqual(5 * 3600_000 - 1000);
    expect(r.sellerDueAt!.getTime() - before).toBeLessThan(5 * 3600_000 + 5000);
    expect((await orderRow(orderId)).openCases).toBe(1);
    expect(await eventTypes(id)).toEqual(["OPEN"]);
    expect(await getDb().job.count({ where: { singletonKey: { startsWith: `case.deadline:${id}:AWAITING_SELLER:` } } })).toBe(1);
    const n = await getDb().notification.findFirst({ where: { userId: w.sellerA.userId, kind: "AFTER_SALE_OPENED", subjectId: id } });
    expect(n?.link).toBe(`/seller/stores/${w.storeA.id}/cases/${id}`);
    await expectMoneyConsistent(orderId);
  });

  it("refuses what the order does not allow: a return before shipping, too much money, foreign lines, busy lines, a wrong reason", async () => {
    const { orderId, lineIds } = await paidOrder(w, { prices: [1000, 2000], postageFen: 800 });
    const fe = async (p: Promise<unknown>) => (await errorOf(p)).fieldErrors;
    expect(await fe(openRequest(w.buyer, { ...base, orderId, lineIds, type: "RETURN_AND_REFUND", reason: "DAMAGED", amountFen: 100 }))).toEqual({ type: ["typeNotAllowed"] });
    // One line: its price, without the postage.
    expect(await fe(openRequest(w.buyer, { ...base, orderId, lineIds: [lineIds[0]], amountFen: 1001 }))).toEqual({ amount: ["amountAboveRefundable"] });
    // Every line: the postage is refundable too, and not a fen more.
    expect(await fe(openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 3801 }))).toEqual({ amount: ["amountAboveRefundable"] });
    const other = await paidOrder(w);
    expect(await fe(openRequest(w.buyer, { ...base, orderId, lineIds: [other.lineIds[0]], amountFen: 100 }))).toEqual({ lineIds: ["lineUnknown"] });
    expect(await fe(openRequest(w.buyer, { ...base, orderId, lineIds: [lineIds[0]], type: "REFUND_ONLY", reason: "OTHER", description: "x", amountFen: 100 }))).toEqual({ description: ["tooShort"] });
    await ship(w, orderId);
    expect(await fe(openRequest(w.buyer, { ...base, orderId, lineIds, type: "RETURN_AND_REFUND", reason: "NOT_RECEIVED", amountFen: 100 }))).toEqual({ reason: ["reasonNotForReturn"] });
    const { id } = await openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 3800 });
    expect((await requestRow(id)).requestedFen).toBe(3800);
    // One open request per line at a time.
    expect(await fe(openRequest(w.buyer, { ...base, orderId, lineIds: [lineIds[1]], amountFen: 100 }))).toEqual({ lineIds: ["lineHasOpenCase"] });
    await expectMoneyConsistent(orderId);
  });

  it("checks the evidence images: the buyer's own uploads for this store only, at most the frozen maximum", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    const mine = await createImageRow({ uploaderId: w.buyer.userId, storeId: w.storeA.id });
    const sellers = await createImageRow({ uploaderId: w.sellerA.userId, storeId: w.storeA.id });
    const otherStore = await createImageRow({ uploaderId: w.buyer.userId, storeId: w.storeB.id });
    for (const bad of [sellers.id, otherStore.id, "nope"]) {
      expect((await errorOf(openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 100, evidenceImageIds: [mine.id, bad] }))).fieldErrors).toEqual({ evidenceImageIds: ["imageUnknown"] });
    }
    const ten = await Promise.all(Array.from({ length: 10 }, () => createImageRow({ uploaderId: w.buyer.userId, storeId: w.storeA.id })));
    expect((await errorOf(openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 100, evidenceImageIds: ten.map((i) => i.id) }))).fieldErrors).toEqual({ evidenceImageIds: ["tooManyImages"] });
    const { id } = await openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 100, evidenceImageIds: [mine.id] });
    expect((await requestRow(id)).evidenceImageIds).toEqual([mine.id]);
  });

  it("is open while paid or shipped and for the frozen days after receipt; never before payment or for someone else's order", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    await complete(w, orderId);
    const days = currentProtectionTerms().afterSaleDaysAfterReceipt;
    await getDb().order.update({ where: { id: orderId }, data: { completedAt: new Date(Date.now() - (days * 86_400_000 + 60_000)) } });
    const e = await errorOf(openRequest(w.buyer, { ...base, reason: "QUALITY", orderId, lineIds, amountFen: 100 }));
    expect(e.details?.messageKey).toBe("protectionWindowClosed");
    await getDb().order.update({ where: { id: orderId }, data: { completedAt: new Date(Date.now() - (days * 86_400_000 - 60_000)) } });
    const ok = await openRequest(w.buyer, { ...base, type: "RETURN_AND_REFUND", reason: "QUALITY", orderId, lineIds, amountFen: 100 });
    expect((await requestRow(ok.id)).status).toBe("AWAITING_SELLER");

    const stranger = await actorFor((await createUser("BUYER")).id);
    const fresh = await paidOrder(w);
    expect(await codeOf(openRequest(stranger, { ...base, orderId: fresh.orderId, lineIds: fresh.lineIds, amountFen: 100 }))).toBe("NOT_FOUND");
    await getDb().order.update({ where: { id: fresh.orderId }, data: { status: "CANCELLED" } });
    expect((await errorOf(openRequest(w.buyer, { ...base, orderId: fresh.orderId, lineIds: fresh.lineIds, amountFen: 100 }))).details?.messageKey).toBe("protectionWindowClosed");
  });
});

describe("the seller answers", () => {
  it("accepts a refund-only request: the refund goes to WeChat Pay and, settled, refunds the line and closes the order", async () => {
    const { orderId, lineIds } = await paidOrder(w, { prices: [1200], postageFen: 300 });
    const { id } = await openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 1500 });
    await sellerAccept(w.sellerA, w.storeA.id, id);
    const r = await requestRow(id);
    expect(r).toMatchObject({ status: "REFUNDING", approvedFen: 1500 });
    const refunds = await getDb().refund.findMany({ where: { orderId } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ cause: "AFTER_SALE", afterSaleId: id, amountFen: 1500, status: "PROCESSING" });
    expect(refunds[0].outRefundNo).toMatch(/01$/);
    // The line takes its price; the rest is the postage.
    expect(r.lines).toEqual([expect.objectContaining({ orderLineId: lineIds[0], amountFen: 1200 })]);
    await settleRefunds(orderId);
    const o = await orderRow(orderId);
    expect((await requestRow(id)).status).toBe("REFUNDED");
    expect(o).toMatchObject({ status: "CLOSED", refundedFen: 1500, openCases: 0 });
    expect(o.lines[0].refundedFen).toBe(1200);
    // Refunded in full before it shipped: the unit goes back on sale, in the ledger.
    const { skuId } = await getDb().orderLine.findUniqueOrThrow({ where: { id: lineIds[0] }, select: { skuId: true } });
    expect(await ledgerBalances(skuId)).toMatchObject({ stock: 100, ledgerSum: 100 });
    expect(await getDb().stockLedgerEntry.count({ where: { orderId, reason: "ORDER_RELEASED" } })).toBe(1);
    expect(await eventTypes(id)).toEqual(["OPEN", "SELLER_ACCEPT_REFUND", "REFUND_STARTED", "REFUND_SUCCEEDED"]);
    expect(await getDb().notification.count({ where: { userId: w.buyer.userId, kind: "CASE_UPDATED", subjectId: id } })).toBeGreaterThan(0);
    await expectMoneyConsistent(orderId);
  });

  it("accepts a return: the store's address is frozen on it, the buyer ships it back, the seller confirms, the refund settles", async () => {
    const { orderId, lineIds } = await paidOrder(w, { prices: [800, 900] });
    await ship(w, orderId);
    const { id } = await openRequest(w.buyer, { ...base, type: "RETURN_AND_REFUND", reason: "DAMAGED", orderId, lineIds: [lineIds[1]], amountFen: 900 });
    await sellerAccept(w.sellerA, w.storeA.id, id);
    let r = await requestRow(id);
    expect(r.status).toBe("AWAITING_RETURN");
    expect(JSON.parse(r.returnAddress!)).toEqual({ recipient: "退货仓", phone: "0571-88888888", address: "浙江省杭州市余杭区仓前街道 1 号" });
    expect(r.buyerDueAt!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    // Changing the store's address later does not change what this buyer was told.
    await getDb().store.update({ where: { id: w.storeA.id }, data: { returnAddress: "浙江省杭州市余杭区仓前街道 1 号" } });
    expect((await errorOf(buyerShipReturn(w.buyer, id, { carrier: "XX", trackingNo: "SF1" }))).fieldErrors).toEqual({ carrier: ["carrierRequired"], trackingNo: ["trackingFormat"] });
    await buyerShipReturn(w.buyer, id, { carrier: "SF", trackingNo: "sf9988776655" });
    r = await requestRow(id);
    expect(r).toMatchObject({ status: "RETURN_SHIPPED", returnCarrier: "SF", returnTrackingNo: "SF9988776655" });
    expect(r.sellerDueAt!.getTime()).toBeGreaterThan(Date.now() + 9 * 86_400_000);
    await sellerConfirmReturn(w.sellerA, w.storeA.id, id);
    expect((await requestRow(id)).status).toBe("REFUNDING");
    await settleRefunds(orderId);
    const o = await orderRow(orderId);
    expect((await requestRow(id)).status).toBe("REFUNDED");
    expect(o).toMatchObject({ status: "SHIPPED", refundedFen: 900, openCases: 0 });
    expect(o.lines.find((l) => l.id === lineIds[1])!.refundedFen).toBe(900);
    expect(o.lines.find((l) => l.id === lineIds[0])!.refundedFen).toBe(0);
    await expectMoneyConsistent(orderId);
  });

  it("needs a return address to accept a return when the store has none saved", async () => {
    const world2 = await authWorld();
    const w2 = { buyer: world2.buyer, sellerA: world2.sellerA, storeA: world2.storeA };
    const { orderId, lineIds } = await paidOrder(w2);
    await ship(w2, orderId);
    const { id } = await openRequest(w2.buyer, { ...base, type: "RETURN_AND_REFUND", reason: "QUALITY", orderId, lineIds, amountFen: 1000 });
    expect((await errorOf(sellerAccept(w2.sellerA, w2.storeA.id, id))).fieldErrors).toEqual({ returnAddress: ["returnAddressRequired"] });
    expect((await errorOf(sellerAccept(w2.sellerA, w2.storeA.id, id, { returnAddress: { recipient: "", phone: "123", address: "x" } }))).fieldErrors).toMatchObject({
      "returnAddress.recipient": ["required"],
      "returnAddress.phone": ["phoneFormat"],
      "returnAddress.address": ["tooShort"],
    });
    await sellerAccept(w2.sellerA, w2.storeA.id, id, { returnAddress: { recipient: "张三", phone: "13900001111", address: "上海市浦东新区 8 号" } });
    expect(JSON.parse((await requestRow(id)).returnAddress!)).toMatchObject({ recipient: "张三" });
  });

  it("rejects with a reason: the buyer may complain until the frozen number of days later; not after the answer deadline", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    const { id } = await openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 1000 });
    expect((await errorOf(sellerReject(w.sellerA, w.storeA.id, id, { reason: "" }))).fieldErrors).toEqual({ reason: ["reasonRequired"] });
    await sellerReject(w.sellerA, w.storeA.id, id, { reason: "已经发货，物流在途" });
    const r = await requestRow(id);
    expect(r).toMatchObject({ status: "REJECTED", rejectReason: "已经发货，物流在途", sellerDueAt: null });
    expect(Math.abs(r.escalateBy!.getTime() - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    // Still 维权中: the buyer may yet complain.
    expect((await orderRow(orderId)).openCases).toBe(1);
    expect(await codeOf(sellerReject(w.sellerA, w.storeA.id, id, { reason: "again" }))).toBe("INVALID_STATE");

    // Silence past the deadline is acceptance: a late rejection must not overtake the timer.
    const other = await paidOrder(w);
    const late = await openRequest(w.buyer, { ...base, orderId: other.orderId, lineIds: other.lineIds, amountFen: 100 });
    await getDb().afterSaleRequest.update({ where: { id: late.id }, data: { sellerDueAt: new Date(Date.now() - 1000) } });
    expect((await errorOf(sellerReject(w.sellerA, w.storeA.id, late.id, { reason: "too late" }))).details?.messageKey).toBe("deadlinePassed");
    expect((await errorOf(sellerOffer(w.sellerA, w.storeA.id, late.id, { amountFen: 50 }))).details?.messageKey).toBe("deadlinePassed");
    // Accepting late is still fine (it is what the timer would do).
    await sellerAccept(w.sellerA, w.storeA.id, late.id);
    expect((await requestRow(late.id)).status).toBe("REFUNDING");
  });

  it("offers a partial refund: it must be less than asked; the buyer accepts it and exactly the offer is refunded", async () => {
    const { orderId, lineIds } = await paidOrder(w, { prices: [3000] });
    await complete(w, orderId);
    const { id } = await openRequest(w.buyer, { ...base, reason: "QUALITY", orderId, lineIds, amountFen: 3000 });
    expect((await errorOf(sellerOffer(w.sellerA, w.storeA.id, id, { amountFen: 3000 }))).fieldErrors).toEqual({ amount: ["offerNotPartial"] });
    await sellerOffer(w.sellerA, w.storeA.id, id, { amountFen: 1200, note: "少量划痕，补偿 12 元" });
    expect(await requestRow(id)).toMatchObject({ status: "OFFER_PENDING", offeredFen: 1200 });
    await buyerAcceptOffer(w.buyer, id);
    expect(await requestRow(id)).toMatchObject({ status: "REFUNDING", approvedFen: 1200 });
    await settleRefunds(orderId);
    const o = await orderRow(orderId);
    expect(o).toMatchObject({ status: "COMPLETED", refundedFen: 1200, openCases: 0 });
    expect(o.lines[0].refundedFen).toBe(1200);
    // What is left of the line can be asked for again.
    expect((await errorOf(openRequest(w.buyer, { ...base, reason: "QUALITY", orderId, lineIds, amountFen: 1801 }))).fieldErrors).toEqual({ amount: ["amountAboveRefundable"] });
    const again = await openRequest(w.buyer, { ...base, reason: "QUALITY", orderId, lineIds, amountFen: 1800 });
    expect((await requestRow(again.id)).status).toBe("AWAITING_SELLER");
    await expectMoneyConsistent(orderId);
  });

  it("lets the buyer decline an offer, which they can then take to the platform", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    const { id } = await openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 1000 });
    await sellerOffer(w.sellerA, w.storeA.id, id, { amountFen: 500 });
    await buyerDeclineOffer(w.buyer, id);
    const r = await requestRow(id);
    expect(r.status).toBe("REJECTED");
    expect(r.escalateBy!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(await codeOf(buyerAcceptOffer(w.buyer, id))).toBe("INVALID_STATE");
    expect(await eventTypes(id)).toEqual(["OPEN", "SELLER_OFFER", "BUYER_DECLINE_OFFER"]);
  });

  it("refuses an offer accepted after it lapsed", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    const { id } = await openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 1000 });
    await sellerOffer(w.sellerA, w.storeA.id, id, { amountFen: 500 });
    await getDb().afterSaleRequest.update({ where: { id }, data: { buyerDueAt: new Date(Date.now() - 1000) } });
    expect((await errorOf(buyerAcceptOffer(w.buyer, id))).details?.messageKey).toBe("deadlinePassed");
    expect(await getDb().refund.count({ where: { afterSaleId: id } })).toBe(0);
  });

  it("rejects a returned parcel with a reason (a failed return the buyer may complain about)", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    await ship(w, orderId);
    const { id } = await openRequest(w.buyer, { ...base, type: "RETURN_AND_REFUND", reason: "NOT_AS_DESCRIBED", orderId, lineIds, amountFen: 1000 });
    await sellerAccept(w.sellerA, w.storeA.id, id);
    expect(await codeOf(sellerConfirmReturn(w.sellerA, w.storeA.id, id))).toBe("INVALID_STATE");
    await buyerShipReturn(w.buyer, id, { carrier: "ZTO", trackingNo: "ZTO12345678" });
    await sellerRejectReturn(w.sellerA, w.storeA.id, id, { reason: "退回的是空盒" });
    const r = await requestRow(id);
    expect(r).toMatchObject({ status: "REJECTED", rejectReason: "退回的是空盒" });
    expect(r.escalateBy).not.toBeNull();
    expect(await getDb().refund.count({ where: { afterSaleId: id } })).toBe(0);
  });
});

describe("withdrawing", () => {
  it("ends the request from any state before the money moves, and frees its lines", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    await ship(w, orderId);
    const steps: ((id: string) => Promise<unknown>)[] = [
      async () => {},
      (id) => sellerOffer(w.sellerA, w.storeA.id, id, { amountFen: 10 }),
      (id) => sellerAccept(w.sellerA, w.storeA.id, id),
      async (id) => (await sellerAccept(w.sellerA, w.storeA.id, id), buyerShipReturn(w.buyer, id, { carrier: "SF", trackingNo: "SF0000000001" })),
      (id) => sellerReject(w.sellerA, w.storeA.id, id, { reason: "不同意" }),
    ];
    const seen: string[] = [];
    for (const step of steps) {
      const { id } = await openRequest(w.buyer, { ...base, type: "RETURN_AND_REFUND", reason: "QUALITY", orderId, lineIds, amountFen: 100 });
      await step(id);
      seen.push((await requestRow(id)).status);
      await withdrawRequest(w.buyer, id);
      expect(await requestRow(id)).toMatchObject({ status: "WITHDRAWN" });
      expect((await orderRow(orderId)).openCases).toBe(0);
    }
    expect(seen).toEqual(["AWAITING_SELLER", "OFFER_PENDING", "AWAITING_RETURN", "RETURN_SHIPPED", "REJECTED"]);
  });

  it("is too late once the refund is on its way", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    const { id } = await openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 1000 });
    await sellerAccept(w.sellerA, w.storeA.id, id);
    expect(await codeOf(withdrawRequest(w.buyer, id))).toBe("INVALID_STATE");
    expect((await requestRow(id)).status).toBe("REFUNDING");
  });
});

describe("racing actions", () => {
  it("opens one request when the buyer submits twice at once (the second finds the line busy)", async () => {
    const { orderId, lineIds } = await paidOrder(w);
    const results = await Promise.allSettled([0, 1, 2].map(() => openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 1000 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason.fieldErrors).toEqual({ lineIds: ["lineHasOpenCase"] });
    expect(await getDb().afterSaleRequest.count({ where: { orderId } })).toBe(1);
    expect((await orderRow(orderId)).openCases).toBe(1);
  });

  it("lets exactly one of a seller's accept and the buyer's withdrawal win, and never half of each", async () => {
    for (let i = 0; i < 5; i++) {
      const { orderId, lineIds } = await paidOrder(w);
      const { id } = await openRequest(w.buyer, { ...base, orderId, lineIds, amountFen: 1000 });
      const results = await Promise.allSettled([sellerAccept(w.sellerA, w.storeA.id, id), withdrawRequest(w.buyer, id)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const r = await requestRow(id);
      const refunds = await getDb().refund.count({ where: { afterSaleId: id } });
      if (r.status === "REFUNDING") expect(refunds).toBe(1);
      else expect([r.status, refunds]).toEqual(["WITHDRAWN", 0]);
      await expectMoneyConsistent(orderId);
    }
  });
});
