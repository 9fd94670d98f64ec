import fs from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { autoConfirmJob, buyerCancelOrder, confirmReceipt, sellerCloseOrder, shipOrder } from "@/lib/orders/lifecycle";
import { getBuyerOrder, getStoreOrder, listBuyerOrders, listStoreOrders, ORDERS_CSV_COLUMNS, storeOrdersCsv } from "@/lib/orders/queries";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus, ledgerBalances } from "../../support/catalog";
import { actorFor, authWorld, createUser } from "../../support/fixtures";
import { deliverSandbox, orderStatus, payInSandbox, placeTestOrder, usePaymentsInProcess } from "../../support/payments";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

async function codeOf(p: Promise<unknown>) {
  const e = await p.then(() => null, (x) => x);
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${e}`);
  return e.code;
}

async function paidOrder(quantity = 1) {
  const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1200, stock: 10 }] });
  const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity }]);
  await payInSandbox(w.buyer, order.id);
  await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
  return { orderId: order.id, skuId: skuIds[0] };
}

describe("cancelling unpaid orders", () => {
  it("lets the buyer cancel an unpaid order and puts the stock back", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 2 }]);
    // A payment was started but not made: cancelling closes the trade at WeChat Pay first.
    await (await import("@/lib/orders/pay")).startPayment(w.buyer, order.id, { tradeType: "JSAPI" });
    await buyerCancelOrder(w.buyer, order.id);
    expect(await orderStatus(order.id)).toBe("CANCELLED");
    expect(await ledgerBalances(skuIds[0])).toMatchObject({ stock: 5, ledgerSum: 5 });
    expect(await getDb().sandboxPayTransaction.findFirst({ where: { outTradeNo: (await getDb().order.findUniqueOrThrow({ where: { id: order.id } })).outTradeNo }, select: { tradeState: true } })).toEqual({ tradeState: "CLOSED" });
    expect(await codeOf(buyerCancelOrder(w.buyer, order.id))).toBe("INVALID_STATE");
    const stranger = await actorFor((await createUser("BUYER")).id);
    const other = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    expect(await codeOf(buyerCancelOrder(stranger, other.id))).toBe("NOT_FOUND");
    expect(await codeOf(buyerCancelOrder(w.sellerA, other.id))).toBe("NOT_FOUND");
  });

  it("refuses to cancel an order that turns out to be paid at WeChat Pay, and applies the payment instead", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    await payInSandbox(w.buyer, order.id); // paid, notification not delivered yet
    expect(await codeOf(buyerCancelOrder(w.buyer, order.id))).toBe("INVALID_STATE");
    expect(await orderStatus(order.id)).toBe("PAID");
    expect(await ledgerBalances(skuIds[0])).toMatchObject({ stock: 4 });
  });

  it("lets the seller close an unpaid order of their store only", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    expect(await codeOf(sellerCloseOrder(w.sellerB, w.storeA.id, order.id))).toBe("NOT_FOUND");
    expect(await codeOf(sellerCloseOrder(w.sellerB, w.storeB.id, order.id))).toBe("NOT_FOUND");
    expect(await codeOf(sellerCloseOrder(w.buyer, w.storeA.id, order.id))).toBe("NOT_FOUND");
    await sellerCloseOrder(w.sellerA, w.storeA.id, order.id);
    const row = await getDb().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(row).toMatchObject({ status: "CANCELLED", cancelReason: "SELLER_CLOSED" });
  });
});

describe("starting a payment", () => {
  it("reuses the prepay for a repeated start and keeps the order to the trade type it started with", async () => {
    const { startPayment } = await import("@/lib/orders/pay");
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    const a = await startPayment(w.buyer, order.id, { tradeType: "JSAPI" });
    const b = await startPayment(w.buyer, order.id, { tradeType: "JSAPI" });
    expect(a.tradeType === "JSAPI" && b.tradeType === "JSAPI" && a.payParams.package === b.payParams.package).toBe(true);
    expect(await getDb().payment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await codeOf(startPayment(w.buyer, order.id, { tradeType: "H5", clientIp: "127.0.0.1" }))).toBe("INVALID_STATE");
    expect(await codeOf(startPayment(w.sellerA, order.id, { tradeType: "JSAPI" }))).toBe("NOT_FOUND");
  });

  it("never leaves a cancelled order with a trade the buyer can still pay, when paying and cancelling race", async () => {
    const { startPayment } = await import("@/lib/orders/pay");
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 40 }] });
    const orders = [];
    for (let i = 0; i < 12; i++) orders.push(await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]));
    // Each order: the pay page asks for a payment while the buyer taps cancel, at once.
    await Promise.all(orders.map((o) => Promise.allSettled([startPayment(w.buyer, o.id, { tradeType: "JSAPI" }), buyerCancelOrder(w.buyer, o.id)])));
    for (const o of orders) {
      const row = await getDb().order.findUniqueOrThrow({ where: { id: o.id }, select: { status: true, outTradeNo: true } });
      expect(row.status).toBe("CANCELLED");
      const trade = await getDb().sandboxPayTransaction.findFirst({ where: { outTradeNo: row.outTradeNo }, select: { tradeState: true } });
      // Created at WeChat Pay or not, it must not be open for payment.
      expect(trade?.tradeState ?? "NONE", `order ${o.id}`).not.toBe("NOTPAY");
    }
  });
});

describe("a payment that cannot start", () => {
  it("tells the buyer WeChat Pay could not start it, without what the network or WeChat Pay said, and can be tried again", async () => {
    const { startPayment } = await import("@/lib/orders/pay");
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    const down = vi.spyOn(globalThis, "fetch").mockRejectedValueOnce(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 10.20.30.40:443") }));
    const e = await startPayment(w.buyer, order.id, { tradeType: "JSAPI" }).then(() => null, (x) => x);
    down.mockRestore();
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: "PAYMENT_FAILED", details: { retryable: true } });
    expect(e.message).not.toMatch(/ECONNREFUSED|10\.20|fetch failed/);
    expect(await getDb().payment.count({ where: { orderId: order.id } })).toBe(0);
    // Nothing half-done: the next try starts it.
    expect((await startPayment(w.buyer, order.id, { tradeType: "JSAPI" })).tradeType).toBe("JSAPI");
  });

  it("lets a database failure through as itself, not as a payment failure (the API answers it 503, retry-able)", async () => {
    const { startPayment } = await import("@/lib/orders/pay");
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    const lost = Object.assign(new Error("Can't reach database server at `db.internal:5432`"), { code: "P1001" });
    const failing = vi.spyOn(getDb(), "$transaction").mockRejectedValueOnce(lost);
    const e = await startPayment(w.buyer, order.id, { tradeType: "JSAPI" }).then(() => null, (x) => x);
    failing.mockRestore();
    expect(e).toBe(lost);
  });
});

describe("shipping and receipt", () => {
  it("ships a paid order with a carrier and tracking number, then the buyer confirms receipt", async () => {
    const { orderId } = await paidOrder();
    expect(await codeOf(shipOrder(w.sellerA, w.storeA.id, orderId, { carrier: "XX", trackingNo: "SF1234567890" }))).toBe("VALIDATION");
    expect(await codeOf(shipOrder(w.sellerA, w.storeA.id, orderId, { carrier: "SF", trackingNo: "12" }))).toBe("VALIDATION");
    await shipOrder(w.sellerA, w.storeA.id, orderId, { carrier: "SF", trackingNo: "sf1234567890" });
    const shipped = await getDb().order.findUniqueOrThrow({ where: { id: orderId } });
    expect(shipped).toMatchObject({ status: "SHIPPED", carrier: "SF", trackingNo: "SF1234567890" });
    expect(shipped.autoConfirmAt!.getTime() - shipped.shippedAt!.getTime()).toBe(7 * 86_400_000);
    expect(await getDb().job.count({ where: { singletonKey: `order.autoConfirm:${orderId}` } })).toBe(1);
    expect(await codeOf(shipOrder(w.sellerA, w.storeA.id, orderId, { carrier: "SF", trackingNo: "SF1234567891" }))).toBe("INVALID_STATE");
    await confirmReceipt(w.buyer, orderId);
    expect(await orderStatus(orderId)).toBe("COMPLETED");
    expect(await codeOf(confirmReceipt(w.buyer, orderId))).toBe("INVALID_STATE");
  });

  it("only the store's seller ships; only the order's buyer confirms", async () => {
    const { orderId } = await paidOrder();
    for (const a of [w.sellerB, w.buyer, w.admin]) expect(await codeOf(shipOrder(a, w.storeA.id, orderId, { carrier: "ZTO", trackingNo: "ZT123456789" }))).toBe("NOT_FOUND");
    expect(await codeOf(shipOrder(null, w.storeA.id, orderId, { carrier: "ZTO", trackingNo: "ZT123456789" }))).toBe("UNAUTHENTICATED");
    await shipOrder(w.sellerA, w.storeA.id, orderId, { carrier: "ZTO", trackingNo: "ZT123456789" });
    const stranger = await actorFor((await createUser("BUYER")).id);
    expect(await codeOf(confirmReceipt(stranger, orderId))).toBe("NOT_FOUND");
    expect(await codeOf(confirmReceipt(w.sellerA, orderId))).toBe("NOT_FOUND");
  });

  it("confirms receipt by itself once the auto-confirm time has passed, not before", async () => {
    const { orderId } = await paidOrder();
    await shipOrder(w.sellerA, w.storeA.id, orderId, { carrier: "YTO", trackingNo: "YT1234567890" });
    const early = await autoConfirmJob({ orderId });
    expect(early).toHaveProperty("rescheduleAt");
    expect(await orderStatus(orderId)).toBe("SHIPPED");
    await getDb().order.update({ where: { id: orderId }, data: { autoConfirmAt: new Date(Date.now() - 1000) } });
    await autoConfirmJob({ orderId });
    const row = await getDb().order.findUniqueOrThrow({ where: { id: orderId }, include: { events: true } });
    expect(row.status).toBe("COMPLETED");
    expect(row.events.find((e) => e.type === "CONFIRM")?.actorKind).toBe("SYSTEM");
  });
});

describe("reading orders", () => {
  it("shows a buyer only their orders and a seller only their store's", async () => {
    const { orderId } = await paidOrder();
    expect((await getBuyerOrder(w.buyer, orderId)).id).toBe(orderId);
    expect((await getStoreOrder(w.sellerA, w.storeA.id, orderId)).lines).toHaveLength(1);
    const stranger = await actorFor((await createUser("BUYER")).id);
    expect(await codeOf(getBuyerOrder(stranger, orderId))).toBe("NOT_FOUND");
    expect(await codeOf(getStoreOrder(w.sellerB, w.storeA.id, orderId))).toBe("NOT_FOUND");
    expect(await codeOf(getStoreOrder(w.sellerB, w.storeB.id, orderId))).toBe("NOT_FOUND");
    expect(await codeOf(getStoreOrder(w.admin, w.storeA.id, orderId))).toBe("NOT_FOUND");
    expect((await listBuyerOrders(stranger)).orders).toHaveLength(0);
    expect((await listStoreOrders(w.sellerB, w.storeB.id, {})).orders.every((o) => o.store.id === w.storeB.id)).toBe(true);
  });

  it("filters the seller's list by status, order number and buyer, and exports CSV safely", async () => {
    const { orderId } = await paidOrder(2);
    const order = await getDb().order.findUniqueOrThrow({ where: { id: orderId } });
    const byNo = await listStoreOrders(w.sellerA, w.storeA.id, { orderNo: order.orderNo.slice(0, 14) });
    expect(byNo.orders.map((o) => o.id)).toContain(orderId);
    const paid = await listStoreOrders(w.sellerA, w.storeA.id, { status: "PAID" });
    expect(paid.orders.every((o) => o.status === "PAID")).toBe(true);
    const byRecipient = await listStoreOrders(w.sellerA, w.storeA.id, { buyer: "王小" });
    expect(byRecipient.total).toBeGreaterThan(0);
    await getDb().order.update({ where: { id: orderId }, data: { buyerNote: "x", recipient: "=HYPERLINK(\"x\")" } });
    let csv = "";
    // In the seller's language and time zone (the route builds these labels from the messages).
    const zh = JSON.parse(fs.readFileSync("lib/i18n/messages/zh-CN/orders.json", "utf8"));
    const labels = {
      header: ORDERS_CSV_COLUMNS.map((k) => zh.csv[k] as string),
      status: zh.status,
      carrier: (c: string) => zh.carriers[c] ?? c,
      time: (d: Date) => new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" }).format(d),
      spec: (k: string) => k.split(";").map((p) => p.split(":")[1] ?? "").join(" / "),
    };
    for await (const chunk of storeOrdersCsv(w.sellerA, w.storeA.id, { orderNo: order.orderNo }, labels)) csv += chunk;
    expect(csv.startsWith("\uFEFF订单号,订单状态,下单时间,")).toBe(true);
    expect(csv).toContain(labels.time(order.createdAt));
    expect(csv).toContain(`,${zh.status[order.status]},`);
    const rows = csv.trim().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(order.orderNo);
    expect(rows[1]).toContain(`"'=HYPERLINK(""x"")"`);
    await expect(async () => {
      for await (const _ of storeOrdersCsv(w.sellerB, w.storeA.id, {}, labels)) void _;
    }).rejects.toBeInstanceOf(AppError);
  });
});
