// Flash sales (限时抢购) against Postgres: a seller's bad input gets field errors; an order pays
// the price in force at its moment on the server's clock (one millisecond after the end is the
// normal price); units at the sale price and the per-buyer limit hold under parallel checkouts;
// a cancelled unpaid order gives its units back; the buyer is never charged a total other than
// the one they were shown; the notices go out once; and the seller sees how the sale sold.
import crypto from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { tagGenerations, tags } from "@/lib/cache";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { runDueJobs } from "@/lib/jobs/worker";
import { placeOrder } from "@/lib/orders/checkout";
import { buyerCancelOrder } from "@/lib/orders/lifecycle";
import { createCoupon, claimCoupon } from "@/lib/promotions/coupons";
import { createFlashSale, listFlashSales, saleableSkus, SALE_END_QUEUE, SALE_SOLD_OUT_QUEUE, SALE_START_QUEUE, stopFlashSale } from "@/lib/promotions/flash-sales";
import { armSaleBoundaries, saleClockState, upcomingBoundaries } from "@/lib/promotions/sale-clock";
import { saleEndJob, saleSoldOutJob, saleStartJob } from "@/lib/promotions/sale-jobs";
import { itemSales, salePricesForSkus } from "@/lib/promotions/sale-prices";
import { getStoreDashboard } from "@/lib/metrics/dashboard";
import { rebuildRollups } from "@/lib/metrics/rebuild";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { actorFor, authWorld, createStore, createUser } from "../../support/fixtures";
import { payAndDeliver, testAddress, usePaymentsInProcess } from "../../support/payments";

vi.mock("@/lib/cache", async (original) => ({ ...(await original<typeof import("@/lib/cache")>()), invalidate: vi.fn() }));

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});
afterEach(() => {
  vi.useRealTimers();
});

const minute = 60_000;
const hour = 60 * minute;
const newBuyer = async (): Promise<Actor> => actorFor((await createUser("BUYER")).id);
const handlers = { [SALE_START_QUEUE]: saleStartJob, [SALE_END_QUEUE]: saleEndJob, [SALE_SOLD_OUT_QUEUE]: saleSoldOutJob };

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x) => x);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${e}`);
  return e;
}

function order(buyer: Actor, lines: { skuId: string; quantity: number }[], extra: { couponClaimId?: string; expectedTotalFen?: number } = {}) {
  return placeOrder(buyer, { storeId: w.storeA.id, lines, address: testAddress, idempotencyKey: crypto.randomUUID(), ...extra });
}

async function saleOn(priceFen = 1000, stock = 100, sale: { priceFen?: number; quantity?: number; perBuyerLimit?: number; startsAt?: Date; endsAt?: Date } = {}) {
  const item = await createItemWithSkus(w.storeA.id, { title: "抢购品", skus: [{ priceFen, stock }] });
  const { id } = await createFlashSale(w.sellerA, w.storeA.id, {
    name: "双十二",
    startsAt: sale.startsAt ?? new Date(),
    endsAt: sale.endsAt ?? new Date(Date.now() + hour),
    perBuyerLimit: sale.perBuyerLimit,
    skus: [{ skuId: item.skuIds[0], price: sale.priceFen ?? 600, quantity: sale.quantity }],
  });
  return { saleId: id, itemId: item.itemId, skuId: item.skuIds[0] };
}

describe("scheduling", () => {
  it("gives each bad field its own error, naming the SKU row", async () => {
    const item = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 5 }, { priceFen: 2000, stock: 5 }] });
    const base = { name: "限时", startsAt: new Date(), endsAt: new Date(Date.now() + hour), skus: [{ skuId: item.skuIds[0], price: "8.00" }] };
    const fields = async (input: Record<string, unknown>) => (await errorOf(createFlashSale(w.sellerA, w.storeA.id, { ...base, ...input } as never))).fieldErrors;
    // A sale price at or above the SKU's own.
    expect(await fields({ skus: [{ skuId: item.skuIds[0], price: "10.00" }] })).toEqual({ "skus.0.price": ["salePriceNotBelow"] });
    expect(await fields({ skus: [{ skuId: item.skuIds[0], price: "8" }, { skuId: item.skuIds[1], price: "25" }] })).toEqual({ "skus.1.price": ["salePriceNotBelow"] });
    expect(await fields({ endsAt: new Date(Date.now() - hour) })).toEqual({ endsAt: ["saleEndBeforeStart"] });
    expect(await fields({ mode: "PERCENT", percentOff: "120" })).toMatchObject({ percentOff: ["salePercentInvalid"] });
    expect(await fields({ startsAt: new Date(Date.now() - 2 * hour) })).toEqual({ startsAt: ["saleStartPast"] });
    expect(await fields({ skus: [{ skuId: item.skuIds[0], price: "abc" }] })).toMatchObject({ "skus.0.price": ["salePriceInvalid"] });
    expect(await fields({ skus: [] })).toEqual({ skus: ["saleSkusRequired"] });
    const other = await createItemWithSkus(w.storeB.id, { skus: [{ priceFen: 1000, stock: 1 }] });
    expect(await fields({ skus: [{ skuId: other.skuIds[0], price: "5" }] })).toEqual({ "skus.0.skuId": ["saleSkuUnknown"] });
    // Another store's seller reaches nothing of this store.
    expect((await errorOf(createFlashSale(w.sellerB, w.storeA.id, base))).code).toBe("NOT_FOUND");
  });

  it("refuses a SKU already in a sale whose window overlaps, and accepts it in the next window", async () => {
    const { skuId } = await saleOn();
    const e = await errorOf(createFlashSale(w.sellerA, w.storeA.id, { name: "又一场", startsAt: new Date(Date.now() + 30 * minute), endsAt: new Date(Date.now() + 2 * hour), skus: [{ skuId, price: 500 }] }));
    expect(e.fieldErrors).toEqual({ "skus.0.skuId": ["saleSkuOverlaps"] });
    await createFlashSale(w.sellerA, w.storeA.id, { name: "下一场", startsAt: new Date(Date.now() + 2 * hour), endsAt: new Date(Date.now() + 3 * hour), skus: [{ skuId, price: 500 }] });
  });

  it("takes SKUs of several items in one sale, offering the seller only their own store's", async () => {
    const a = await createItemWithSkus(w.storeA.id, { title: "甲", skus: [{ priceFen: 1000, stock: 5 }] });
    const b = await createItemWithSkus(w.storeA.id, { title: "乙", skus: [{ priceFen: 2000, stock: 5 }, { priceFen: 2500, stock: 5 }] });
    const foreign = await createItemWithSkus(w.storeB.id, { skus: [{ priceFen: 1000, stock: 5 }] });
    const offered = await saleableSkus(w.sellerA, w.storeA.id, [b.itemId, foreign.itemId, a.itemId]);
    expect(offered.map((i) => [i.title, i.skus.length])).toEqual([["乙", 2], ["甲", 1]]);
    const { id } = await createFlashSale(w.sellerA, w.storeA.id, { name: "两件", mode: "PERCENT", percentOff: 10, startsAt: new Date(), endsAt: new Date(Date.now() + hour), skus: [...a.skuIds, ...b.skuIds].map((skuId) => ({ skuId })) });
    const [sale] = (await listFlashSales(w.sellerA, w.storeA.id)).filter((x) => x.id === id);
    expect(sale.skus.map((k) => k.priceFen).sort((x, y) => x - y)).toEqual([900, 1800, 2250]);
  });

  it("prices every SKU at a percent off, rounded to the fen", async () => {
    const item = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 999, stock: 5 }, { priceFen: 1999, stock: 5 }] });
    const { id } = await createFlashSale(w.sellerA, w.storeA.id, { name: "八五折", mode: "PERCENT", percentOff: 15, startsAt: new Date(), endsAt: new Date(Date.now() + hour), skus: item.skuIds.map((skuId) => ({ skuId })) });
    const rows = await getDb().flashSaleSku.findMany({ where: { saleId: id }, select: { skuId: true, priceFen: true } });
    expect(new Map(rows.map((r) => [r.skuId, r.priceFen]))).toEqual(new Map([[item.skuIds[0], 849], [item.skuIds[1], 1699]]));
  });
});

describe("the price an order pays", () => {
  it("is the sale's while it runs and the normal one a millisecond after its end, on the server's clock", async () => {
    const endsAt = new Date(Date.now() + 10 * minute);
    const { skuId } = await saleOn(1000, 10, { priceFen: 600, endsAt });
    const buyer = await newBuyer();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(endsAt.getTime() - 1);
    const during = await order(buyer, [{ skuId, quantity: 1 }]);
    expect(during.totalFen).toBe(600);
    expect(during.placed!.lines[0]).toMatchObject({ unitPriceFen: 600, lineTotalFen: 600 });
    vi.setSystemTime(endsAt.getTime() + 1);
    const after = await order(buyer, [{ skuId, quantity: 1 }]);
    expect(after.totalFen).toBe(1000);
    vi.useRealTimers();
    const lines = await getDb().orderLine.findMany({ where: { orderId: { in: [during.id, after.id] } }, select: { orderId: true, unitPriceFen: true, listPriceFen: true, flashSaleId: true } });
    const byOrder = new Map(lines.map((l) => [l.orderId, l]));
    expect(byOrder.get(during.id)).toMatchObject({ unitPriceFen: 600, listPriceFen: 1000 });
    expect(byOrder.get(during.id)!.flashSaleId).not.toBeNull();
    expect(byOrder.get(after.id)).toMatchObject({ unitPriceFen: 1000, listPriceFen: null, flashSaleId: null });
  });

  it("is the normal one before the start, and from the moment the seller stops it", async () => {
    const startsAt = new Date(Date.now() + 5 * minute);
    const { saleId, skuId } = await saleOn(1000, 10, { priceFen: 700, startsAt, endsAt: new Date(Date.now() + hour) });
    const buyer = await newBuyer();
    expect((await order(buyer, [{ skuId, quantity: 1 }])).totalFen).toBe(1000);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(startsAt);
    expect((await order(buyer, [{ skuId, quantity: 1 }])).totalFen).toBe(700);
    vi.useRealTimers();
    // Stopped before it began, a sale never begins.
    await stopFlashSale(w.sellerA, w.storeA.id, saleId);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(startsAt.getTime() + minute);
    expect((await order(buyer, [{ skuId, quantity: 1 }])).totalFen).toBe(1000);
    vi.useRealTimers();
    expect((await errorOf(stopFlashSale(w.sellerA, w.storeA.id, saleId))).code).toBe("INVALID_STATE");
    expect((await errorOf(stopFlashSale(w.sellerB, w.storeA.id, saleId))).code).toBe("NOT_FOUND");
  });

  it("sells exactly the sale's units at its price when 30 buyers race for the last 10", async () => {
    const { saleId, skuId } = await saleOn(1000, 100, { priceFen: 500, quantity: 10 });
    const buyers = await Promise.all(Array.from({ length: 30 }, newBuyer));
    const results = await Promise.allSettled(buyers.map((b) => order(b, [{ skuId, quantity: 1 }])));
    const placed = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code] : []));
    // Those who read the price while units were left and lost the race are told the price
    // changed; those who read it after were priced normally. Nobody got a sale price past 10.
    expect(new Set(refused).size <= 1 && refused.every((c) => c === "PRICE_CHANGED")).toBe(true);
    expect(placed.filter((o) => o.totalFen === 500)).toHaveLength(10);
    expect(placed.every((o) => o.totalFen === 500 || o.totalFen === 1000)).toBe(true);
    expect(await getDb().orderLine.count({ where: { flashSaleId: saleId } })).toBe(10);
    const row = await getDb().flashSaleSku.findFirstOrThrow({ where: { saleId }, select: { sold: true, quantity: true } });
    expect(row).toEqual({ sold: 10, quantity: 10 });
    // The last unit queued the sold-out notice, and the storefront no longer shows the sale price.
    expect(await getDb().job.count({ where: { queue: SALE_SOLD_OUT_QUEUE, payload: { path: ["flashSaleSkuId"], not: "" } } })).toBeGreaterThan(0);
    expect((await salePricesForSkus([skuId])).size).toBe(0);
  });

  it("holds the per-buyer limit when one buyer checks out many times at once", async () => {
    const { saleId, skuId } = await saleOn(1000, 100, { priceFen: 500, perBuyerLimit: 2 });
    const buyer = await newBuyer();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => order(buyer, [{ skuId, quantity: 1 }])));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const e = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(e.reason).toMatchObject({ code: "BUY_LIMIT", details: { messageKey: "saleLimit", limit: 2 } });
    expect(await getDb().orderLine.aggregate({ where: { flashSaleId: saleId }, _sum: { quantity: true } })).toEqual({ _sum: { quantity: 2 } });
  });

  it("gives the units of a cancelled unpaid order back to the sale", async () => {
    const { saleId, skuId } = await saleOn(1000, 10, { priceFen: 500, quantity: 1 });
    const a = await newBuyer();
    const first = await order(a, [{ skuId, quantity: 1 }]);
    expect(first.totalFen).toBe(500);
    expect((await order(await newBuyer(), [{ skuId, quantity: 1 }])).totalFen).toBe(1000);
    await buyerCancelOrder(a, first.id);
    expect(await getDb().flashSaleSku.findFirstOrThrow({ where: { saleId }, select: { sold: true } })).toEqual({ sold: 0 });
    expect((await order(await newBuyer(), [{ skuId, quantity: 1 }])).totalFen).toBe(500);
  });

  it("refuses with the new total when it differs from the one the buyer was shown", async () => {
    const { skuId } = await saleOn(1000, 10, { priceFen: 600 });
    const buyer = await newBuyer();
    const e = await errorOf(order(buyer, [{ skuId, quantity: 2 }], { expectedTotalFen: 2000 }));
    expect(e).toMatchObject({ code: "PRICE_CHANGED", details: { totalFen: 1200, messageKey: "priceChanged" } });
    expect((await order(buyer, [{ skuId, quantity: 2 }], { expectedTotalFen: 1200 })).totalFen).toBe(1200);
  });

  it("measures a coupon's threshold against sale prices (the stated rule)", async () => {
    const { skuId } = await saleOn(12_000, 10, { priceFen: 9_000 });
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "满100减10", kind: "THRESHOLD", amountOff: "10", threshold: "100", totalQuantity: 10, startsAt: new Date(Date.now() - hour), endsAt: new Date(Date.now() + hour) });
    const buyer = await newBuyer();
    const claim = await claimCoupon(buyer, id);
    // ¥120 normally, ¥90 in the sale: below the ¥100 threshold.
    const e = await errorOf(order(buyer, [{ skuId, quantity: 1 }], { couponClaimId: claim.claimId }));
    expect(e).toMatchObject({ code: "COUPON_UNAVAILABLE", details: { messageKey: "couponBelowThreshold" } });
    const two = await order(buyer, [{ skuId, quantity: 2 }], { couponClaimId: claim.claimId });
    expect(two).toMatchObject({ itemsFen: 18_000, discountFen: 1_000, totalFen: 17_000 });
  });
});

describe("the storefront's prices", () => {
  it("shows an item's range at sale prices while a sale is in force, and nothing before it", async () => {
    const item = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 5 }, { priceFen: 3000, stock: 5 }] });
    const startsAt = new Date(Date.now() + 2 * minute);
    await createFlashSale(w.sellerA, w.storeA.id, { name: "闪购", startsAt, endsAt: new Date(Date.now() + hour), skus: [{ skuId: item.skuIds[1], price: 800 }] });
    expect((await itemSales([item.itemId])).size).toBe(0);
    const during = await itemSales([item.itemId], new Date(startsAt.getTime() + 1));
    expect(during.get(item.itemId)).toMatchObject({ priceMinFen: 800, priceMaxFen: 1000, name: "闪购" });
  });
});

describe("notices and figures", () => {
  it("tells the store once when a sale starts and ends, and shows the seller what it sold and cost", async () => {
    const endsAt = new Date(Date.now() + 3_000);
    const { saleId, skuId } = await saleOn(1000, 10, { priceFen: 700, endsAt });
    const buyer = await newBuyer();
    const o = await order(buyer, [{ skuId, quantity: 2 }]);
    await payAndDeliver(buyer, o.id);
    await runDueJobs(handlers);
    await saleStartJob({ saleId }); // delivered twice: one notice
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(endsAt.getTime() + 1);
    await saleEndJob({ saleId });
    await saleEndJob({ saleId });
    vi.useRealTimers();
    const kinds = await getDb().notification.findMany({ where: { subjectId: saleId }, select: { kind: true, params: true } });
    expect(kinds.map((k) => k.kind).sort()).toEqual(["FLASH_SALE_ENDED", "FLASH_SALE_STARTED"]);
    expect(kinds.find((k) => k.kind === "FLASH_SALE_ENDED")!.params).toMatchObject({ paidUnits: 2 });
    const [sale] = (await listFlashSales(w.sellerA, w.storeA.id)).filter((s) => s.id === saleId);
    expect(sale).toMatchObject({ paidUnits: 2, paidFen: 1400, discountFen: 600 });
    expect(sale.skus[0]).toMatchObject({ skuId, priceFen: 700, listPriceFen: 1000, sold: 2 });
  });

  it("tells the store when a SKU's units at the sale price are all taken", async () => {
    const { skuId } = await saleOn(1000, 10, { priceFen: 700, quantity: 1 });
    await order(await newBuyer(), [{ skuId, quantity: 1 }]);
    await runDueJobs(handlers);
    expect(await getDb().notification.count({ where: { kind: "FLASH_SALE_SOLD_OUT", user: { memberships: { some: { storeId: w.storeA.id } } } } })).toBeGreaterThan(0);
  });
});

describe("the dashboard", () => {
  it("shows GMV before and after promotions, what coupons and sale prices cost, and each promotion; a rebuild agrees", async () => {
    const owner = await createUser("SELLER");
    const store = await createStore({ ownerId: owner.id });
    const seller = await actorFor(owner.id); // after the store: the actor carries its memberships
    const item = await createItemWithSkus(store.id, { skus: [{ priceFen: 10_000, stock: 20 }, { priceFen: 5_000, stock: 20 }] });
    const sale = await createFlashSale(seller, store.id, { name: "抢购", startsAt: new Date(), endsAt: new Date(Date.now() + hour), skus: [{ skuId: item.skuIds[0], price: 8_000 }] });
    const coupon = await createCoupon(seller, store.id, { name: "满100减15", kind: "THRESHOLD", amountOff: "15", threshold: "100", totalQuantity: 10, startsAt: new Date(Date.now() - hour), endsAt: new Date(Date.now() + hour) });
    const buyer = await newBuyer();
    const claim = await claimCoupon(buyer, coupon.id);
    const place = (lines: { skuId: string; quantity: number }[], couponClaimId?: string) =>
      placeOrder(buyer, { storeId: store.id, lines, address: testAddress, idempotencyKey: crypto.randomUUID(), couponClaimId });
    // ¥80 (sale) + ¥50 = ¥130 − ¥15 coupon = ¥115; then ¥50 alone, no promotion.
    const a = await place([{ skuId: item.skuIds[0], quantity: 1 }, { skuId: item.skuIds[1], quantity: 1 }], claim.claimId);
    const b = await place([{ skuId: item.skuIds[1], quantity: 1 }]);
    expect([a.totalFen, b.totalFen]).toEqual([11_500, 5_000]);
    await payAndDeliver(buyer, a.id);
    await payAndDeliver(buyer, b.id);
    const d = await getStoreDashboard(seller, store.id, { range: "today" });
    expect(d.figures).toMatchObject({ paidOrders: 2, paidFen: 16_500, grossFen: 20_000, couponDiscountFen: 1_500, saleDiscountFen: 2_000, couponOrders: 1 });
    expect(d.promotions).toEqual([
      { kind: "FLASH_SALE", id: sale.id, name: "抢购", claims: null, uses: 1, paidFen: 8_000, discountFen: 2_000 },
      { kind: "COUPON", id: coupon.id, name: "满100减15", claims: 1, uses: 1, paidFen: 11_500, discountFen: 1_500 },
    ]);
    // Items' paid GMV is what buyers paid for the lines, the coupon's part taken off.
    const itemPaid = d.topItems.find((i) => i.itemId === item.itemId)!.paidFen;
    expect(itemPaid).toBe(16_500);
    const rows = () => getDb().storeDailyStat.findMany({ where: { storeId: store.id }, orderBy: { day: "asc" } });
    const live = await rows();
    await rebuildRollups({ storeId: store.id });
    expect(await rows()).toEqual(live);
  });
});

describe("the sale clock", () => {
  it("expires the store's and items' cached pages on this instance exactly at a boundary", async () => {
    vi.useFakeTimers();
    const at = new Date(Date.now() + 90_000);
    const before = tagGenerations([tags.store("clock-store"), tags.item("clock-item")]);
    const fired = saleClockState().fired;
    armSaleBoundaries([{ storeId: "clock-store", itemIds: ["clock-item"], at }]);
    armSaleBoundaries([{ storeId: "clock-store", itemIds: ["clock-item"], at }]); // armed once
    vi.advanceTimersByTime(89_999);
    expect(saleClockState().fired).toBe(fired);
    expect(tagGenerations([tags.store("clock-store"), tags.item("clock-item")])).toBe(before);
    vi.advanceTimersByTime(1);
    expect(saleClockState().fired).toBe(fired + 1);
    expect(tagGenerations([tags.store("clock-store"), tags.item("clock-item")])).not.toBe(before);
  });

  it("finds every start and end coming up within its horizon", async () => {
    const startsAt = new Date(Date.now() + 2 * minute);
    const endsAt = new Date(Date.now() + 4 * minute);
    const { itemId } = await saleOn(1000, 5, { startsAt, endsAt });
    const mine = (await upcomingBoundaries()).filter((b) => b.itemIds.includes(itemId));
    expect(mine.map((b) => b.at.getTime()).sort()).toEqual([startsAt.getTime(), endsAt.getTime()]);
  });
});
