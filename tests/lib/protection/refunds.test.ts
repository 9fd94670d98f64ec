// Refund arithmetic: the pure split and ceiling (property tests), then against Postgres and
// the sandbox — many partial refunds on one order add up and never exceed what was paid;
// a seller, an admin and timers acting on one order at the same moment (real concurrency)
// cannot over-refund; refunds WeChat Pay could not pay go to the admins, who retry or close
// them (audit-logged).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { allocate, roomFor } from "@/lib/protection/arithmetic";
import { closeFailedRefund, retryFailedRefund } from "@/lib/protection/admin-refunds";
import { listAuditLog } from "@/lib/protection/audit";
import { escalateToComplaint, settleComplaint } from "@/lib/protection/complaints";
import { getAdminCase, listFailedRefunds } from "@/lib/protection/queries";
import { refundRoom } from "@/lib/protection/refunds";
import { buyerAcceptOffer, openRequest, sellerAccept, sellerOffer, sellerReject } from "@/lib/protection/requests";
import { setFaults } from "@/lib/sandbox/wechatpay/faults";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { usePaymentsInProcess } from "../../support/payments";
import { codeOf, errorOf, expectMoneyConsistent, orderRow, paidOrder, requestRow, settleRefunds } from "./support";

describe("the arithmetic (pure)", () => {
  const room = fc.record({
    lines: fc.array(fc.record({ orderLineId: fc.uuid(), remainingFen: fc.integer({ min: 0, max: 100_000 }) }), { minLength: 1, maxLength: 6 }),
    postageRemainingFen: fc.integer({ min: 0, max: 5_000 }),
  });

  it("splits any amount that fits exactly: parts add up, none exceeds its line, postage only takes what the lines cannot", () => {
    fc.assert(
      fc.property(room, fc.double({ min: 0, max: 1, noNaN: true }), (r, f) => {
        const capacity = r.lines.reduce((n, l) => n + l.remainingFen, 0);
        const amount = Math.floor((capacity + r.postageRemainingFen) * f);
        const split = allocate(amount, r);
        expect(split.lines.reduce((n, l) => n + l.amountFen, 0) + split.postageFen).toBe(amount);
        split.lines.forEach((l, i) => {
          expect(l.amountFen).toBeGreaterThanOrEqual(0);
          expect(l.amountFen).toBeLessThanOrEqual(r.lines[i].remainingFen);
          // In proportion to each line's room, to the fen.
          if (capacity > 0) expect(Math.abs(l.amountFen - (Math.min(amount, capacity) * r.lines[i].remainingFen) / capacity)).toBeLessThan(1 + 1e-9);
        });
        expect(split.postageFen).toBe(Math.max(0, amount - capacity));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses amounts that do not fit, and negative or fractional ones", () => {
    fc.assert(
      fc.property(room, fc.integer({ min: 1, max: 1000 }), (r, extra) => {
        const max = r.lines.reduce((n, l) => n + l.remainingFen, 0) + r.postageRemainingFen;
        expect(() => allocate(max + extra, r)).toThrow(RangeError);
      }),
    );
    expect(() => allocate(-1, { lines: [], postageRemainingFen: 0 })).toThrow(RangeError);
    expect(() => allocate(1.5, { lines: [{ orderLineId: "a", remainingFen: 10 }], postageRemainingFen: 0 })).toThrow(RangeError);
  });

  it("never offers more than the lines' remaining, the postage (all lines only) or the order's remaining", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 0, max: 60_000 })), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 300_000 }),
        (lines, postageFen, postageCommitted, all, orderCommitted) => {
          const total = lines.reduce((n, [t]) => n + t, 0) + postageFen;
          const r = roomFor({
            lines: lines.map(([t, c], i) => ({ orderLineId: String(i), paidFen: t, committedFen: c })),
            postage: all ? { postageFen, committedFen: postageCommitted } : null,
            orderTotalFen: total,
            orderCommittedFen: orderCommitted,
          });
          const lineRoom = lines.reduce((n, [t, c]) => n + Math.max(0, t - c), 0);
          expect(r.maxFen).toBe(Math.min(lineRoom + (all ? Math.max(0, postageFen - postageCommitted) : 0), Math.max(0, total - orderCommitted)));
          expect(r.maxFen).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("against the database", () => {
  useTestDatabase();
  usePaymentsInProcess();

  let w: Awaited<ReturnType<typeof authWorld>>;
  beforeAll(async () => {
    w = await authWorld();
  });

  const ask = (orderId: string, lineIds: string[], amountFen: number) =>
    openRequest(w.buyer, { orderId, lineIds, type: "REFUND_ONLY", reason: "QUALITY", description: "质量问题", amountFen });

  it("adds up many partial refunds on one order and never refunds more than was paid", async () => {
    const { orderId, lineIds, totalFen } = await paidOrder(w, { prices: [1999, 2501, 777], quantities: [2, 1, 3], postageFen: 650 });
    expect(totalFen).toBe(1999 * 2 + 2501 + 777 * 3 + 650);
    // A fixed pseudo-random sequence of partial requests over random subsets of the lines.
    const steps = fc.sample(fc.tuple(fc.subarray([0, 1, 2], { minLength: 1 }), fc.double({ min: 0.05, max: 0.6, noNaN: true }), fc.constantFrom("accept", "offer", "complaint")), { numRuns: 12, seed: 42 });
    let refunded = 0;
    for (const [subset, share, how] of steps) {
      const chosen = subset.map((i) => lineIds[i]);
      const form = await (await import("@/lib/protection/queries")).getApplyForm(w.buyer, orderId);
      const max = Math.min(
        form.lines.filter((l) => chosen.includes(l.id)).reduce((n, l) => n + l.remainingFen, 0) + (chosen.length === 3 ? form.postageRemainingFen : 0),
        form.orderRemainingFen,
      );
      if (max < 2) continue;
      // Asking a fen more than is left is refused; asking a share of it works.
      expect((await errorOf(ask(orderId, chosen, max + 1))).fieldErrors).toEqual({ amount: ["amountAboveRefundable"] });
      const amount = Math.max(2, Math.floor(max * share));
      const { id } = await ask(orderId, chosen, amount);
      if (how === "accept") await sellerAccept(w.sellerA, w.storeA.id, id);
      else if (how === "offer") {
        await sellerOffer(w.sellerA, w.storeA.id, id, { amountFen: amount - 1 });
        await buyerAcceptOffer(w.buyer, id);
      } else {
        await sellerReject(w.sellerA, w.storeA.id, id, { reason: "不同意" });
        const { complaintId } = await escalateToComplaint(w.buyer, id, { statement: "请平台裁决" });
        await settleComplaint(w.admin, complaintId, { outcome: "FULL_REFUND", reason: "支持买家诉求" });
      }
      await settleRefunds(orderId);
      const r = await requestRow(id);
      expect(r.status).toBe("REFUNDED");
      refunded += r.approvedFen!;
      expect((await orderRow(orderId)).refundedFen).toBe(refunded);
      await expectMoneyConsistent(orderId);
    }
    expect(refunded).toBeGreaterThan(0);
    // Then everything that is left, in one request over every line: the order closes.
    const form = await (await import("@/lib/protection/queries")).getApplyForm(w.buyer, orderId);
    const rest = Math.min(form.lines.reduce((n, l) => n + l.remainingFen, 0) + form.postageRemainingFen, form.orderRemainingFen);
    expect(rest).toBe(totalFen - refunded);
    const { id } = await ask(orderId, lineIds, rest);
    await sellerAccept(w.sellerA, w.storeA.id, id);
    await settleRefunds(orderId);
    const o = await orderRow(orderId);
    expect(o).toMatchObject({ status: "CLOSED", refundedFen: totalFen, openCases: 0 });
    expect(o.lines.map((l) => l.refundedFen).sort()).toEqual(o.lines.map((l) => l.lineTotalFen).sort());
    await expectMoneyConsistent(orderId);
    expect(await codeOf(ask(orderId, [lineIds[0]], 1))).toBe("INVALID_STATE");
  });

  /**
   * Two requests on the same line, made directly (the domain never lets two be open at once,
   * so this is the worst case for the lock): one still waiting for the seller, one escalated.
   */
  async function twoClaimsOnOneLine() {
    const { orderId, lineIds } = await paidOrder(w, { prices: [1000, 500] });
    const { id: sellerSide } = await ask(orderId, [lineIds[0]], 1000);
    const db = getDb();
    const adminSide = await db.afterSaleRequest.create({
      data: {
        caseNo: `AS${Date.now()}${Math.floor(Math.random() * 1e6)}`,
        orderId,
        storeId: w.storeA.id,
        buyerId: w.buyer.userId,
        type: "REFUND_ONLY",
        status: "ESCALATED",
        reason: "QUALITY",
        description: "同一件商品",
        requestedFen: 1000,
        lines: { create: [{ orderLineId: lineIds[0] }] },
      },
    });
    await db.order.update({ where: { id: orderId }, data: { openCases: { increment: 1 } } });
    const complaint = await db.complaint.create({
      data: { caseNo: `CP${Date.now()}${Math.floor(Math.random() * 1e6)}`, requestId: adminSide.id, orderId, storeId: w.storeA.id, buyerId: w.buyer.userId, statement: "同一件商品", slaDueAt: new Date(Date.now() + 86_400_000) },
    });
    return { orderId, lineIds, sellerSide, adminSide: adminSide.id, complaintId: complaint.id };
  }

  it("a seller's accept and an admin's settlement on the same money at the same moment: one refund, never both", async () => {
    for (let i = 0; i < 6; i++) {
      const t = await twoClaimsOnOneLine();
      const results = await Promise.allSettled([
        sellerAccept(w.sellerA, w.storeA.id, t.sellerSide),
        settleComplaint(w.admin, t.complaintId, { outcome: "FULL_REFUND", reason: "支持买家诉求" }),
      ]);
      const refunds = await getDb().refund.findMany({ where: { orderId: t.orderId } });
      expect(refunds.reduce((n, r) => n + r.amountFen, 0), "never more than the line cost").toBeLessThanOrEqual(1000);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failed.reason.details?.messageKey).toBe("nothingToRefund");
      await settleRefunds(t.orderId);
      const o = await orderRow(t.orderId);
      expect(o.refundedFen).toBe(1000);
      expect(o.lines.find((l) => l.id === t.lineIds[0])!.refundedFen).toBe(1000);
    }
  });

  it("concurrent actions on different lines of one order all go through and add up", async () => {
    const { orderId, lineIds, totalFen } = await paidOrder(w, { prices: [1000, 2000, 3000], postageFen: 400 });
    const a = await ask(orderId, [lineIds[0]], 1000);
    const b = await ask(orderId, [lineIds[1]], 2000);
    const c = await ask(orderId, [lineIds[2]], 3000);
    await sellerReject(w.sellerA, w.storeA.id, b.id, { reason: "不同意" });
    const { complaintId } = await escalateToComplaint(w.buyer, b.id, { statement: "请平台裁决" });
    await getDb().afterSaleRequest.update({ where: { id: c.id }, data: { sellerDueAt: new Date(Date.now() - 1) } });
    const { caseDeadlineJob } = await import("@/lib/protection/timers");
    const results = await Promise.allSettled([
      sellerAccept(w.sellerA, w.storeA.id, a.id),
      settleComplaint(w.admin, complaintId, { outcome: "PARTIAL_REFUND", amountFen: 1500, reason: "部分支持买家" }),
      caseDeadlineJob({ kind: "request", requestId: c.id, status: "AWAITING_SELLER" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    await settleRefunds(orderId);
    const o = await orderRow(orderId);
    expect(o.refundedFen).toBe(1000 + 1500 + 3000);
    expect(o.refundedFen).toBeLessThan(totalFen);
    await expectMoneyConsistent(orderId);
  });

  it("sends a refund WeChat Pay closed unpaid to the admins, who retry it (a new refund) — audited", async () => {
    const { orderId, lineIds } = await paidOrder(w, { prices: [2000] });
    const { id } = await ask(orderId, lineIds, 800);
    await setFaults({ refundClosed: 1 });
    await sellerAccept(w.sellerA, w.storeA.id, id);
    await settleRefunds(orderId);
    expect((await requestRow(id)).status).toBe("REFUND_FAILED");
    expect(await orderRow(orderId)).toMatchObject({ refundedFen: 0, openCases: 1 });
    expect((await orderRow(orderId)).lines[0].refundedFen).toBe(0);
    const note = await getDb().notification.findFirst({ where: { userId: w.admin.userId, kind: "ADMIN_REFUND_ABNORMAL" } });
    expect(note?.link).toBe("/admin/refunds");
    const queue = await listFailedRefunds(w.admin);
    expect(queue.find((q) => q.id === id)?.refund).toMatchObject({ status: "CLOSED", amountFen: 800 });

    expect((await errorOf(retryFailedRefund(w.admin, id, { reason: "" }))).fieldErrors).toEqual({ reason: ["reasonRequired"] });
    const retried = await retryFailedRefund(w.admin, id, { reason: "用户已更换银行卡，重新发起" });
    expect(retried.amountFen).toBe(800);
    const refunds = await getDb().refund.findMany({ where: { afterSaleId: id }, orderBy: { createdAt: "asc" } });
    expect(refunds.map((r) => [r.status, r.outRefundNo.slice(-2)])).toEqual([
      ["CLOSED", "01"],
      ["PROCESSING", "02"],
    ]);
    await settleRefunds(orderId);
    expect((await requestRow(id)).status).toBe("REFUNDED");
    expect(await orderRow(orderId)).toMatchObject({ refundedFen: 800, openCases: 0 });
    await expectMoneyConsistent(orderId);
    const audit = await listAuditLog(w.admin, { subjectType: "AfterSaleRequest", subjectId: id });
    expect(audit.entries.map((e) => [e.action, e.reason])).toEqual([["REFUND_RETRY", "用户已更换银行卡，重新发起"]]);
    expect(audit.entries[0].data).toMatchObject({ previousRefundId: refunds[0].id, refundId: refunds[1].id, amountFen: 800 });
    expect(await codeOf(retryFailedRefund(w.admin, id, { reason: "再试一次看看" }))).toBe("INVALID_STATE");
  });

  it("never sends again a refund WeChat Pay holds as ABNORMAL (it would pay twice): the admin settles it at WeChat Pay and marks it handled", async () => {
    const { orderId, lineIds } = await paidOrder(w, { prices: [2000, 1500] });
    const { id } = await ask(orderId, [lineIds[0]], 800);
    await setFaults({ refundAbnormal: 1 });
    await sellerAccept(w.sellerA, w.storeA.id, id);
    await settleRefunds(orderId);
    expect((await requestRow(id)).status).toBe("REFUND_FAILED");
    const [held] = await getDb().refund.findMany({ where: { afterSaleId: id } });
    expect(held).toMatchObject({ status: "ABNORMAL", amountFen: 800 });
    expect(held.refundId).not.toBeNull();

    const view = await getAdminCase(w.admin, id);
    expect(view.refundHeldByWechat).toBe(true);
    expect(view.can).toMatchObject({ retryRefund: false, closeRefund: true });
    const e = await errorOf(retryFailedRefund(w.admin, id, { reason: "用户已更换银行卡，重新发起" }));
    expect(e).toMatchObject({ code: "INVALID_STATE", details: { messageKey: "refundHeldByWechat" } });
    expect(await getDb().refund.count({ where: { orderId } })).toBe(1);
    // The held 800 still counts as money out: the order (3500) has 2700 left to refund.
    const other = await ask(orderId, [lineIds[1]], 1500);
    expect((await getAdminCase(w.admin, other.id)).maxRefundFen).toBe(1500);
    const everything = await getDb().$transaction((tx) => refundRoom(tx, orderId, lineIds));
    expect(everything.maxFen).toBe(3500 - 800);
    // …and against its line: 2000 − 800 is left for that line, before and after the case is
    // closed (a new request on the line must not be refunded the held 800 again).
    const lineRoom = async () => (await getDb().$transaction((tx) => refundRoom(tx, orderId, [lineIds[0]]))).maxFen;
    expect(await lineRoom()).toBe(1200);

    await closeFailedRefund(w.admin, id, { reason: "已在商户平台处理异常退款" });
    expect((await requestRow(id)).status).toBe("CLOSED");
    expect(await lineRoom()).toBe(1200);
    const again = await ask(orderId, [lineIds[0]], 1200);
    expect((await getAdminCase(w.admin, again.id)).maxRefundFen).toBe(1200);
  });

  it("lets an admin record a failed refund as handled another way: the case ends, nothing more is refunded", async () => {
    const { orderId, lineIds } = await paidOrder(w, { prices: [2000] });
    const { id } = await ask(orderId, lineIds, 500);
    await setFaults({ refundClosed: 1 });
    await sellerAccept(w.sellerA, w.storeA.id, id);
    await settleRefunds(orderId);
    expect((await requestRow(id)).status).toBe("REFUND_FAILED");
    await closeFailedRefund(w.admin, id, { reason: "已线下转账给买家" });
    expect(await requestRow(id)).toMatchObject({ status: "CLOSED" });
    expect(await orderRow(orderId)).toMatchObject({ refundedFen: 0, openCases: 0 });
    expect((await listAuditLog(w.admin, { subjectId: id })).entries.map((e) => e.action)).toEqual(["REFUND_MARK_HANDLED"]);
    expect((await listFailedRefunds(w.admin)).map((q) => q.id)).not.toContain(id);
    // The line is free again, and what was never paid back can still be asked for.
    const again = await ask(orderId, lineIds, 2000);
    expect((await requestRow(again.id)).status).toBe("AWAITING_SELLER");
  });
});
