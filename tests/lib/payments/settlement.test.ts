// Settlement against the sandbox in service-provider mode: a completed order's money stays
// frozen in the store's sub-merchant account until its after-sale window closes, then the
// platform's fee is shared to the platform and the rest unfrozen to the store; refused shares
// fail with WeChat Pay's reason and are retried; the books balance at every step.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { confirmReceipt, shipOrder } from "@/lib/orders/lifecycle";
import { setFeeRate } from "@/lib/payments/fee-rates";
import { outRefundNoFor } from "@/lib/orders/numbers";
import { createRefund } from "@/lib/payments/refund-state";
import { moneyOf, openSettlement, retrySettlementAsAdmin, settlementSweepJob, stepSettlement } from "@/lib/payments/settlement";
import { subMerchantBooks } from "@/lib/sandbox/wechatpay/share-orders";
import { createItemWithSkus } from "../../support/catalog";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { deliverSandbox, orderStatus, payInSandbox, placeTestOrder, usePaymentsInProcess } from "../../support/payments";
import { control, drainSandboxJobs } from "../../support/wechatpay-sandbox";
import { settleRefunds } from "../protection/support";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

const DAY = 86_400_000;

/** An order of `quantity` × `priceFen` (¥10 flat postage off: FREE) paid, shipped and received `daysAgo` days ago. */
async function completedOrder(storeId: string, sellerActor: Actor, opts: { priceFen?: number; quantity?: number; daysAgo?: number } = {}) {
  const { skuIds } = await createItemWithSkus(storeId, { skus: [{ priceFen: opts.priceFen ?? 10_000, stock: 50 }] });
  const order = await placeTestOrder(w.buyer, storeId, [{ skuId: skuIds[0], quantity: opts.quantity ?? 1 }]);
  await payInSandbox(w.buyer, order.id);
  await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
  await shipOrder(sellerActor, storeId, order.id, { carrier: "SF", trackingNo: "SF1234567890123" });
  await confirmReceipt(w.buyer, order.id);
  await getDb().order.update({ where: { id: order.id }, data: { completedAt: new Date(Date.now() - (opts.daysAgo ?? 8) * DAY) } });
  return order;
}

const settlementOf = (orderId: string) => getDb().settlement.findUniqueOrThrow({ where: { orderId } });
const mchIdOf = async (storeId: string) => (await getDb().store.findUniqueOrThrow({ where: { id: storeId }, select: { mchId: true } })).mchId;

/** Runs the steps (and the sandbox's finishing jobs) until the settlement leaves SHARING/UNFREEZING. */
async function settle(orderId: string) {
  for (let i = 0; i < 10; i++) {
    await drainSandboxJobs();
    const outcome = await stepSettlement(orderId, { force: true });
    if (outcome === "SETTLED" || outcome === "FAILED") return outcome;
  }
  return (await settlementOf(orderId)).state;
}

describe("settling a completed order", () => {
  it("holds the money until the window closes, then shares 1% to the platform and unfreezes the rest", async () => {
    const order = await completedOrder(w.storeA.id, w.sellerA, { daysAgo: 3 });
    const mch = await mchIdOf(w.storeA.id);
    // Frozen in the store's own sub-merchant account, not the platform's.
    expect((await subMerchantBooks(env().WECHATPAY_MCH_ID, mch)).frozen).toBeGreaterThanOrEqual(order.totalFen);
    // Three days after receipt the buyer may still ask for an after-sale: not yet.
    expect((await openSettlement(order.id)).outcome).toBe("NOT_YET");

    await getDb().order.update({ where: { id: order.id }, data: { completedAt: new Date(Date.now() - 8 * DAY) } });
    expect((await openSettlement(order.id)).outcome).toBe("OPENED");
    expect((await openSettlement(order.id)).outcome).toBe("EXISTS");
    const opened = await settlementOf(order.id);
    expect(opened).toMatchObject({ state: "SHARING", paidFen: 10_000, refundedFen: 0, feeFen: 100, netFen: 9900, subMchid: mch });

    expect(await settle(order.id)).toBe("SETTLED");
    const s = await settlementOf(order.id);
    expect(s.settledAt).toBeInstanceOf(Date);
    expect(moneyOf({ paidFen: 10_000, refundedFen: 0 }, s)).toEqual({ paidFen: 10_000, refundedFen: 0, feeFen: 100, settledFen: 9900, heldFen: 0 });
    // The sandbox's own books agree: the fee went to the platform, the rest to the store, nothing frozen.
    const shares = await getDb().sandboxPayShareOrder.findMany({ where: { transactionId: s.transactionId }, orderBy: { createdAt: "asc" } });
    expect(shares.map((x) => [x.state, x.unfreeze, (x.receivers as { account: string; amount: number; result: string }[]).map((r) => [r.account, r.amount, r.result])])).toEqual([
      ["FINISHED", false, [[env().WECHATPAY_MCH_ID, 100, "SUCCESS"]]],
      ["FINISHED", true, [[mch, 9900, "SUCCESS"]]],
    ]);
    // The seller hears of it, with the net.
    const note = await getDb().notification.findFirst({ where: { kind: "FUNDS_SETTLED", subjectId: order.id } });
    expect(note?.params).toMatchObject({ amountFen: 9900 });
    const trail = await getDb().moneyEvent.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" }, select: { type: true } });
    expect(trail.map((e) => e.type)).toEqual(["OPENED", "SHARED", "UNFROZEN"]);
    // Stepping again changes nothing and calls nothing new.
    expect(await stepSettlement(order.id, { force: true })).toBe("BUSY");
  });

  it("uses the rate frozen at checkout, not the one in force at settlement", async () => {
    await setFeeRate(w.admin, { scope: "platform", percent: "5" });
    const order = await completedOrder(w.storeA.id, w.sellerA, { priceFen: 2000, quantity: 3 });
    await setFeeRate(w.admin, { scope: "platform", percent: "1" });
    const line = await getDb().orderLine.findFirstOrThrow({ where: { orderId: order.id }, select: { feeRateBps: true } });
    expect(line.feeRateBps).toBe(500);
    await openSettlement(order.id);
    expect(await settlementOf(order.id)).toMatchObject({ feeFen: 300, netFen: 5700 });
    expect(await settle(order.id)).toBe("SETTLED");
  });

  it("charges what the store keeps after a refund, and unfreezes without sharing when the fee is 0", async () => {
    const order = await completedOrder(w.storeB.id, w.sellerB, { priceFen: 40 });
    await openSettlement(order.id);
    // 1% of ¥0.40 is 0.4 fen: rounds to 0, so nothing is shared.
    expect(await settlementOf(order.id)).toMatchObject({ state: "UNFREEZING", feeFen: 0, netFen: 40 });
    expect(await settle(order.id)).toBe("SETTLED");
    expect(await getDb().sandboxPayShareOrder.count({ where: { transactionId: (await settlementOf(order.id)).transactionId, unfreeze: false } })).toBe(0);
  });

  it("waits while a refund is being paid or a case is open", async () => {
    const order = await completedOrder(w.storeA.id, w.sellerA);
    await getDb().order.update({ where: { id: order.id }, data: { openCases: 1 } });
    expect((await openSettlement(order.id)).outcome).toBe("NOT_YET");
    await getDb().order.update({ where: { id: order.id }, data: { openCases: 0 } });
    expect((await openSettlement(order.id)).outcome).toBe("OPENED");
  });

  it("a share WeChat Pay closes fails with its reason, and a retry under a new out_order_no settles it", async () => {
    const order = await completedOrder(w.storeA.id, w.sellerA);
    await control({ shareFails: 1 });
    await openSettlement(order.id);
    expect(await settle(order.id)).toBe("FAILED");
    const failed = await settlementOf(order.id);
    expect(failed).toMatchObject({ state: "FAILED", attempts: 1 });
    expect(failed.failReason).toMatch(/ACCOUNT_ABNORMAL/);
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    // Nothing moved: the money is still the store's, frozen.
    expect(moneyOf({ paidFen: failed.paidFen, refundedFen: 0 }, failed)).toMatchObject({ feeFen: 0, heldFen: failed.paidFen });

    // The sweep leaves it until its retry time; an admin can retry now (audited).
    await settlementSweepJob();
    expect((await settlementOf(order.id)).state).toBe("FAILED");
    await expect(retrySettlementAsAdmin(w.sellerA, order.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await retrySettlementAsAdmin(w.admin, order.id);
    const retried = await settlementOf(order.id);
    expect(retried.state).toBe("SHARING");
    expect(retried.outOrderNo).not.toBe(failed.outOrderNo);
    expect(await settle(order.id)).toBe("SETTLED");
    expect(await getDb().auditLog.count({ where: { action: "SETTLEMENT_RETRY", subjectId: order.id } })).toBe(1);
  });

  it("an unfreeze that stays processing is asked about again until it finishes", async () => {
    const order = await completedOrder(w.storeA.id, w.sellerA);
    await control({ unfreezeStuck: 1 });
    await openSettlement(order.id);
    for (let i = 0; i < 6; i++) {
      await drainSandboxJobs();
      expect(await stepSettlement(order.id, { force: true })).not.toBe("SETTLED");
    }
    // The fee is shared; the unfreeze was asked for and stays PROCESSING at WeChat Pay.
    const s = await settlementOf(order.id);
    expect(s.state).toBe("UNFREEZING");
    expect(s.sharedAt).toBeInstanceOf(Date);
    expect(await getDb().sandboxPayShareOrder.findFirst({ where: { transactionId: s.transactionId, unfreeze: true }, select: { state: true } })).toEqual({ state: "PROCESSING" });
    expect(moneyOf({ paidFen: s.paidFen, refundedFen: 0 }, s)).toMatchObject({ feeFen: s.feeFen, settledFen: 0, heldFen: s.paidFen - s.feeFen });
    // The stuck unfreeze is tried again 30 s later in the sandbox: run that now.
    await getDb().job.updateMany({ where: { queue: "sandbox.wechatpay.share", doneAt: null }, data: { runAt: new Date() } });
    expect(await settle(order.id)).toBe("SETTLED");
  });

  it("in direct mode, or for an order paid into the platform's own account, books the settlement at once", async () => {
    const order = await completedOrder(w.storeB.id, w.sellerB);
    await getDb().payment.updateMany({ where: { orderId: order.id }, data: { subMchid: null } });
    expect((await openSettlement(order.id)).outcome).toBe("SETTLED_LOCALLY");
    expect(await settlementOf(order.id)).toMatchObject({ state: "SETTLED", feeFen: 100, netFen: 9900 });
  });
});

// After settlement the money is the store's (unfrozen, maybe withdrawn): a refund then needs
// the fee the platform took on it back first, and the store's available balance to pay it.
// Such refunds are rare (the window is closed), but a complaint can still end in one.
describe("a refund after the order was settled", () => {
  /** A refund decided by the platform after settlement, sent and settled like any other. */
  async function lateRefund(orderId: string, amountFen: number) {
    const { orderNo } = await getDb().order.findUniqueOrThrow({ where: { id: orderId }, select: { orderNo: true } });
    const n = await getDb().refund.count({ where: { orderId } });
    const { id } = await getDb().$transaction((tx) => createRefund(tx, { orderId, outRefundNo: outRefundNoFor(orderNo, n + 1), amountFen, reason: "平台退款 / refund after settlement", cause: "ADMIN" }));
    await settleRefunds(orderId);
    return getDb().refund.findUniqueOrThrow({ where: { id } });
  }

  async function settledOrder(storeId: string, seller: Actor) {
    const order = await completedOrder(storeId, seller);
    await openSettlement(order.id);
    expect(await settle(order.id)).toBe("SETTLED");
    return order;
  }

  it("takes back the fee the refund makes too much, then refunds out of the store's available balance", async () => {
    const order = await settledOrder(w.storeA.id, w.sellerA);
    const mch = await mchIdOf(w.storeA.id);
    const before = await subMerchantBooks(env().WECHATPAY_MCH_ID, mch);

    const refund = await lateRefund(order.id, 5000);
    expect(refund.status).toBe("SUCCESS");
    // Half the order refunded: the fee on it was ¥1.00, now ¥0.50 — ¥0.50 goes back to the store first.
    const s = await settlementOf(order.id);
    expect(s).toMatchObject({ state: "SETTLED", feeFen: 100, feeReturnedFen: 50 });
    const returns = await getDb().sandboxPayShareReturn.findMany({ where: { transactionId: s.transactionId } });
    expect(returns.map((r) => [r.returnMchid, r.amount, r.result])).toEqual([[env().WECHATPAY_MCH_ID, 50, "SUCCESS"]]);
    const trail = await getDb().moneyEvent.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" }, select: { type: true } });
    expect(trail.map((e) => e.type)).toEqual(["OPENED", "SHARED", "UNFROZEN", "FEE_RETURNED"]);
    // Ours: ¥50 refunded, ¥0.50 fee, ¥49.50 the store's. The sandbox: the refund came out of the available balance.
    const o = await getDb().order.findUniqueOrThrow({ where: { id: order.id }, select: { totalFen: true, refundedFen: true } });
    expect(moneyOf({ paidFen: o.totalFen, refundedFen: o.refundedFen }, s)).toEqual({ paidFen: 10_000, refundedFen: 5000, feeFen: 50, settledFen: 4950, heldFen: 0 });
    const after = await subMerchantBooks(env().WECHATPAY_MCH_ID, mch);
    expect(after.refundedFromAvailable - before.refundedFromAvailable).toBe(5000);
    expect(after.returned - before.returned).toBe(50);
    expect(after.available - before.available).toBe(50 - 5000);

    // The rest of it: the remaining ¥0.50 of fee comes back too.
    expect((await lateRefund(order.id, 5000)).status).toBe("SUCCESS");
    expect(await settlementOf(order.id)).toMatchObject({ feeReturnedFen: 100 });
    expect(await orderStatus(order.id)).toBe("CLOSED");
  });

  it("a refund before settlement comes out of the payment's frozen money, whatever the store's balance", async () => {
    const mch = await mchIdOf(w.storeB.id);
    await control({ withdraw: mch });
    expect((await subMerchantBooks(env().WECHATPAY_MCH_ID, mch)).available).toBe(0);
    const order = await completedOrder(w.storeB.id, w.sellerB, { daysAgo: 1 });
    const refund = await lateRefund(order.id, 3000);
    expect(refund.status).toBe("SUCCESS");
    expect(await getDb().sandboxPayRefund.findFirstOrThrow({ where: { outRefundNo: refund.outRefundNo }, select: { fromAvailableFen: true } })).toEqual({ fromAvailableFen: 0 });
  });

  it("is refused NOT_ENOUGH once the store withdrew its balance, and waits for an admin with WeChat Pay's reason", async () => {
    const order = await settledOrder(w.storeB.id, w.sellerB);
    const mch = await mchIdOf(w.storeB.id);
    const withdrawn = (await control({ withdraw: mch })) as { withdrawn: number };
    expect(withdrawn.withdrawn).toBeGreaterThanOrEqual(9900);

    const refund = await lateRefund(order.id, 10_000);
    // The fee came back (¥1.00 available), but ¥100 is not there: WeChat Pay refuses, an admin must look.
    expect(refund.status).toBe("ABNORMAL");
    const event = await getDb().orderEvent.findFirstOrThrow({ where: { orderId: order.id, type: "REFUND_ABNORMAL" }, select: { data: true } });
    expect((event.data as { why: string }).why).toMatch(/^NOT_ENOUGH: /);
    expect(await getDb().sandboxPayRefund.count({ where: { outRefundNo: refund.outRefundNo } })).toBe(0);
    // Nothing left the store's account but the returned fee; ours and the sandbox's books still agree.
    const s = await settlementOf(order.id);
    expect(moneyOf({ paidFen: 10_000, refundedFen: 0 }, s)).toEqual({ paidFen: 10_000, refundedFen: 0, feeFen: 0, settledFen: 10_000, heldFen: 0 });
    expect((await subMerchantBooks(env().WECHATPAY_MCH_ID, mch)).available).toBe(100);
  });
});
