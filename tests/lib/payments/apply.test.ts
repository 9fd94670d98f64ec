import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as notifyPOST } from "@/app/api/payments/wechatpay/notify/route";
import { getDb } from "@/lib/db/client";
import { jobHandlers } from "@/lib/jobs/registry";
import { runDueJobs } from "@/lib/jobs/worker";
import { tryTransition } from "@/lib/orders/state";
import { getPaymentsGateway } from "@/lib/payments/gateway";
import { sweepOverdueOrdersJob, OVERDUE_SWEEP_QUEUE } from "@/lib/orders/lifecycle";
import { reconcileJob } from "@/lib/payments/reconcile";
import { recurringJobs } from "@/lib/jobs/registry";
import { buildNotificationRequest } from "@/lib/sandbox/wechatpay/notifications";
import { payOrder } from "@/lib/sandbox/wechatpay/transactions";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus, ledgerBalances } from "../../support/catalog";
import { authWorld } from "../../support/fixtures";
import { deliverSandbox, orderStatus, paidButUndelivered, placeTestOrder, usePaymentsInProcess } from "../../support/payments";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

async function startPaymentFor(orderId: string) {
  const { startPayment } = await import("@/lib/orders/pay");
  const start = await startPayment(w.buyer, orderId, { tradeType: "JSAPI" });
  return start.tradeType === "JSAPI" ? start.payParams.package.replace(/^prepay_id=/, "") : "";
}

const send = async (notificationId: string) => notifyPOST(await buildNotificationRequest(notificationId));

describe("applying a payment notification", () => {
  it("marks the order paid exactly once when one notification arrives 15 times in a row and 50 times at once", async () => {
    const { order, notificationId, transactionId } = await paidButUndelivered(w.buyer, w.storeA.id);
    for (let i = 0; i < 15; i++) expect((await send(notificationId)).status).toBe(204);
    const parallel = await Promise.all(Array.from({ length: 50 }, () => send(notificationId)));
    expect(parallel.map((r) => r.status)).toEqual(Array(50).fill(204));
    const row = await getDb().order.findUniqueOrThrow({ where: { id: order.id }, include: { events: true, payments: true } });
    expect(row.status).toBe("PAID");
    expect(row.transactionId).toBe(transactionId);
    expect(row.events.filter((e) => e.type === "PAY")).toHaveLength(1);
    expect(row.payments.filter((p) => p.status === "SUCCESS")).toHaveLength(1);
    expect(await getDb().paymentNotification.count({ where: { id: notificationId } })).toBe(1);
  });

  it("applies the payment when the order has several prepay attempts: the transaction goes on one, the others close", async () => {
    // A renewed prepay (ORDER_PAYMENT_TIMEOUT past the prepay's reuse window) or two pay pages
    // opened at once leave two PENDING attempts for the one trade.
    const { order, notificationId, transactionId } = await paidButUndelivered(w.buyer, w.storeA.id);
    const first = await getDb().payment.findFirstOrThrow({ where: { orderId: order.id } });
    await getDb().payment.create({ data: { orderId: order.id, outTradeNo: first.outTradeNo, tradeType: first.tradeType, amountFen: first.amountFen, prepayId: "wx_renewed_prepay" } });
    expect((await send(notificationId)).status).toBe(204);
    const row = await getDb().order.findUniqueOrThrow({ where: { id: order.id }, include: { payments: true } });
    expect(row.status).toBe("PAID");
    expect(row.payments.map((p) => [p.status, p.transactionId]).sort()).toEqual([
      ["CLOSED", null],
      ["SUCCESS", transactionId],
    ]);
  });

  it("is delivered by the sandbox to the notify route and applied (the whole loop)", async () => {
    const { order } = await paidButUndelivered(w.buyer, w.storeA.id);
    await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
    expect(await orderStatus(order.id)).toBe("PAID");
  });

  it("rejects a forged notification: tampered body, changed signature headers, stale timestamp", async () => {
    const { order, notificationId } = await paidButUndelivered(w.buyer, w.storeA.id);
    const genuine = await buildNotificationRequest(notificationId);
    const body = await genuine.text();
    const headers = Object.fromEntries(genuine.headers.entries());
    const post = (b: string, h: Record<string, string>) => notifyPOST(new Request(genuine.url, { method: "POST", headers: h, body: b }));
    expect((await post(body.replace('"TRANSACTION.SUCCESS"', '"TRANSACTION.SUCCESS" '), headers)).status).toBe(401);
    expect((await post(body, { ...headers, "wechatpay-serial": "PUB_KEY_ID_0000000000000000000000000000" })).status).toBe(401);
    expect((await post(body, { ...headers, "wechatpay-timestamp": String(Math.floor(Date.now() / 1000) - 600) })).status).toBe(401);
    const { "wechatpay-signature": _s, ...unsigned } = headers;
    expect((await post(body, unsigned)).status).toBeGreaterThanOrEqual(400);
    expect(await orderStatus(order.id)).toBe("PENDING_PAYMENT");
  });

  it("refuses a body larger than any notification (413) without applying anything", async () => {
    const { order, notificationId } = await paidButUndelivered(w.buyer, w.storeA.id);
    const genuine = await buildNotificationRequest(notificationId);
    const headers = Object.fromEntries(genuine.headers.entries());
    const padded = (await genuine.text()).replace(/}$/, `,"pad":"${"x".repeat(70 * 1024)}"}`);
    expect((await notifyPOST(new Request(genuine.url, { method: "POST", headers, body: padded }))).status).toBe(413);
    expect(await orderStatus(order.id)).toBe("PENDING_PAYMENT");
  });

  it("rejects every random mutation of a genuine notification and leaves the order unpaid", async () => {
    const { order, notificationId } = await paidButUndelivered(w.buyer, w.storeA.id);
    const genuine = await buildNotificationRequest(notificationId);
    const body = await genuine.text();
    const headers = Object.fromEntries(genuine.headers.entries());
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: body.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const bytes = Buffer.from(body);
        bytes[at] ^= xor;
        const mutated = bytes.toString("latin1");
        if (mutated === body) return;
        const res = await notifyPOST(new Request(genuine.url, { method: "POST", headers, body: bytes }));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
    expect(await orderStatus(order.id)).toBe("PENDING_PAYMENT");
  });

  it("refuses a genuinely signed payment whose amount is not the order's", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    const row = await getDb().order.findUniqueOrThrow({ where: { id: order.id } });
    const gw = getPaymentsGateway();
    const { mchId } = await getDb().store.findUniqueOrThrow({ where: { id: w.storeA.id }, select: { mchId: true } });
    // Someone else's code opened a trade for our order number with the wrong amount.
    const { prepayId } = await gw.createJsapiPayment({
      subMchId: mchId,
      outTradeNo: row.outTradeNo,
      description: "x",
      amountFen: row.totalFen - 1,
      payerOpenid: "oFake",
      notifyUrl: gw.notifyUrl("/api/payments/wechatpay/notify"),
    });
    expect(await payOrder(prepayId)).toBe("paid");
    const trade = await getDb().sandboxPayTransaction.findFirstOrThrow({ where: { outTradeNo: row.outTradeNo } });
    const n = await getDb().sandboxPayNotification.findFirstOrThrow({ where: { transactionId: trade.transactionId } });
    expect((await send(n.id)).status).toBe(400);
    expect(await orderStatus(order.id)).toBe("PENDING_PAYMENT");
  });
});

describe("payments that come late or never come", () => {
  it("refuses a genuinely signed payment for another service provider, another store's sub-merchant, another app or another currency", async () => {
    // Each a real notification, re-signed by the sandbox after one field is changed: only the
    // match against the order and its store can refuse it.
    const mutations: [string, (r: Record<string, unknown>) => void][] = [
      ["sp_mchid", (r) => (r.sp_mchid = "1230000109")],
      ["sub_mchid", (r) => (r.sub_mchid = "1999999999")],
      ["sp_appid", (r) => (r.sp_appid = "wx0000000000000000")],
      ["currency", (r) => ((r.amount as Record<string, unknown>).currency = "USD")],
    ];
    for (const [field, mutate] of mutations) {
      const { order, notificationId } = await paidButUndelivered(w.buyer, w.storeA.id);
      const n = await getDb().sandboxPayNotification.findUniqueOrThrow({ where: { id: notificationId }, select: { resource: true } });
      const resource = structuredClone(n.resource) as Record<string, unknown>;
      expect(resource, field).toHaveProperty(field === "currency" ? "amount" : field);
      mutate(resource);
      await getDb().sandboxPayNotification.update({ where: { id: notificationId }, data: { resource: resource as object } });
      expect((await send(notificationId)).status, field).toBe(400);
      expect(await orderStatus(order.id), field).toBe("PENDING_PAYMENT");
    }
  });

  it("brings in a paid order whose notification never arrived (reconciliation)", async () => {
    const { order } = await paidButUndelivered(w.buyer, w.storeA.id);
    // The reconciler waits a minute after the payment started before asking.
    await getDb().payment.updateMany({ where: { orderId: order.id }, data: { createdAt: new Date(Date.now() - 120_000) } });
    await reconcileJob();
    expect(await orderStatus(order.id)).toBe("PAID");
  });

  it("expires an unpaid order: closes the trade, cancels, puts the stock back; the buyer can no longer pay", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 500, stock: 4 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 3 }]);
    const start = await (await import("@/lib/orders/pay")).startPayment(w.buyer, order.id, { tradeType: "JSAPI" });
    const prepayId = start.tradeType === "JSAPI" ? start.payParams.package.slice("prepay_id=".length) : "";
    await getDb().order.update({ where: { id: order.id }, data: { payBy: new Date(Date.now() - 1000) } });
    await getDb().job.updateMany({ where: { singletonKey: `order.expire:${order.id}` }, data: { runAt: new Date(Date.now() - 1000) } });
    await runDueJobs(await jobHandlers());
    expect(await orderStatus(order.id)).toBe("CANCELLED");
    expect(await ledgerBalances(skuIds[0])).toMatchObject({ stock: 4, ledgerSum: 4 });
    expect(await getDb().stockLedgerEntry.count({ where: { orderId: order.id, reason: "ORDER_RELEASED" } })).toBe(1);
    expect(await payOrder(prepayId)).toBe("closed");
  });

  it("does not cancel an order that was paid just before its deadline; the payment wins", async () => {
    const { order, skuId } = await paidButUndelivered(w.buyer, w.storeA.id);
    await getDb().order.update({ where: { id: order.id }, data: { payBy: new Date(Date.now() - 1000) } });
    await getDb().job.updateMany({ where: { singletonKey: `order.expire:${order.id}` }, data: { runAt: new Date(Date.now() - 1000) } });
    await runDueJobs(await jobHandlers());
    expect(await orderStatus(order.id)).toBe("PAID");
    expect(await ledgerBalances(skuId)).toMatchObject({ stock: 3, ledgerSum: 3 });
  });

  it("expires an unpaid order whose expiry job gave up (WeChat Pay unreachable through every retry): the sweep does it", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 700, stock: 5 }] });
    const order = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 2 }]);
    const prepayId = await startPaymentFor(order.id);
    await getDb().order.update({ where: { id: order.id }, data: { payBy: new Date(Date.now() - 10 * 60_000) } });
    await getDb().job.updateMany({ where: { singletonKey: `order.expire:${order.id}` }, data: { doneAt: new Date(), lastError: "gave up: fetch failed" } });
    await runDueJobs(await jobHandlers());
    expect(await orderStatus(order.id)).toBe("PENDING_PAYMENT");
    expect(recurringJobs.map((j) => j.name)).toContain(OVERDUE_SWEEP_QUEUE);
    await sweepOverdueOrdersJob();
    expect(await orderStatus(order.id)).toBe("CANCELLED");
    expect(await ledgerBalances(skuIds[0])).toMatchObject({ stock: 5, ledgerSum: 5 });
    expect(await payOrder(prepayId)).toBe("closed");
  });

  it("sends again a refund whose submit job gave up, once", async () => {
    const { order, notificationId } = await paidButUndelivered(w.buyer, w.storeA.id);
    await getDb().$transaction((tx) => tryTransition(tx, { orderId: order.id, transition: "CANCEL", actorKind: "SYSTEM", data: { cancelledAt: new Date() } }));
    expect((await send(notificationId)).status).toBe(204);
    const [refund] = await getDb().refund.findMany({ where: { orderId: order.id } });
    // The submit job never reached WeChat Pay and gave up; a minute later reconciliation looks.
    await getDb().job.updateMany({ where: { singletonKey: `refund.submit:${refund.id}` }, data: { doneAt: new Date(), lastError: "gave up: fetch failed" } });
    await getDb().refund.update({ where: { id: refund.id }, data: { updatedAt: new Date(Date.now() - 120_000) } });
    await reconcileJob();
    expect((await getDb().refund.findUniqueOrThrow({ where: { id: refund.id } })).refundId).not.toBeNull();
    await reconcileJob();
    await deliverSandbox(async () => (await getDb().refund.findUniqueOrThrow({ where: { id: refund.id } })).status === "SUCCESS");
    const outTradeNo = (await getDb().order.findUniqueOrThrow({ where: { id: order.id } })).outTradeNo;
    expect((await getDb().sandboxPayRefund.findMany({ where: { outTradeNo } })).map((r) => r.status)).toEqual(["SUCCESS"]);
  });

  it("refunds in full a payment that arrives for an order already cancelled, and settles the refund once", async () => {
    const { order, notificationId, skuId } = await paidButUndelivered(w.buyer, w.storeA.id);
    // The order was cancelled here while WeChat Pay took the money (a lost race).
    await getDb().$transaction((tx) => tryTransition(tx, { orderId: order.id, transition: "CANCEL", actorKind: "SYSTEM", data: { cancelledAt: new Date() } }));
    expect((await send(notificationId)).status).toBe(204);
    expect((await send(notificationId)).status).toBe(204);
    const refunds = await getDb().refund.findMany({ where: { orderId: order.id } });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ cause: "AUTO_LATE_PAYMENT", amountFen: 5198, status: "PROCESSING" });
    // Our job sends the refund; the sandbox settles it and notifies; we apply that once.
    await runDueJobs(await jobHandlers());
    await deliverSandbox(async () => (await getDb().refund.findUniqueOrThrow({ where: { id: refunds[0].id } })).status === "SUCCESS");
    const after = await getDb().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after).toMatchObject({ status: "CANCELLED", refundedFen: 5198 });
    expect((await getDb().sandboxPayRefund.findMany({ where: { outTradeNo: after.outTradeNo } })).map((r) => r.status)).toEqual(["SUCCESS"]);
    expect(await ledgerBalances(skuId)).toMatchObject({ stock: 3 }); // stock was not released by this test's shortcut cancel
  });
});
