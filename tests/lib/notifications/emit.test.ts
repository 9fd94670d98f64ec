// Who hears about what: each kind this area emits reaches exactly the people it concerns —
// a store's members (every one of them, and no other store's sellers), the order's buyer
// (no other buyer), or the platform's (enabled) admins — driven through the real domain
// functions, in the same transaction as the change.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { adjustStock, changeStock, setStockLevel } from "@/lib/catalog/stock";
import { getDb } from "@/lib/db/client";
import { enqueue } from "@/lib/jobs/queue";
import { runDueJobs } from "@/lib/jobs/worker";
import { AWAITING_SHIPMENT_QUEUE, awaitingShipmentKey } from "@/lib/notifications/events";
import { awaitingShipmentJob, LOW_STOCK_QUEUE, lowStockJob } from "@/lib/notifications/jobs";
import { setMyMutedKinds } from "@/lib/notifications/mutes";
import { shipOrder } from "@/lib/orders/lifecycle";
import { applyRefundResult, applyTransaction, markRefundRefused } from "@/lib/payments/apply";
import { applyForStore, resubmitApplication } from "@/lib/stores/apply";
import { approveStore, rejectStore } from "@/lib/stores/review";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { actorFor, authWorld, createImageRow, createUser } from "../../support/fixtures";
import { deliverSandbox, orderStatus, payInSandbox, placeTestOrder, usePaymentsInProcess } from "../../support/payments";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
let staffA: Actor, buyer2: Actor, admin2: Actor, disabledAdmin: string;
let everyone: { name: string; id: string }[];

beforeAll(async () => {
  w = await authWorld();
  const staff = await createUser("SELLER");
  await getDb().storeMember.create({ data: { storeId: w.storeA.id, userId: staff.id, role: "STAFF" } });
  staffA = await actorFor(staff.id);
  buyer2 = await actorFor((await createUser("BUYER")).id);
  admin2 = await actorFor((await createUser("ADMIN")).id);
  disabledAdmin = (await getDb().user.create({ data: { role: "ADMIN", name: "gone", email: `gone-${crypto.randomUUID()}@example.test`, disabled: true }, select: { id: true } })).id;
  everyone = [
    { name: "buyer", id: w.buyer.userId },
    { name: "buyer2", id: buyer2.userId },
    { name: "sellerA", id: w.sellerA.userId },
    { name: "staffA", id: staffA.userId },
    { name: "sellerB", id: w.sellerB.userId },
    { name: "admin", id: w.admin.userId },
    { name: "admin2", id: admin2.userId },
    { name: "disabledAdmin", id: disabledAdmin },
  ];
});

/** The notifications of `kind` about `subjectId` each person got. */
async function recipients(kind: string, subjectId: string): Promise<Record<string, number>> {
  const rows = await getDb().notification.groupBy({ by: ["userId"], where: { kind, subjectId }, _count: { _all: true } });
  const out: Record<string, number> = {};
  for (const r of rows) out[everyone.find((p) => p.id === r.userId)?.name ?? r.userId] = r._count._all;
  return out;
}

async function one(kind: string, subjectId: string, userId: string) {
  return getDb().notification.findFirstOrThrow({ where: { kind, subjectId, userId }, select: { params: true, link: true, subjectType: true, readAt: true } });
}

async function paidOrder(buyer: Actor = w.buyer, priceFen = 1200) {
  const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen, stock: 50 }] });
  const order = await placeTestOrder(buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
  await payInSandbox(buyer, order.id);
  await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
  return order;
}

describe("orders", () => {
  it("tells every member of the store — and nobody else — about a paid order, once however often the payment is reported", async () => {
    const order = await paidOrder();
    expect(await recipients("ORDER_PAID", order.id)).toEqual({ sellerA: 1, staffA: 1 });
    const n = await one("ORDER_PAID", order.id, w.sellerA.userId);
    expect(n).toMatchObject({ params: { orderNo: order.orderNo, amountFen: 1200 }, link: `/seller/stores/${w.storeA.id}/orders/${order.id}`, subjectType: "order", readAt: null });

    // WeChat Pay reports the same payment again (a query after the notification): nothing new.
    const row = await getDb().order.findUniqueOrThrow({ where: { id: order.id }, select: { outTradeNo: true } });
    const tx = await getDb().sandboxPayTransaction.findFirstOrThrow({ where: { outTradeNo: row.outTradeNo } });
    const again = await applyTransaction(
      { appid: tx.appid, mchid: tx.mchid, subMchid: tx.subMchid || null, currency: "CNY", outTradeNo: tx.outTradeNo, transactionId: tx.transactionId, tradeState: "SUCCESS", amountTotal: tx.amountTotal, payerOpenid: tx.payerOpenid, successTime: tx.successTime },
      { source: "QUERY" },
    );
    expect(again).toBe("DUPLICATE");
    expect(await recipients("ORDER_PAID", order.id)).toEqual({ sellerA: 1, staffA: 1 });
  });

  it("reminds the store 24 hours after payment when the order is still not shipped — once", async () => {
    const order = await paidOrder();
    const job = await getDb().job.findUniqueOrThrow({ where: { singletonKey: awaitingShipmentKey(order.id) } });
    const paid = await getDb().order.findUniqueOrThrow({ where: { id: order.id }, select: { paidAt: true } });
    expect(job.runAt.getTime()).toBe(paid.paidAt!.getTime() + 24 * 3_600_000);
    const handlers = { [AWAITING_SHIPMENT_QUEUE]: awaitingShipmentJob };

    // Due early (a clock skew, a manual run): it waits for the real time and says nothing yet.
    await getDb().job.update({ where: { id: job.id }, data: { runAt: new Date(Date.now() - 1000) } });
    await runDueJobs(handlers);
    expect(await recipients("ORDER_AWAITING_SHIPMENT", order.id)).toEqual({});
    expect((await getDb().job.findUniqueOrThrow({ where: { id: job.id } })).doneAt).toBeNull();

    // A day (and a bit) later.
    await getDb().order.update({ where: { id: order.id }, data: { paidAt: new Date(Date.now() - 25 * 3_600_000) } });
    await getDb().job.update({ where: { id: job.id }, data: { runAt: new Date(Date.now() - 1000) } });
    expect(await runDueJobs(handlers)).toBe(1);
    expect(await recipients("ORDER_AWAITING_SHIPMENT", order.id)).toEqual({ sellerA: 1, staffA: 1 });
    expect((await one("ORDER_AWAITING_SHIPMENT", order.id, staffA.userId)).link).toBe(`/seller/stores/${w.storeA.id}/orders/${order.id}`);

    // Delivered again (a worker died after running it): still once.
    await awaitingShipmentJob({ orderId: order.id }, { id: job.id, queue: AWAITING_SHIPMENT_QUEUE, payload: {}, attempts: 2, maxAttempts: 10 });
    expect(await recipients("ORDER_AWAITING_SHIPMENT", order.id)).toEqual({ sellerA: 1, staffA: 1 });
  });

  it("says nothing 24 hours on about an order shipped in time, and tells its buyer — only — that it shipped", async () => {
    const order = await paidOrder();
    await shipOrder(w.sellerA, w.storeA.id, order.id, { carrier: "SF", trackingNo: "SF1234567890" });
    expect(await recipients("ORDER_SHIPPED", order.id)).toEqual({ buyer: 1 });
    expect(await one("ORDER_SHIPPED", order.id, w.buyer.userId)).toMatchObject({
      params: { orderNo: order.orderNo, storeName: w.storeA.name, carrier: "SF", trackingNo: "SF1234567890" },
      link: `/orders/${order.id}`,
    });
    await getDb().order.update({ where: { id: order.id }, data: { paidAt: new Date(Date.now() - 25 * 3_600_000) } });
    await getDb().job.update({ where: { singletonKey: awaitingShipmentKey(order.id) }, data: { runAt: new Date(0) } });
    await runDueJobs({ [AWAITING_SHIPMENT_QUEUE]: awaitingShipmentJob });
    expect(await recipients("ORDER_AWAITING_SHIPMENT", order.id)).toEqual({});
  });

  it("follows the buyer's mute settings, and a member's own mute leaves the others informed", async () => {
    await setMyMutedKinds(w.sellerA, { muted: ["ORDER_PAID"] });
    const order = await paidOrder(buyer2);
    expect(await recipients("ORDER_PAID", order.id)).toEqual({ staffA: 1 });
    await setMyMutedKinds(buyer2, { muted: ["ORDER_SHIPPED"] });
    await shipOrder(staffA, w.storeA.id, order.id, { carrier: "ZTO", trackingNo: "ZT1234567890" });
    expect(await recipients("ORDER_SHIPPED", order.id)).toEqual({});
    await setMyMutedKinds(w.sellerA, { muted: [] });
    await setMyMutedKinds(buyer2, { muted: [] });
  });
});

describe("refund outcomes", () => {
  async function refundFor(order: { id: string; orderNo: string }, amountFen: number, afterSaleId: string | null = null) {
    return getDb().refund.create({
      data: { orderId: order.id, outRefundNo: `R${crypto.randomBytes(8).toString("hex")}`, amountFen, reason: "test", cause: afterSaleId ? "AFTER_SALE" : "ADMIN", afterSaleId },
      select: { id: true, outRefundNo: true },
    });
  }
  const result = async (orderId: string, r: { outRefundNo: string }, status: "SUCCESS" | "CLOSED" | "ABNORMAL", amountRefund: number) => {
    const { outTradeNo } = await getDb().order.findUniqueOrThrow({ where: { id: orderId }, select: { outTradeNo: true } });
    return applyRefundResult({ outTradeNo, outRefundNo: r.outRefundNo, refundId: `5030${crypto.randomBytes(6).toString("hex")}`, status, amountRefund }, {});
  };

  it("tells the store and the buyer — only — when a refund is paid", async () => {
    const order = await paidOrder();
    const refund = await refundFor(order, 500);
    expect(await result(order.id, refund, "SUCCESS", 500)).toBe("APPLIED");
    expect(await recipients("REFUND_SETTLED", refund.id)).toEqual({ sellerA: 1, staffA: 1 });
    expect(await recipients("BUYER_REFUND_SETTLED", refund.id)).toEqual({ buyer: 1 });
    expect(await recipients("REFUND_ABNORMAL", refund.id)).toEqual({});
    expect(await one("BUYER_REFUND_SETTLED", refund.id, w.buyer.userId)).toMatchObject({ params: { orderNo: order.orderNo, amountFen: 500, storeName: w.storeA.name }, link: `/orders/${order.id}` });
    expect((await one("REFUND_SETTLED", refund.id, w.sellerA.userId)).link).toBe(`/seller/stores/${w.storeA.id}/orders/${order.id}`);
    // The same result again changes nothing.
    expect(await result(order.id, refund, "SUCCESS", 500)).toBe("DUPLICATE");
    expect(await recipients("BUYER_REFUND_SETTLED", refund.id)).toEqual({ buyer: 1 });
  });

  it("tells the store and every enabled admin when a refund fails (refused, or closed), not the buyer", async () => {
    const order = await paidOrder();
    const refused = await refundFor(order, 300);
    await markRefundRefused(refused.id, "NOT_ENOUGH");
    expect(await recipients("REFUND_ABNORMAL", refused.id)).toEqual({ sellerA: 1, staffA: 1 });
    expect(await recipients("ADMIN_REFUND_ABNORMAL", refused.id)).toEqual({ admin: 1, admin2: 1 });
    expect(await one("ADMIN_REFUND_ABNORMAL", refused.id, w.admin.userId)).toMatchObject({ params: { orderNo: order.orderNo, storeName: w.storeA.name, amountFen: 300 } });

    const closed = await refundFor(order, 200);
    expect(await result(order.id, closed, "CLOSED", 200)).toBe("APPLIED");
    expect(await recipients("REFUND_ABNORMAL", closed.id)).toEqual({ sellerA: 1, staffA: 1 });
    expect(await recipients("ADMIN_REFUND_ABNORMAL", closed.id)).toEqual({ admin: 1, admin2: 1 });
    expect(await recipients("BUYER_REFUND_SETTLED", closed.id)).toEqual({});
  });

  it("leaves a failed refund of an after-sale case to purchase protection's notice to admins (no double notice)", async () => {
    const order = await paidOrder();
    const line = await getDb().orderLine.findFirstOrThrow({ where: { orderId: order.id }, select: { id: true } });
    const request = await getDb().afterSaleRequest.create({
      data: {
        caseNo: `AS${crypto.randomBytes(6).toString("hex")}`,
        orderId: order.id,
        storeId: w.storeA.id,
        buyerId: w.buyer.userId,
        type: "REFUND_ONLY",
        status: "REFUNDING",
        reason: "NOT_RECEIVED",
        description: "test",
        requestedFen: 400,
        approvedFen: 400,
        lines: { create: { orderLineId: line.id, amountFen: 400 } },
      },
      select: { id: true },
    });
    const refund = await refundFor(order, 400, request.id);
    await markRefundRefused(refund.id, "NOT_ENOUGH");
    expect(await recipients("REFUND_ABNORMAL", refund.id)).toEqual({ sellerA: 1, staffA: 1 });
    const admins = await getDb().notification.findMany({ where: { kind: "ADMIN_REFUND_ABNORMAL", userId: w.admin.userId, OR: [{ subjectId: refund.id }, { subjectId: request.id }] }, select: { link: true } });
    expect(admins.length).toBeLessThanOrEqual(1); // protection's, if it sends one; never ours too
    expect(admins.every((a) => a.link !== `/admin/stores/${w.storeA.id}`)).toBe(true);
  });
});

describe("store applications", () => {
  const application = (logoImageId: string) => ({
    name: "青山茶铺",
    slug: `qingshan-${crypto.randomBytes(3).toString("hex")}`,
    logoImageId,
    description: "明前龙井，产地直发。",
    businessName: "杭州青山茶业有限公司",
    officialAccountId: "gh_0123456789ab",
    mchId: "1900000109",
    contactPhone: "13800138000",
  });

  it("tells every enabled admin about an application and its resubmission, and the applicant — only — about each decision", async () => {
    const u = await createUser("SELLER");
    const applicant = await actorFor(u.id);
    everyone.push({ name: "applicant", id: u.id });
    const logo = await createImageRow({ uploaderId: u.id, storeId: null });
    const store = await applyForStore(applicant, application(logo.id));
    expect(await recipients("ADMIN_NEW_APPLICATION", store.id)).toEqual({ admin: 1, admin2: 1 });
    expect(await one("ADMIN_NEW_APPLICATION", store.id, w.admin.userId)).toMatchObject({ params: { storeName: "青山茶铺", resubmitted: "no" }, link: `/admin/stores/${store.id}` });

    await rejectStore(w.admin, store.id, "营业执照不清晰");
    expect(await recipients("STORE_APPLICATION_OUTCOME", store.id)).toEqual({ applicant: 1 });
    expect(await one("STORE_APPLICATION_OUTCOME", store.id, u.id)).toMatchObject({ params: { outcome: "REJECTED", reason: "营业执照不清晰" }, link: `/seller/stores/${store.id}` });

    const me = await actorFor(u.id); // now a member of the store
    await resubmitApplication(me, store.id, application(logo.id));
    expect(await recipients("ADMIN_NEW_APPLICATION", store.id)).toEqual({ admin: 2, admin2: 2 });
    const latest = await getDb().notification.findFirstOrThrow({ where: { kind: "ADMIN_NEW_APPLICATION", subjectId: store.id, userId: admin2.userId }, orderBy: { id: "desc" } });
    expect(latest.params).toMatchObject({ resubmitted: "yes" });

    await approveStore(w.admin, store.id);
    expect(await recipients("STORE_APPLICATION_OUTCOME", store.id)).toEqual({ applicant: 2 });
    const approved = await getDb().notification.findFirstOrThrow({ where: { kind: "STORE_APPLICATION_OUTCOME", subjectId: store.id }, orderBy: { id: "desc" } });
    expect(approved.params).toMatchObject({ outcome: "APPROVED", storeName: "青山茶铺" });
  });

  it("notifies nobody when the decision fails", async () => {
    const u = await createUser("SELLER");
    const logo = await createImageRow({ uploaderId: u.id, storeId: null });
    const store = await applyForStore(await actorFor(u.id), application(logo.id));
    await approveStore(w.admin, store.id);
    await expect(approveStore(admin2, store.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await getDb().notification.count({ where: { kind: "STORE_APPLICATION_OUTCOME", subjectId: store.id } })).toBe(1);
  });
});

describe("low stock", () => {
  it("tells the store's members when a SKU's stock crosses to the threshold — only on that crossing, and not the member who did it by hand", async () => {
    const { itemId, skuIds } = await createItemWithSkus(w.storeA.id, { title: "明前龙井", skus: [{ priceFen: 100, stock: 8 }] });
    const sku = skuIds[0];
    const lowStock = () => recipients("LOW_STOCK", sku);
    await adjustStock(w.sellerA, w.storeA.id, { skuId: sku, delta: -2, note: "盘点" }); // 8 → 6: still above
    expect(await lowStock()).toEqual({});
    await adjustStock(w.sellerA, w.storeA.id, { skuId: sku, delta: -2, note: "盘点" }); // 6 → 4: crossed
    expect(await lowStock()).toEqual({ staffA: 1 });
    expect(await one("LOW_STOCK", sku, staffA.userId)).toMatchObject({ params: { itemTitle: "明前龙井", stock: 4 }, link: `/seller/stores/${w.storeA.id}/stock?itemId=${itemId}&skuId=${sku}` });
    await adjustStock(staffA, w.storeA.id, { skuId: sku, delta: -1, note: "盘点" }); // 4 → 3: already low
    expect(await lowStock()).toEqual({ staffA: 1 });
    await adjustStock(staffA, w.storeA.id, { skuId: sku, delta: 20, note: "盘点" }); // restocked
    await setStockLevel(staffA, w.storeA.id, { skuId: sku, expectedCurrent: 23, target: 5, note: "盘点" }); // crossed again, by staffA
    expect(await lowStock()).toEqual({ staffA: 1, sellerA: 1 });
  });

  it("tells everyone when an order or an integration takes it there, and nobody when the change is rolled back", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 7 }] });
    const sku = skuIds[0];
    await expect(
      getDb().$transaction(async (tx) => {
        await changeStock(tx, { storeId: w.storeA.id, skuId: sku, delta: -3, reason: "ORDER_RESERVED" });
        throw new Error("checkout failed later");
      }),
    ).rejects.toThrow("checkout failed later");
    expect(await recipients("LOW_STOCK", sku)).toEqual({});
    await getDb().$transaction((tx) => changeStock(tx, { storeId: w.storeA.id, skuId: sku, delta: -3, reason: "API_ADJUSTMENT", actorId: w.sellerA.userId }));
    expect(await recipients("LOW_STOCK", sku)).toEqual({ sellerA: 1, staffA: 1 });
  });

  it("notifies through the low-stock job (the checkout statement's way), once however often it runs", async () => {
    const { itemId, skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    await enqueue(getDb(), LOW_STOCK_QUEUE, { storeId: w.storeA.id, skuId: skuIds[0], itemId, stock: 5 });
    expect(await runDueJobs({ [LOW_STOCK_QUEUE]: lowStockJob })).toBe(1);
    expect(await recipients("LOW_STOCK", skuIds[0])).toEqual({ sellerA: 1, staffA: 1 });
    const job = await getDb().job.findFirstOrThrow({ where: { queue: LOW_STOCK_QUEUE }, orderBy: { id: "desc" } });
    await lowStockJob(job.payload, { id: job.id, queue: LOW_STOCK_QUEUE, payload: job.payload, attempts: 2, maxAttempts: 10 });
    expect(await recipients("LOW_STOCK", skuIds[0])).toEqual({ sellerA: 1, staffA: 1 });
    // Another store's SKU named with this store: nothing.
    const { itemId: otherItem, skuIds: other } = await createItemWithSkus(w.storeB.id, { skus: [{ priceFen: 100, stock: 5 }] });
    await lowStockJob({ storeId: w.storeA.id, skuId: other[0], itemId: otherItem, stock: 5 });
    expect(await recipients("LOW_STOCK", other[0])).toEqual({});
  });
});
