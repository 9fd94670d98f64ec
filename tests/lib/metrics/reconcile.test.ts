// Every dashboard figure reconciles exactly with the orders behind it. A store lives through
// five days (in the past, on a controlled clock): orders are paid (one a second before
// midnight), shipped on time and late, cancelled, paid after cancellation (auto-refunded),
// refunded in full and in part through the WeChat Pay sandbox, complained about. Then each
// figure is recomputed straight from Order / OrderLine / Refund / Complaint rows and compared
// with what the dashboard shows, for several ranges.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as notifyPOST } from "@/app/api/payments/wechatpay/notify/route";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { enqueue } from "@/lib/jobs/queue";
import { runDueJobs } from "@/lib/jobs/worker";
import { getStoreDashboard } from "@/lib/metrics/dashboard";
import { addDays, dayStart, shanghaiDay } from "@/lib/metrics/days";
import { getPlatformOverview } from "@/lib/metrics/platform";
import { rebuildRollups } from "@/lib/metrics/rebuild";
import { recordComplaintOpened } from "@/lib/metrics/record";
import { countItemView, flushItemViews } from "@/lib/metrics/views";
import { buyerCancelOrder, shipOrder } from "@/lib/orders/lifecycle";
import { outRefundNoFor } from "@/lib/orders/numbers";
import { startPayment } from "@/lib/orders/pay";
import { tryTransition } from "@/lib/orders/state";
import { REFUND_SUBMIT_QUEUE } from "@/lib/payments/apply";
import { submitRefundJob } from "@/lib/payments/refunds";
import { buildNotificationRequest } from "@/lib/sandbox/wechatpay/notifications";
import { payOrder } from "@/lib/sandbox/wechatpay/transactions";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { actorFor, authWorld, createUser } from "../../support/fixtures";
import { deliverSandbox, orderStatus, payInSandbox, placeTestOrder, usePaymentsInProcess } from "../../support/payments";

useTestDatabase();
usePaymentsInProcess();

// The store's five days, all safely in the past so every job the flows enqueue is due at once.
const D = ["2025-03-06", "2025-03-07", "2025-03-08", "2025-03-09", "2025-03-10"] as const;
const at = (day: string, hhmmss: string) => new Date(`${day}T${hhmmss}+08:00`);
const NOW = at(D[4], "20:00:00");

/** Moves the clock (Date only; it keeps ticking from there). */
const clock = (t: Date) => vi.setSystemTime(t);

let w: Awaited<ReturnType<typeof authWorld>>;
let b2: Actor;
let b3: Actor;
const ids: Record<string, string> = {};
let item1: { itemId: string; skuIds: string[] };
let item2: { itemId: string; skuIds: string[] };
let item3: { itemId: string; skuIds: string[] };
const views = new Map<string, number>(); // day → views counted for the store

async function placeAndPay(buyer: Actor, lines: { skuId: string; quantity: number }[], paidAt: Date) {
  clock(new Date(paidAt.getTime() - 60_000));
  const order = await placeTestOrder(buyer, w.storeA.id, lines);
  clock(paidAt);
  await payInSandbox(buyer, order.id);
  await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
  return order.id;
}

async function ship(orderId: string, when: Date) {
  clock(when);
  await shipOrder(w.sellerA, w.storeA.id, orderId, { carrier: "SF", trackingNo: `SF${crypto.randomInt(1e9, 1e10)}` });
}

/** What the after-sale / admin code does: a Refund row and its submission job in one transaction; the sandbox settles it. */
async function refund(orderId: string, amountFen: number, settles: Date, outcome: "SUCCESS" | "ABNORMAL" = "SUCCESS") {
  clock(settles);
  const db = getDb();
  const o = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { orderNo: true, _count: { select: { refunds: true } } } });
  const r = await db.$transaction(async (tx) => {
    const row = await tx.refund.create({ data: { orderId, outRefundNo: outRefundNoFor(o.orderNo, o._count.refunds + 1), amountFen, reason: "test", cause: "ADMIN" }, select: { id: true } });
    await enqueue(tx, REFUND_SUBMIT_QUEUE, { refundId: row.id }, { singletonKey: `refund.submit:${row.id}` });
    return row;
  });
  await runDueJobs({ [REFUND_SUBMIT_QUEUE]: submitRefundJob });
  await deliverSandbox(async () => (await db.refund.findUniqueOrThrow({ where: { id: r.id } })).status === outcome);
}

/** What the purchase-protection code does when a buyer escalates: the complaint and its metric in one transaction. */
async function complain(orderId: string, when: Date) {
  clock(when);
  const db = getDb();
  const o = await db.order.findUniqueOrThrow({ where: { id: orderId }, select: { storeId: true, buyerId: true, totalFen: true } });
  await db.$transaction(async (tx) => {
    const req = await tx.afterSaleRequest.create({
      data: { caseNo: `AS${crypto.randomInt(1e9, 1e10)}`, orderId, storeId: o.storeId, buyerId: o.buyerId, type: "REFUND_ONLY", status: "ESCALATED", reason: "NOT_AS_DESCRIBED", description: "", evidenceImageIds: [], requestedFen: o.totalFen },
      select: { id: true },
    });
    await tx.complaint.create({
      data: { caseNo: `CP${crypto.randomInt(1e9, 1e10)}`, requestId: req.id, orderId, storeId: o.storeId, buyerId: o.buyerId, statement: "…", slaDueAt: new Date(when.getTime() + 72 * 3_600_000), createdAt: when },
    });
    await recordComplaintOpened(tx, { storeId: o.storeId, at: when });
  });
}

function view(itemId: string, when: Date, n: number) {
  for (let i = 0; i < n; i++) countItemView(w.storeA.id, itemId, when);
  views.set(shanghaiDay(when), (views.get(shanghaiDay(when)) ?? 0) + n);
}

beforeAll(async () => {
  w = await authWorld();
  [b2, b3] = await Promise.all([createUser("BUYER"), createUser("BUYER")].map(async (u) => actorFor((await u).id)));
  item1 = await createItemWithSkus(w.storeA.id, { title: "Tea", skus: [{ priceFen: 2599, stock: 50 }] });
  item2 = await createItemWithSkus(w.storeA.id, { title: "Cup", postage: { mode: "FLAT", fen: 800 }, skus: [{ priceFen: 1000, stock: 20 }, { priceFen: 1500, stock: 20 }] });
  item3 = await createItemWithSkus(w.storeA.id, { title: "Rare", skus: [{ priceFen: 9900, stock: 4 }] });
  await createItemWithSkus(w.storeA.id, { title: "Hidden", status: "OFF_SALE", skus: [{ priceFen: 100, stock: 1 }] });
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });

  // Day 1: an on-time shipment; a payment one second before midnight.
  ids.o1 = await placeAndPay(w.buyer, [{ skuId: item1.skuIds[0], quantity: 2 }], at(D[0], "10:00:00"));
  await ship(ids.o1, at(D[0], "15:00:00"));
  ids.o2 = await placeAndPay(w.buyer, [{ skuId: item2.skuIds[0], quantity: 1 }, { skuId: item2.skuIds[1], quantity: 2 }], at(D[0], "23:59:59"));
  view(item1.itemId, at(D[0], "09:00:00"), 5);

  // Day 2: a cancelled order; an order refunded in full later; an order refunded twice in part.
  clock(at(D[1], "09:00:00"));
  const o3 = await placeTestOrder(b2, w.storeA.id, [{ skuId: item1.skuIds[0], quantity: 1 }]);
  ids.o3 = o3.id;
  clock(at(D[1], "09:10:00"));
  await buyerCancelOrder(b2, ids.o3);
  ids.o4 = await placeAndPay(b2, [{ skuId: item1.skuIds[0], quantity: 1 }, { skuId: item2.skuIds[0], quantity: 1 }], at(D[1], "11:00:00"));
  ids.o5 = await placeAndPay(b3, [{ skuId: item2.skuIds[1], quantity: 3 }], at(D[1], "12:00:00"));
  await ship(ids.o5, at(D[1], "18:00:00"));
  view(item2.itemId, at(D[1], "20:00:00"), 3);

  // Day 3: a payment that arrives after its order was cancelled (refunded automatically);
  // the full refund of o4 and the first part of o5's; an order paid but never shipped.
  clock(at(D[2], "08:00:00"));
  const o6 = await placeTestOrder(b3, w.storeA.id, [{ skuId: item1.skuIds[0], quantity: 1 }]);
  ids.o6 = o6.id;
  const start = await startPayment(b3, o6.id, { tradeType: "JSAPI" });
  expect(await payOrder(start.tradeType === "JSAPI" ? start.payParams.package.slice("prepay_id=".length) : "")).toBe("paid");
  await getDb().$transaction((tx) => tryTransition(tx, { orderId: o6.id, transition: "CANCEL", actorKind: "SYSTEM", data: { cancelledAt: new Date() } }));
  const trade = await getDb().sandboxPayTransaction.findFirstOrThrow({ where: { outTradeNo: (await getDb().order.findUniqueOrThrow({ where: { id: o6.id } })).outTradeNo } });
  const n = await getDb().sandboxPayNotification.findFirstOrThrow({ where: { transactionId: trade.transactionId } });
  expect((await notifyPOST(await buildNotificationRequest(n.id))).status).toBe(204);
  await runDueJobs({ [REFUND_SUBMIT_QUEUE]: submitRefundJob });
  await deliverSandbox(async () => (await getDb().refund.findFirstOrThrow({ where: { orderId: o6.id } })).status === "SUCCESS");
  ids.o8 = await placeAndPay(b2, [{ skuId: item3.skuIds[0], quantity: 1 }], at(D[2], "09:00:00"));
  const o4Total = (await getDb().order.findUniqueOrThrow({ where: { id: ids.o4 } })).totalFen;
  await refund(ids.o4, o4Total, at(D[2], "10:00:00"));
  await refund(ids.o5, 500, at(D[2], "11:00:00"));

  // Day 4: o2 ships more than 48 h after payment; a complaint; a refund WeChat Pay cannot pay.
  await ship(ids.o2, at(D[3], "00:30:00"));
  ids.o9 = await placeAndPay(w.buyer, [{ skuId: item1.skuIds[0], quantity: 1 }], at(D[3], "10:00:00"));
  await complain(ids.o5, at(D[3], "12:00:00"));
  await getDb().sandboxPayControl.upsert({ where: { key: "refundAbnormal" }, create: { key: "refundAbnormal", value: 1 }, update: { value: 1 } });
  await refund(ids.o9, 100, at(D[3], "13:00:00"), "ABNORMAL");
  await complain(ids.o9, at(D[3], "23:59:59"));

  // Day 5 (today): the second part of o5's refund; a new paid order waiting to be shipped.
  ids.o7 = await placeAndPay(w.buyer, [{ skuId: item1.skuIds[0], quantity: 1 }], at(D[4], "09:00:00"));
  await refund(ids.o5, 700, at(D[4], "09:30:00"));
  view(item1.itemId, at(D[4], "10:00:00"), 2);
  view(item2.itemId, at(D[4], "10:00:00"), 4);
  await flushItemViews();
  clock(NOW);
}, 120_000);

afterAll(() => {
  vi.useRealTimers();
});

// ───────────────────────────── figures straight from the source rows ─────────────────────────────

async function fromSource(from: string, to: string, storeId: string | null = w.storeA.id) {
  const db = getDb();
  const inRange = (d: Date | null) => d !== null && shanghaiDay(d) >= from && shanghaiDay(d) <= to;
  const where = storeId ? { storeId } : {};
  const orders = await db.order.findMany({ where, select: { id: true, status: true, buyerId: true, totalFen: true, discountFen: true, couponClaimId: true, paidAt: true, shippedAt: true, lines: { select: { itemId: true, quantity: true, lineTotalFen: true, discountFen: true, unitPriceFen: true, listPriceFen: true } } } });
  const refunds = await db.refund.findMany({ where: { order: where, status: "SUCCESS", cause: { not: "AUTO_LATE_PAYMENT" } }, select: { id: true, orderId: true, amountFen: true, settledAt: true } });
  const complaints = await db.complaint.findMany({ where, select: { createdAt: true } });
  const paid = orders.filter((o) => ["PAID", "SHIPPED", "COMPLETED", "CLOSED"].includes(o.status) && inRange(o.paidAt));
  const shipped = orders.filter((o) => inRange(o.shippedAt));
  const firstRefund = new Map<string, { settledAt: Date; id: string }>();
  for (const r of refunds) {
    const f = firstRefund.get(r.orderId);
    if (!f || r.settledAt! < f.settledAt || (+r.settledAt! === +f.settledAt && r.id < f.id)) firstRefund.set(r.orderId, { settledAt: r.settledAt!, id: r.id });
  }
  const items = new Map<string, { paidUnits: number; paidFen: number }>();
  for (const o of paid)
    for (const l of o.lines) {
      const i = items.get(l.itemId) ?? { paidUnits: 0, paidFen: 0 };
      items.set(l.itemId, { paidUnits: i.paidUnits + l.quantity, paidFen: i.paidFen + l.lineTotalFen - l.discountFen });
    }
  const paidFen = paid.reduce((s, o) => s + o.totalFen, 0);
  const couponDiscountFen = paid.reduce((s, o) => s + o.discountFen, 0);
  const saleDiscountFen = paid.reduce((s, o) => s + o.lines.reduce((t, l) => t + (l.listPriceFen === null ? 0 : (l.listPriceFen - l.unitPriceFen) * l.quantity), 0), 0);
  const refundedOrders = [...firstRefund.values()].filter((f) => inRange(f.settledAt)).length;
  const itemViews = [...views].filter(([d]) => d >= from && d <= to).reduce((s, [, n]) => s + n, 0);
  return {
    paidOrders: paid.length,
    paidFen,
    payingBuyers: new Set(paid.map((o) => o.buyerId)).size,
    avgOrderFen: paid.length ? Math.round(paidFen / paid.length) : null,
    itemViews,
    conversion: itemViews ? paid.length / itemViews : null,
    refunds: refundedOrders,
    refundFen: refunds.filter((r) => inRange(r.settledAt)).reduce((s, r) => s + r.amountFen, 0),
    refundRate: paid.length ? refundedOrders / paid.length : null,
    complaints: complaints.filter((c) => inRange(c.createdAt)).length,
    complaintRate: paid.length ? complaints.filter((c) => inRange(c.createdAt)).length / paid.length : null,
    shippedOrders: shipped.length,
    shippedLate: shipped.filter((o) => o.shippedAt!.getTime() - o.paidAt!.getTime() > 48 * 3_600_000).length,
    grossFen: paidFen + couponDiscountFen + saleDiscountFen,
    couponDiscountFen,
    saleDiscountFen,
    couponOrders: paid.filter((o) => o.couponClaimId !== null).length,
    items: [...items].map(([itemId, v]) => ({ itemId, ...v })).sort((a, b) => b.paidFen - a.paidFen || b.paidUnits - a.paidUnits),
    orders,
  };
}

const RANGES = [
  { input: { range: "today" as const }, from: D[4], to: D[4] },
  { input: { range: "7d" as const }, from: addDays(D[4], -6), to: D[4] },
  { input: { range: "30d" as const }, from: addDays(D[4], -29), to: D[4] },
  ...[
    [D[0], D[0]],
    [D[1], D[3]],
    [D[2], D[2]],
    [D[3], D[4]],
  ].map(([from, to]) => ({ input: { range: "custom" as const, from, to }, from, to })),
];

describe("the dashboard reconciles with the orders behind it", () => {
  it("went through the intended life: the scenario itself (so the comparisons below compare something)", async () => {
    const s = await fromSource(D[0], D[4]);
    const status = (id: string) => s.orders.find((o) => o.id === id)!.status;
    expect([ids.o1, ids.o2, ids.o3, ids.o4, ids.o5, ids.o6, ids.o7, ids.o8, ids.o9].map(status)).toEqual(["SHIPPED", "SHIPPED", "CANCELLED", "CLOSED", "SHIPPED", "CANCELLED", "PAID", "PAID", "PAID"]);
    // o6's late payment was refunded in full, and is not a sale.
    expect(await getDb().refund.findMany({ where: { orderId: ids.o6 }, select: { cause: true, status: true } })).toEqual([{ cause: "AUTO_LATE_PAYMENT", status: "SUCCESS" }]);
    expect(s).toMatchObject({ paidOrders: 7, payingBuyers: 3, refunds: 2, refundFen: (await getDb().order.findUniqueOrThrow({ where: { id: ids.o4 } })).totalFen + 1200, complaints: 2, shippedOrders: 3, shippedLate: 1 });
    // The payment one second before midnight counts on day 1, not day 2.
    expect(shanghaiDay((await getDb().order.findUniqueOrThrow({ where: { id: ids.o2 } })).paidAt!)).toBe(D[0]);
  });

  it.each(RANGES.map((r) => [`${r.input.range} ${r.from}…${r.to}`, r] as const))("every figure for %s equals the recount", async (_name, r) => {
    const dash = await getStoreDashboard(w.sellerA, w.storeA.id, r.input, NOW);
    const s = await fromSource(r.from, r.to);
    expect(dash.range).toMatchObject({ from: r.from, to: r.to });
    const { items, orders: _orders, ...figures } = s;
    expect(dash.figures).toEqual(figures);
    expect(dash.topItems.map(({ itemId, paidUnits, paidFen }) => ({ itemId, paidUnits, paidFen })).filter((i) => i.paidUnits > 0)).toEqual(items);
    // The chart's days add up to the same totals, and each day matches its own recount.
    const inRange = dash.series.filter((p) => p.day >= r.from && p.day <= r.to);
    expect(inRange.reduce((a, p) => a + p.paidFen, 0)).toBe(s.paidFen);
    expect(inRange.reduce((a, p) => a + p.refundFen, 0)).toBe(s.refundFen);
    for (const p of dash.series.filter((q) => q.day >= D[0] && q.day <= D[4])) {
      const day = await fromSource(p.day, p.day);
      expect(p).toEqual({ day: p.day, paidFen: day.paidFen, paidOrders: day.paidOrders, refundFen: day.refundFen, refunds: day.refunds });
    }
  });

  it("shows what needs doing now: paid orders awaiting shipment (one past 48 h) and low-stock SKUs on sale", async () => {
    const dash = await getStoreDashboard(w.sellerA, w.storeA.id, { range: "today" }, NOW);
    const db = getDb();
    const awaiting = await db.order.findMany({ where: { storeId: w.storeA.id, status: "PAID" }, select: { id: true, paidAt: true } });
    expect(dash.live.awaitingShipment).toBe(awaiting.length);
    expect(dash.live.overdueShipment).toBe(awaiting.filter((o) => NOW.getTime() - o.paidAt!.getTime() > 48 * 3_600_000).length);
    expect(dash.live).toMatchObject({ awaitingShipment: 3, overdueShipment: 1 });
    // item3 has 3 left and is on sale; the OFF_SALE item's single unit does not count.
    const low = await db.sku.findMany({ where: { storeId: w.storeA.id, active: true, stock: { lte: 5 }, item: { status: "ON_SALE" } }, select: { id: true } });
    expect(dash.live.lowStockCount).toBe(low.length);
    expect(dash.live.lowStock.map((s) => s.skuId)).toEqual([item3.skuIds[0]]);
  });

  it("the platform view sums the stores' figures for the range", async () => {
    const o = await getPlatformOverview(w.admin, { range: "custom", from: D[0], to: D[4] }, NOW);
    const s = await fromSource(D[0], D[4], null);
    expect(o.totals).toEqual({ paidOrders: s.paidOrders, paidFen: s.paidFen, refunds: s.refunds, refundFen: s.refundFen, complaints: s.complaints, avgOrderFen: s.avgOrderFen, refundRate: s.refundRate, complaintRate: s.complaintRate });
    expect(o.highestComplaintRates).toEqual([expect.objectContaining({ storeId: w.storeA.id, count: 2, paidOrders: 7, rate: 2 / 7 })]);
    expect(o.highestRefundRates).toEqual([expect.objectContaining({ storeId: w.storeA.id, count: 2, paidOrders: 7 })]);
  });

  it("a rebuild from the source rows reproduces the rollups written live, row for row", async () => {
    const db = getDb();
    const snapshot = async () => ({
      store: await db.storeDailyStat.findMany({ where: { storeId: w.storeA.id }, orderBy: { day: "asc" } }),
      buyers: await db.storeDailyBuyer.findMany({ where: { storeId: w.storeA.id }, orderBy: [{ day: "asc" }, { buyerId: "asc" }] }),
      items: await db.itemDailyStat.findMany({ where: { storeId: w.storeA.id }, orderBy: [{ day: "asc" }, { itemId: "asc" }] }),
    });
    const live = await snapshot();
    expect(live.store.length).toBeGreaterThanOrEqual(5);
    await rebuildRollups({ storeId: w.storeA.id });
    expect(await snapshot()).toEqual(live);
  });
});
