// The dashboards' access rules, the rollups under concurrency, the order-independence of
// refund attribution, item-view counting, and the admin's platform queue figures.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as notifyPOST } from "@/app/api/payments/wechatpay/notify/route";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getStoreDashboard } from "@/lib/metrics/dashboard";
import { shanghaiDay } from "@/lib/metrics/days";
import { getPlatformOverview } from "@/lib/metrics/platform";
import { MIN_ORDERS_FOR_RATES } from "@/lib/metrics/queries";
import { rebuildRollups } from "@/lib/metrics/rebuild";
import { countItemView, flushItemViews } from "@/lib/metrics/views";
import { outRefundNoFor } from "@/lib/orders/numbers";
import { applyRefundResult } from "@/lib/payments/apply";
import { buildNotificationRequest } from "@/lib/sandbox/wechatpay/notifications";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { actorFor, authWorld, createStore, createUser } from "../../support/fixtures";
import { deliverSandbox, orderStatus, payInSandbox, placeTestOrder, usePaymentsInProcess } from "../../support/payments";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e) => (e instanceof AppError ? e.code : String(e)),
  );

describe("who sees which dashboard", () => {
  it("a store's dashboard is its own sellers' only: everyone else gets 404 (anonymous: sign in)", async () => {
    expect(await code(getStoreDashboard(w.sellerA, w.storeA.id))).toBe("OK");
    expect(await code(getStoreDashboard(w.sellerB, w.storeA.id))).toBe("NOT_FOUND");
    expect(await code(getStoreDashboard(w.buyer, w.storeA.id))).toBe("NOT_FOUND");
    expect(await code(getStoreDashboard(w.admin, w.storeA.id))).toBe("NOT_FOUND");
    expect(await code(getStoreDashboard(w.anonymous, w.storeA.id))).toBe("UNAUTHENTICATED");
  });

  it("the platform view is for admins only", async () => {
    expect(await code(getPlatformOverview(w.admin))).toBe("OK");
    for (const a of [w.sellerA, w.buyer]) expect(await code(getPlatformOverview(a))).toBe("NOT_FOUND");
    expect(await code(getPlatformOverview(w.anonymous))).toBe("UNAUTHENTICATED");
  });

  it("rejects a bad custom range with field errors rather than guessing", async () => {
    const e = await getStoreDashboard(w.sellerA, w.storeA.id, { range: "custom", from: "2025-03-10", to: "2025-03-01" }).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: "VALIDATION", fieldErrors: { to: ["rangeOrder"] } });
  });
});

describe("rollups under concurrency", () => {
  it("counts every payment once when a store's payments and item views land at the same moment", async () => {
    const store = await createStore({ ownerId: (await createUser("SELLER")).id });
    const seller = await actorFor((await getDb().storeMember.findFirstOrThrow({ where: { storeId: store.id } })).userId);
    const items = await Promise.all([0, 1, 2].map((i) => createItemWithSkus(store.id, { title: `I${i}`, skus: [{ priceFen: 1000 + i * 111, stock: 100 }] })));
    const buyers = await Promise.all(Array.from({ length: 6 }, async () => actorFor((await createUser("BUYER")).id)));
    // 18 orders, each with two of the three items (so concurrent payments share item rows too).
    const orders = [];
    for (let k = 0; k < 18; k++) {
      const buyer = buyers[k % buyers.length];
      const o = await placeTestOrder(buyer, store.id, [
        { skuId: items[k % 3].skuIds[0], quantity: 1 + (k % 2) },
        { skuId: items[(k + 1) % 3].skuIds[0], quantity: 1 },
      ]);
      await payInSandbox(buyer, o.id);
      orders.push(o.id);
    }
    const outTradeNos = (await getDb().order.findMany({ where: { id: { in: orders } }, select: { outTradeNo: true } })).map((o) => o.outTradeNo);
    const trades = await getDb().sandboxPayTransaction.findMany({ where: { outTradeNo: { in: outTradeNos } }, select: { transactionId: true } });
    const notifications = await getDb().sandboxPayNotification.findMany({ where: { eventType: "TRANSACTION.SUCCESS", transactionId: { in: trades.map((t) => t.transactionId) } }, select: { id: true } });
    expect(notifications).toHaveLength(18);
    const viewsBefore = await getDb().storeDailyStat.aggregate({ where: { storeId: store.id }, _sum: { itemViews: true } });
    await Promise.all([
      ...notifications.map(async (n) => expect((await notifyPOST(await buildNotificationRequest(n.id))).status).toBe(204)),
      ...Array.from({ length: 5 }, async (_, i) => {
        for (const it of items) countItemView(store.id, it.itemId);
        if (i % 2) await flushItemViews();
      }),
    ]);
    await flushItemViews();
    for (const id of orders) expect(await orderStatus(id)).toBe("PAID");

    const paid = await getDb().order.findMany({ where: { storeId: store.id }, select: { totalFen: true, buyerId: true, paidAt: true, lines: { select: { itemId: true, quantity: true, lineTotalFen: true } } } });
    const day = shanghaiDay(paid[0].paidAt!);
    const dash = await getStoreDashboard(seller, store.id, { range: "custom", from: day, to: day });
    expect(dash.figures).toMatchObject({
      paidOrders: 18,
      paidFen: paid.reduce((s, o) => s + o.totalFen, 0),
      payingBuyers: 6,
      itemViews: (viewsBefore._sum.itemViews ?? 0) + 15,
    });
    for (const it of items) {
      const lines = paid.flatMap((o) => o.lines).filter((l) => l.itemId === it.itemId);
      expect(dash.topItems.find((t) => t.itemId === it.itemId)).toMatchObject({ paidUnits: lines.reduce((s, l) => s + l.quantity, 0), paidFen: lines.reduce((s, l) => s + l.lineTotalFen, 0), views: 5 });
    }
  });
});

describe("refund attribution", () => {
  it("counts an order as refunded on the day of its earliest refund, whichever notice arrives first", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 5000, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    await payInSandbox(w.buyer, order.id);
    await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
    const db = getDb();
    const o = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    const mk = (seq: number, amountFen: number) => db.refund.create({ data: { orderId: o.id, outRefundNo: outRefundNoFor(o.orderNo, seq), amountFen, reason: "test", cause: "ADMIN" } });
    const [r1, r2] = [await mk(1, 1000), await mk(2, 2000)];
    // WeChat Pay paid r1 on the 1st and r2 on the 2nd, but r2's notice was applied first.
    const settle = (r: typeof r1, successTime: string) => applyRefundResult({ outTradeNo: o.outTradeNo, outRefundNo: r.outRefundNo, refundId: `RID${r.id}`, status: "SUCCESS", amountRefund: r.amountFen, successTime }, {});
    expect(await settle(r2, "2025-04-02T10:00:00+08:00")).toBe("APPLIED");
    expect(await settle(r1, "2025-04-01T10:00:00+08:00")).toBe("APPLIED");
    const rows = await db.storeDailyStat.findMany({ where: { storeId: w.storeA.id, day: { in: [new Date("2025-04-01"), new Date("2025-04-02")] } }, select: { day: true, refunds: true, refundFen: true }, orderBy: { day: "asc" } });
    expect(rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), refunds: r.refunds, refundFen: Number(r.refundFen) }))).toEqual([
      { day: "2025-04-01", refunds: 1, refundFen: 1000 },
      { day: "2025-04-02", refunds: 0, refundFen: 2000 },
    ]);
    // …exactly what a rebuild from the refund rows says.
    await rebuildRollups({ storeId: w.storeA.id });
    const rebuilt = await db.storeDailyStat.findMany({ where: { storeId: w.storeA.id, day: { in: [new Date("2025-04-01"), new Date("2025-04-02")] } }, select: { day: true, refunds: true, refundFen: true }, orderBy: { day: "asc" } });
    expect(rebuilt).toEqual(rows);
  });

  it("ignores refunds WeChat Pay closed or could not pay", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 3000, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    await payInSandbox(w.buyer, order.id);
    await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
    const db = getDb();
    const o = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    const before = await db.storeDailyStat.aggregate({ where: { storeId: w.storeA.id }, _sum: { refunds: true, refundFen: true } });
    for (const [seq, status] of [[1, "CLOSED"], [2, "ABNORMAL"]] as const) {
      const r = await db.refund.create({ data: { orderId: o.id, outRefundNo: outRefundNoFor(o.orderNo, seq), amountFen: 100, reason: "test", cause: "ADMIN" } });
      expect(await applyRefundResult({ outTradeNo: o.outTradeNo, outRefundNo: r.outRefundNo, refundId: `RID${r.id}`, status, amountRefund: 100 }, {})).toBe("APPLIED");
    }
    expect(await db.storeDailyStat.aggregate({ where: { storeId: w.storeA.id }, _sum: { refunds: true, refundFen: true } })).toEqual(before);
  });
});

describe("item views", () => {
  it("are counted in memory and written in one batch per flush to the item and the store, per Shanghai day", async () => {
    const { itemId } = await createItemWithSkus(w.storeB.id, { skus: [{ priceFen: 100, stock: 1 }] });
    const lateEvening = new Date("2025-05-01T23:59:59+08:00");
    const nextMorning = new Date("2025-05-02T00:00:00+08:00");
    for (let i = 0; i < 7; i++) countItemView(w.storeB.id, itemId, lateEvening);
    countItemView(w.storeB.id, itemId, nextMorning);
    await Promise.all([flushItemViews(), flushItemViews()]);
    for (let i = 0; i < 3; i++) countItemView(w.storeB.id, itemId, lateEvening);
    await flushItemViews();
    const db = getDb();
    const items = await db.itemDailyStat.findMany({ where: { itemId }, select: { day: true, views: true }, orderBy: { day: "asc" } });
    expect(items.map((r) => [r.day.toISOString().slice(0, 10), r.views])).toEqual([
      ["2025-05-01", 10],
      ["2025-05-02", 1],
    ]);
    const store = await db.storeDailyStat.findMany({ where: { storeId: w.storeB.id, day: { in: [new Date("2025-05-01"), new Date("2025-05-02")] } }, select: { itemViews: true }, orderBy: { day: "asc" } });
    expect(store.map((r) => r.itemViews)).toEqual([10, 1]);
  });
});

describe("the platform view's queues", () => {
  it("counts open complaints, those at risk of missing their SLA and those past it; and the applications waiting", async () => {
    const db = getDb();
    const now = new Date();
    const before = await getPlatformOverview(w.admin, {}, now);
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 10 }] });
    const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
    const cases: [("OPEN" | "AWAITING_EVIDENCE" | "SETTLED"), Date][] = [
      ["OPEN", hours(72)], // fine
      ["OPEN", hours(5)], // at risk
      ["AWAITING_EVIDENCE", hours(-1)], // overdue (and at risk)
      ["SETTLED", hours(-10)], // done: not in the queue
    ];
    for (const [status, slaDueAt] of cases) {
      const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
      const req = await db.afterSaleRequest.create({ data: { caseNo: `AS${order.id}`, orderId: order.id, storeId: w.storeA.id, buyerId: w.buyer.userId, type: "REFUND_ONLY", status: "ESCALATED", reason: "x", description: "", evidenceImageIds: [], requestedFen: 1000 } });
      await db.complaint.create({ data: { caseNo: `CP${order.id}`, requestId: req.id, orderId: order.id, storeId: w.storeA.id, buyerId: w.buyer.userId, status, statement: "x", slaDueAt } });
    }
    await createStore({ ownerId: (await createUser("SELLER")).id, status: "PENDING" });
    const after = await getPlatformOverview(w.admin, {}, now);
    expect(after.complaints).toEqual({ open: before.complaints.open + 3, atRisk: before.complaints.atRisk + 2, overdue: before.complaints.overdue + 1 });
    expect(after.applications.waiting).toBe(before.applications.waiting + 1);
    expect(after.applications.oldestSubmittedAt).not.toBeNull();
  });

  it("ranks stores by complaint and refund rate, leaving out stores with too few orders to judge", async () => {
    const db = getDb();
    const day = "2024-06-01";
    const owner = (await createUser("SELLER")).id;
    const stores = await Promise.all([0, 1, 2].map(() => createStore({ ownerId: owner })));
    // s0: 10 orders, 1 complaint, 3 refunds. s1: 20 orders, 4 complaints, 1 refund. s2: too few orders.
    const stats = [
      { paidOrders: 10, complaints: 1, refunds: 3 },
      { paidOrders: 20, complaints: 4, refunds: 1 },
      { paidOrders: MIN_ORDERS_FOR_RATES - 1, complaints: 4, refunds: 4 },
    ];
    for (const [i, s] of stats.entries()) await db.storeDailyStat.create({ data: { storeId: stores[i].id, day: new Date(day), ...s } });
    const o = await getPlatformOverview(w.admin, { range: "custom", from: day, to: day });
    expect(o.highestComplaintRates.map((r) => [r.storeId, r.rate])).toEqual([
      [stores[1].id, 0.2],
      [stores[0].id, 0.1],
    ]);
    expect(o.highestRefundRates.map((r) => [r.storeId, r.rate])).toEqual([
      [stores[0].id, 0.3],
      [stores[1].id, 0.05],
    ]);
    expect(o.totals).toMatchObject({ paidOrders: 34, complaints: 9, refunds: 8 });
  });
});
