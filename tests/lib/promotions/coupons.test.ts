// Store coupons against Postgres and the in-process WeChat Pay sandbox: a seller's bad input
// gets field errors; claims never exceed the quantity or a buyer's limit under real
// concurrency; a coupon places at most one order however many checkouts race for it; its
// discount is split over the lines and frozen; paid it is used, cancelled it comes back; and
// no refund of a line goes above what the buyer paid for it.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { buyerCancelOrder } from "@/lib/orders/lifecycle";
import { placeOrder } from "@/lib/orders/checkout";
import { claimCoupon, createCoupon, issueToPastBuyers, listMyCoupons, listStoreCoupons, stopCoupon } from "@/lib/promotions/coupons";
import { getApplyForm } from "@/lib/protection/queries";
import { openRequest, sellerAccept } from "@/lib/protection/requests";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { actorFor, authWorld, createUser } from "../../support/fixtures";
import { payAndDeliver, testAddress, usePaymentsInProcess } from "../../support/payments";
import { settleRefunds } from "../protection/support";
import { runDueJobs } from "@/lib/jobs/worker";
import { couponClaimedOutJob, couponEndJob, couponStartJob } from "@/lib/promotions/coupon-jobs";
import { COUPON_CLAIMED_OUT_QUEUE, COUPON_END_QUEUE, COUPON_START_QUEUE } from "@/lib/promotions/coupons";

vi.mock("@/lib/cache", async (original) => ({ ...(await original<typeof import("@/lib/cache")>()), invalidate: vi.fn() }));

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

const hour = 3_600_000;
const window = () => ({ startsAt: new Date(Date.now() - hour), endsAt: new Date(Date.now() + 24 * hour) });
const newBuyer = async (): Promise<Actor> => actorFor((await createUser("BUYER")).id);

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x) => x);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${e}`);
  return e;
}

function order(buyer: Actor, lines: { skuId: string; quantity: number }[], couponClaimId?: string | null, idempotencyKey = crypto.randomUUID()) {
  return placeOrder(buyer, { storeId: w.storeA.id, lines, address: testAddress, idempotencyKey, couponClaimId });
}

describe("creating coupons", () => {
  it("gives each bad field its own error", async () => {
    const base = { name: "满100减20", kind: "THRESHOLD", amountOff: "20", threshold: "100", totalQuantity: 10, ...window() } as const;
    const fields = async (input: Record<string, unknown>) => (await errorOf(createCoupon(w.sellerA, w.storeA.id, { ...base, ...input } as never))).fieldErrors;
    expect(await fields({ threshold: "15" })).toEqual({ threshold: ["couponThresholdBelowAmount"] });
    expect(await fields({ kind: "PERCENT", percentOff: "120" })).toMatchObject({ percentOff: ["couponPercentInvalid"] });
    expect(await fields({ endsAt: new Date(Date.now() - 2 * hour) })).toEqual({ endsAt: ["couponEndBeforeStart"] });
    expect(await fields({ amountOff: "abc" })).toMatchObject({ amountOff: ["couponAmountInvalid"] });
    expect(await fields({ totalQuantity: 0 })).toEqual({ totalQuantity: ["couponQuantityInvalid"] });
    const otherStoreItem = await createItemWithSkus(w.storeB.id, { skus: [{ priceFen: 100, stock: 1 }] });
    expect(await fields({ scope: "ITEMS", itemIds: [otherStoreItem.itemId] })).toEqual({ itemIds: ["couponItemUnknown"] });
    // Another store's seller reaches nothing of this store.
    expect((await errorOf(createCoupon(w.sellerB, w.storeA.id, base))).code).toBe("NOT_FOUND");
  });
});

describe("claiming", () => {
  it("gives 200 buyers claiming the last 50 coupons at once exactly 50", async () => {
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "立减5元", kind: "AMOUNT", amountOff: "5", totalQuantity: 50, ...window() });
    const buyers = await Promise.all(Array.from({ length: 200 }, newBuyer));
    const results = await Promise.allSettled(buyers.map((b) => claimCoupon(b, id)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(50);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code] : []));
    expect(new Set(refused)).toEqual(new Set(["SOLD_OUT"]));
    const c = await getDb().coupon.findUniqueOrThrow({ where: { id }, select: { remaining: true } });
    expect(c.remaining).toBe(0);
    expect(await getDb().couponClaim.count({ where: { couponId: id } })).toBe(50);
  });

  it("holds the per-buyer limit when one buyer claims many times at once", async () => {
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "每人限2", kind: "AMOUNT", amountOff: "1", totalQuantity: 100, perBuyerLimit: 2, ...window() });
    const buyer = await newBuyer();
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => claimCoupon(buyer, id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code] : []))).toEqual(Array(10).fill("CONFLICT"));
    expect((await getDb().coupon.findUniqueOrThrow({ where: { id } })).remaining).toBe(98);
  });

  it("refuses a coupon not yet started, stopped, or for chosen buyers only", async () => {
    const later = await createCoupon(w.sellerA, w.storeA.id, { name: "明天开始", kind: "AMOUNT", amountOff: "1", totalQuantity: 5, startsAt: new Date(Date.now() + hour), endsAt: new Date(Date.now() + 2 * hour) });
    expect((await errorOf(claimCoupon(w.buyer, later.id))).details).toMatchObject({ messageKey: "couponNotClaimable" });
    const targeted = await createCoupon(w.sellerA, w.storeA.id, { name: "老客专享", kind: "AMOUNT", amountOff: "1", totalQuantity: 5, audience: "TARGETED", ...window() });
    expect((await errorOf(claimCoupon(w.buyer, targeted.id))).code).toBe("INVALID_STATE");
    const stopped = await createCoupon(w.sellerA, w.storeA.id, { name: "停了", kind: "AMOUNT", amountOff: "1", totalQuantity: 5, ...window() });
    await stopCoupon(w.sellerA, w.storeA.id, { couponId: stopped.id });
    expect((await errorOf(claimCoupon(w.buyer, stopped.id))).code).toBe("INVALID_STATE");
    expect((await errorOf(claimCoupon(w.buyer, "no-such-coupon"))).code).toBe("INVALID_STATE");
  });
});

describe("using a coupon at checkout", () => {
  it("splits the discount over the covered lines, freezes it, and the buyer pays the rest; paid, the coupon is used", async () => {
    const tea = await createItemWithSkus(w.storeA.id, { title: "龙井", postage: { mode: "FLAT", fen: 800 }, skus: [{ priceFen: 7300, stock: 10 }] });
    const cup = await createItemWithSkus(w.storeA.id, { title: "茶杯", skus: [{ priceFen: 2700, stock: 10 }] });
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "满100减10.01", kind: "THRESHOLD", threshold: "100", amountOff: "10.01", totalQuantity: 5, ...window() });
    const buyer = await newBuyer();
    const { claimId } = await claimCoupon(buyer, id);
    // Below the threshold: refused, and the coupon stays usable.
    const low = await errorOf(order(buyer, [{ skuId: cup.skuIds[0], quantity: 1 }], claimId));
    expect(low).toMatchObject({ code: "COUPON_UNAVAILABLE", details: { messageKey: "couponBelowThreshold" } });
    const o = await order(buyer, [{ skuId: tea.skuIds[0], quantity: 1 }, { skuId: cup.skuIds[0], quantity: 1 }], claimId);
    expect(o).toMatchObject({ itemsFen: 10000, postageFen: 800, discountFen: 1001, totalFen: 9799 });
    const rows = await getDb().orderLine.findMany({ where: { orderId: o.id }, select: { skuId: true, discountFen: true } });
    // 1001 × 0.73 = 730.73, × 0.27 = 270.27: 730 + 270 = 1000, the leftover fen to the larger remainder.
    expect(Object.fromEntries(rows.map((r) => [r.skuId, r.discountFen]))).toEqual({ [tea.skuIds[0]]: 731, [cup.skuIds[0]]: 270 });
    expect((await getDb().couponClaim.findUniqueOrThrow({ where: { id: claimId } })).status).toBe("LOCKED");

    await payAndDeliver(buyer, o.id);
    const payment = await getDb().payment.findFirstOrThrow({ where: { orderId: o.id }, select: { amountFen: true } });
    expect(payment.amountFen).toBe(9799);
    expect((await getDb().couponClaim.findUniqueOrThrow({ where: { id: claimId } })).status).toBe("USED");
    expect((await listMyCoupons(buyer, w.storeA.id)).map((c) => c.tab)).toEqual(["used"]);
    const [listed] = (await listStoreCoupons(w.sellerA, w.storeA.id)).filter((c) => c.id === id);
    expect(listed).toMatchObject({ claimed: 1, used: 1, phase: "RUNNING" });
  });

  it("places exactly one order when one coupon is used in 20 checkouts at once", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 5000, stock: 100 }] });
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "立减3元", kind: "AMOUNT", amountOff: "3", totalQuantity: 5, ...window() });
    const buyer = await newBuyer();
    const { claimId } = await claimCoupon(buyer, id);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => order(buyer, [{ skuId: skuIds[0], quantity: 1 }], claimId)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code] : []))).toEqual(Array(19).fill("COUPON_UNAVAILABLE"));
    expect(await getDb().order.count({ where: { couponClaimId: claimId } })).toBe(1);
    expect((await getDb().sku.findUniqueOrThrow({ where: { id: skuIds[0] } })).stock).toBe(99);
  });

  it("replays a retried submit with the same key and coupon as the order it placed", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 5000, stock: 10 }] });
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "立减2元", kind: "AMOUNT", amountOff: "2", totalQuantity: 5, ...window() });
    const buyer = await newBuyer();
    const { claimId } = await claimCoupon(buyer, id);
    const key = crypto.randomUUID();
    const first = await order(buyer, [{ skuId: skuIds[0], quantity: 1 }], claimId, key);
    const again = await order(buyer, [{ skuId: skuIds[0], quantity: 1 }], claimId, key);
    expect(again).toMatchObject({ id: first.id, replayed: true, discountFen: 200, totalFen: 4800 });
  });

  it("gives the coupon back when the unpaid order is cancelled, and voids it instead once the seller stopped it so", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 5000, stock: 10 }] });
    const a = await createCoupon(w.sellerA, w.storeA.id, { name: "立减1元", kind: "AMOUNT", amountOff: "1", totalQuantity: 5, ...window() });
    const buyer = await newBuyer();
    const { claimId } = await claimCoupon(buyer, a.id);
    const o = await order(buyer, [{ skuId: skuIds[0], quantity: 1 }], claimId);
    expect((await listMyCoupons(buyer, w.storeA.id))[0].tab).toBe("used");
    await buyerCancelOrder(buyer, o.id);
    expect(await getDb().couponClaim.findUniqueOrThrow({ where: { id: claimId }, select: { status: true, orderId: true } })).toEqual({ status: "AVAILABLE", orderId: null });
    // Usable again.
    const o2 = await order(buyer, [{ skuId: skuIds[0], quantity: 1 }], claimId);
    expect(o2.discountFen).toBe(100);

    await stopCoupon(w.sellerA, w.storeA.id, { couponId: a.id, voidClaimed: true });
    await buyerCancelOrder(buyer, o2.id);
    expect((await getDb().couponClaim.findUniqueOrThrow({ where: { id: claimId } })).status).toBe("VOID");
    expect((await listMyCoupons(buyer, w.storeA.id))[0].tab).toBe("expired");
  });

  it("refuses another buyer's coupon and one of another store", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 5000, stock: 10 }] });
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "立减1元", kind: "AMOUNT", amountOff: "1", totalQuantity: 5, ...window() });
    const owner = await newBuyer();
    const { claimId } = await claimCoupon(owner, id);
    expect((await errorOf(order(await newBuyer(), [{ skuId: skuIds[0], quantity: 1 }], claimId))).code).toBe("COUPON_UNAVAILABLE");
    const b = await createItemWithSkus(w.storeB.id, { skus: [{ priceFen: 5000, stock: 10 }] });
    const e = await errorOf(placeOrder(owner, { storeId: w.storeB.id, lines: [{ skuId: b.skuIds[0], quantity: 1 }], address: testAddress, idempotencyKey: crypto.randomUUID(), couponClaimId: claimId }));
    expect(e.code).toBe("COUPON_UNAVAILABLE");
  });
});

describe("after the sale", () => {
  it("never refunds a line more than the buyer paid for it", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 10000, stock: 10 }] });
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "8折", kind: "PERCENT", percentOff: "20", totalQuantity: 5, ...window() });
    const buyer = await newBuyer();
    const { claimId } = await claimCoupon(buyer, id);
    const o = await order(buyer, [{ skuId: skuIds[0], quantity: 1 }], claimId);
    expect(o.totalFen).toBe(8000);
    await payAndDeliver(buyer, o.id);
    const form = await getApplyForm(buyer, o.id);
    expect(form.lines[0].remainingFen).toBe(8000);
    const lineIds = form.lines.map((l) => l.id);
    const over = await errorOf(openRequest(buyer, { orderId: o.id, lineIds, type: "REFUND_ONLY", reason: "QUALITY", description: "质量问题", amountFen: 8001 }));
    expect(over.fieldErrors).toEqual({ amount: ["amountAboveRefundable"] });
    const r = await openRequest(buyer, { orderId: o.id, lineIds, type: "REFUND_ONLY", reason: "QUALITY", description: "质量问题", amountFen: 8000 });
    await sellerAccept(w.sellerA, w.storeA.id, r.id);
    await settleRefunds(o.id);
    const after = await getDb().order.findUniqueOrThrow({ where: { id: o.id }, select: { refundedFen: true, status: true, lines: { select: { refundedFen: true } } } });
    expect(after).toMatchObject({ refundedFen: 8000, status: "CLOSED", lines: [{ refundedFen: 8000 }] });
  });
});

describe("targeted coupons", () => {
  it("issues one copy to each buyer who paid the store before, as far as the quantity goes", async () => {
    const paidBefore = await getDb().order.findMany({ where: { storeId: w.storeA.id, paidAt: { not: null } }, distinct: ["buyerId"], select: { buyerId: true } });
    expect(paidBefore.length).toBeGreaterThanOrEqual(2);
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "回头客", kind: "AMOUNT", amountOff: "8", totalQuantity: 1, audience: "TARGETED", ...window() });
    expect(await issueToPastBuyers(w.sellerA, w.storeA.id, id)).toEqual({ issued: 1 });
    expect(await issueToPastBuyers(w.sellerA, w.storeA.id, id)).toEqual({ issued: 0 });
    const claims = await getDb().couponClaim.findMany({ where: { couponId: id }, select: { buyerId: true, source: true } });
    expect(claims).toHaveLength(1);
    expect(paidBefore.map((p) => p.buyerId)).toContain(claims[0].buyerId);
    expect(claims[0].source).toBe("ISSUED");
    expect((await errorOf(issueToPastBuyers(w.sellerB, w.storeA.id, id))).code).toBe("NOT_FOUND");
  });
});

describe("notices to the store", () => {
  const handlers = { [COUPON_CLAIMED_OUT_QUEUE]: couponClaimedOutJob, [COUPON_START_QUEUE]: couponStartJob, [COUPON_END_QUEUE]: couponEndJob };
  const notices = (couponId: string) => getDb().notification.findMany({ where: { subjectType: "coupon", subjectId: couponId }, select: { kind: true, params: true } });

  it("tells the store once when the last copy is claimed, and when the coupon ends with how it did", async () => {
    const endsAt = new Date(Date.now() + 60 * 60_000);
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "两张就完", kind: "AMOUNT", amountOff: "1", totalQuantity: 2, startsAt: new Date(Date.now() - hour), endsAt });
    await claimCoupon(await newBuyer(), id);
    await runDueJobs(handlers);
    expect(await notices(id)).toEqual([]);
    await claimCoupon(await newBuyer(), id);
    await runDueJobs(handlers);
    await runDueJobs(handlers);
    expect(await notices(id)).toEqual([{ kind: "COUPON_CLAIMED_OUT", params: { couponName: "两张就完", totalQuantity: 2 } }]);
    // Its end: not before it (the job waits), then with the figures.
    expect(await couponEndJob({ couponId: id })).toEqual({ rescheduleAt: endsAt });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(endsAt.getTime() + 1);
    try {
      await couponEndJob({ couponId: id });
    } finally {
      vi.useRealTimers();
    }
    expect((await notices(id)).find((n) => n.kind === "COUPON_ENDED")?.params).toEqual({ couponName: "两张就完", claimed: 2, used: 0 });
  });

  it("says nothing of a coupon the seller stopped", async () => {
    const startsAt = new Date(Date.now() + 2 * hour);
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "停了", kind: "AMOUNT", amountOff: "1", totalQuantity: 2, startsAt, endsAt: new Date(Date.now() + 3 * hour) });
    expect(await getDb().job.count({ where: { singletonKey: { in: [`coupon-start:${id}`, `coupon-end:${id}`] } } })).toBe(2);
    await stopCoupon(w.sellerA, w.storeA.id, { couponId: id });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 4 * hour);
    try {
      await couponStartJob({ couponId: id });
      await couponEndJob({ couponId: id });
    } finally {
      vi.useRealTimers();
    }
    expect(await notices(id)).toEqual([]);
  });
});
