// Notification delivery of the sandbox, observed at a real HTTP receiver on 127.0.0.1: signed
// and encrypted notifications, WeChat Pay's retry schedule (time compressed), giving up after
// 15 retries, replays, and the faults (duplicate, delay, out-of-order, bad signature), plus
// refund settlement notifications.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { getPaymentsGateway, type PaymentNotification } from "@/lib/payments/gateway";
import { attemptDelivery, buildNotificationRequest, RETRY_SCHEDULE_SECONDS } from "@/lib/sandbox/wechatpay/notifications";
import { settleRefund } from "@/lib/sandbox/wechatpay/refunds";
import { payOrder } from "@/lib/sandbox/wechatpay/transactions";
import { merchantConfig } from "@/lib/payments/wechatpay/config";
import { bindSubMerchant } from "@/lib/sandbox/wechatpay/sub-merchants";
import { useTestDatabase } from "../../../support/db";
import { control, drainSandboxJobs, type ReceivedNotification, startReceiver, useWechatPaySandbox } from "../../../support/wechatpay-sandbox";

useTestDatabase();
// Service-provider mode (the default): orders for a sub-merchant bound to the platform.
const PAYEE = { subMchId: "1900000109" };
beforeEach(() => bindSubMerchant({ spMchid: merchantConfig().mchId, subMchid: PAYEE.subMchId, name: "测试特约商户" }));
useWechatPaySandbox({ timeScale: 0.000_01 });

const gw = () => getPaymentsGateway();
let seq = 0;
const tradeNo = () => `D${Date.now()}${String(++seq).padStart(4, "0")}`;
const receivers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});
beforeEach(async () => {
  await control({ reset: true });
});

async function receiver(status?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(status);
  receivers.push(r);
  return r;
}

/** A JSAPI order notifying `notifyUrl`, paid in the cashier; its notification id. */
async function pay(notifyUrl: string, amountFen = 1990) {
  const outTradeNo = tradeNo();
  const { prepayId } = await gw().createJsapiPayment({ ...PAYEE, outTradeNo, description: "通知测试", amountFen, payerOpenid: "oTestPayer000000000000000000", notifyUrl });
  expect(await payOrder(prepayId)).toBe("paid");
  const n = await getDb().sandboxPayNotification.findFirstOrThrow({ where: { resource: { path: ["out_trade_no"], equals: outTradeNo } }, select: { id: true } });
  return { outTradeNo, notificationId: n.id };
}

const parsed = (got: ReceivedNotification) => gw().parseNotification({ headers: got.headers, body: got.body });
function accepted(got: ReceivedNotification): PaymentNotification {
  const r = parsed(got);
  if (!r.ok) throw new Error(`notification refused: ${r.reason} ${r.message}`);
  return r.notification;
}

const notificationRow = (id: string) =>
  getDb().sandboxPayNotification.findUniqueOrThrow({ where: { id }, include: { deliveries: { orderBy: { id: "asc" } } } });

describe("delivery", () => {
  it("posts a signed, encrypted TRANSACTION.SUCCESS that parseNotification accepts, and records the attempt", async () => {
    const r = await receiver(() => 204);
    const { outTradeNo, notificationId } = await pay(r.url, 4990);
    await drainSandboxJobs({ until: async () => r.received.length >= 1 });
    const n = accepted(r.received[0]);
    expect(n).toMatchObject({ id: notificationId, eventType: "TRANSACTION.SUCCESS", summary: "支付成功" });
    expect(n.kind === "transaction" && n.transaction).toMatchObject({ outTradeNo, tradeState: "SUCCESS", amount: { totalFen: 4990 } });
    expect(r.received[0].headers["content-type"]).toBe("application/json");
    const row = await notificationRow(notificationId);
    expect(row.deliveredAt).not.toBeNull();
    expect(row.deliveries).toMatchObject([{ attempt: 1, httpStatus: 204, error: null, replay: false }]);
    expect(row.deliveries[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it("retries on anything but 200/204 until it is answered", async () => {
    const r = await receiver((n) => (n === 1 ? 500 : n === 2 ? 202 : 200));
    const { notificationId } = await pay(r.url);
    await drainSandboxJobs({ until: async () => (await notificationRow(notificationId)).deliveredAt !== null });
    const row = await notificationRow(notificationId);
    expect(row.deliveries.map((d) => [d.attempt, d.httpStatus])).toEqual([
      [1, 500],
      [2, 202],
      [3, 200],
    ]);
    // Every attempt is a fresh encryption of the same notification.
    expect(new Set(r.received.map((g) => JSON.parse(g.body).resource.ciphertext)).size).toBe(3);
    expect(new Set(r.received.map((g) => accepted(g).id))).toEqual(new Set([notificationId]));
  });

  it("gives up after the first attempt and 15 retries", async () => {
    const r = await receiver(() => 500);
    const { notificationId } = await pay(r.url);
    await drainSandboxJobs({ untilMs: 20_000, until: async () => (await notificationRow(notificationId)).gaveUpAt !== null });
    const row = await notificationRow(notificationId);
    expect(row.attempts).toBe(16);
    expect(row.deliveries.map((d) => d.attempt)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(row.deliveredAt).toBeNull();
    await new Promise((res) => setTimeout(res, 50));
    await drainSandboxJobs();
    expect(r.received).toHaveLength(16);
  });

  it("waits 15s, 15s, 30s, 3m, 10m, 20m, 30m, 30m, 30m, 60m, 3h, 3h, 3h, 6h, 6h between attempts (time scale 1)", async () => {
    expect(RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0)).toBe(24 * 3600 + 4 * 60);
    vi.stubEnv("WECHATPAY_SANDBOX_TIME_SCALE", "1");
    resetEnvForTests();
    try {
      const r = await receiver(() => 503);
      const { notificationId } = await pay(r.url);
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 16; attempt++) {
        // Time passes: make the attempt due now, then make it.
        await getDb().sandboxPayNotification.update({ where: { id: notificationId }, data: { nextAttemptAt: new Date(Date.now() - 1) } });
        const before = Date.now();
        const { retryAt } = await attemptDelivery(notificationId);
        if (retryAt) waits.push(Math.round((retryAt.getTime() - before) / 1000));
      }
      expect(waits).toEqual([...RETRY_SCHEDULE_SECONDS]);
      expect((await notificationRow(notificationId)).gaveUpAt).not.toBeNull();
    } finally {
      vi.stubEnv("WECHATPAY_SANDBOX_TIME_SCALE", "0.00001");
      resetEnvForTests();
    }
  });

  it("records a receiver that cannot be reached", async () => {
    const r = await receiver();
    await r.close();
    const { notificationId } = await pay(r.url);
    await drainSandboxJobs({ until: async () => (await notificationRow(notificationId)).attempts >= 1 });
    const [d] = (await notificationRow(notificationId)).deliveries;
    expect(d.httpStatus).toBeNull();
    expect(d.error).toMatch(/connection failed/);
  });
});

describe("replay and faults", () => {
  it("replays a delivered notification now, recorded as a replay", async () => {
    const r = await receiver();
    const { notificationId } = await pay(r.url);
    await drainSandboxJobs({ until: async () => r.received.length === 1 });
    const answer = await control({ replay: notificationId });
    expect(answer.replay).toEqual({ id: notificationId, delivered: true });
    expect(r.received).toHaveLength(2);
    expect(accepted(r.received[1]).id).toBe(notificationId);
    const row = await notificationRow(notificationId);
    expect(row.deliveries.map((d) => d.replay)).toEqual([false, true]);
  });

  it("builds a genuine delivery as a Request for in-process tests, freshly encrypted each time", async () => {
    const r = await receiver();
    const { notificationId } = await pay(r.url);
    const [a, b] = await Promise.all([buildNotificationRequest(notificationId), buildNotificationRequest(notificationId)]);
    expect(a.url).toBe(r.url);
    const [ta, tb] = [await a.text(), await b.text()];
    expect(ta).not.toBe(tb);
    for (const [req, body] of [[a, ta], [b, tb]] as const) {
      const parsedReq = gw().parseNotification({ headers: req.headers, body });
      expect(parsedReq.ok && parsedReq.notification.id).toBe(notificationId);
    }
  });

  it("delivers each notification N extra times with the duplicate fault", async () => {
    await control({ duplicate: 3 });
    const r = await receiver();
    const { notificationId } = await pay(r.url);
    await drainSandboxJobs({ until: async () => r.received.length >= 4 });
    await new Promise((res) => setTimeout(res, 30));
    await drainSandboxJobs();
    expect(r.received).toHaveLength(4);
    expect(r.received.map((g) => accepted(g).id)).toEqual(Array(4).fill(notificationId));
    expect((await notificationRow(notificationId)).fault).toContain("duplicate:3");
  });

  it("holds the first delivery back by the delay", async () => {
    await control({ delaySeconds: 0.4 });
    const r = await receiver();
    const started = Date.now();
    await pay(r.url);
    await drainSandboxJobs();
    expect(r.received).toHaveLength(0);
    await drainSandboxJobs({ until: async () => r.received.length === 1 });
    expect(r.received[0].at - started).toBeGreaterThanOrEqual(400);
  });

  it("holds notifications out of order and releases them newest first", async () => {
    await control({ outOfOrder: true });
    const r = await receiver();
    const a = await pay(r.url);
    const b = await pay(r.url);
    const c = await pay(r.url);
    await drainSandboxJobs();
    expect(r.received).toHaveLength(0);
    expect((await control({})).held).toBe(3);
    const answer = await control({ release: true });
    expect(answer.released).toBe(3);
    await drainSandboxJobs({ until: async () => r.received.length === 3 });
    expect(r.received.map((g) => accepted(g).id)).toEqual([c.notificationId, b.notificationId, a.notificationId]);
  });

  it("signs with a wrong key under the bad-signature fault; a later retry is genuine again", async () => {
    await control({ badSignature: true });
    const r = await receiver((_n, got) => (parsed(got).ok ? 204 : 401));
    const { notificationId } = await pay(r.url);
    await drainSandboxJobs({ until: async () => r.received.length >= 1 });
    expect(parsed(r.received[0])).toMatchObject({ ok: false, reason: "bad_signature" });
    await control({ badSignature: false });
    await drainSandboxJobs({ until: async () => (await notificationRow(notificationId)).deliveredAt !== null });
    expect(accepted(r.received.at(-1)!).id).toBe(notificationId);
    expect((await notificationRow(notificationId)).deliveries[0].httpStatus).toBe(401);
  });
});

describe("refund notifications", () => {
  async function paidWithRefund(r: { url: string }, amount: number) {
    const { outTradeNo } = await pay(r.url, 1000);
    const refund = await gw().refund({ ...PAYEE, outTradeNo, outRefundNo: `${outTradeNo}R`, amountFen: amount, totalFen: 1000, notifyUrl: r.url });
    return { outTradeNo, refund };
  }

  it("settles a refund on the job queue and sends REFUND.SUCCESS", async () => {
    const r = await receiver();
    const { refund } = await paidWithRefund(r, 400);
    await drainSandboxJobs({ until: async () => r.received.some((g) => accepted(g).eventType === "REFUND.SUCCESS") });
    const n = r.received.map(accepted).find((x) => x.kind === "refund")!;
    expect(n.kind === "refund" && n.refund).toMatchObject({ outRefundNo: refund.outRefundNo, refundId: refund.refundId, status: "SUCCESS", amount: { refundFen: 400, totalFen: 1000 } });
    expect((await gw().queryRefund(refund.outRefundNo, PAYEE))!.status).toBe("SUCCESS");
  });

  it("sends REFUND.ABNORMAL and REFUND.CLOSED under the refund faults", async () => {
    await control({ refundAbnormal: 1, refundClosed: 1 });
    const r = await receiver();
    const first = await paidWithRefund(r, 100);
    const second = await paidWithRefund(r, 100);
    const id = async (refundId: string) => (await getDb().sandboxPayRefund.findFirstOrThrow({ where: { refundId }, select: { id: true } })).id;
    expect(await settleRefund(await id(first.refund.refundId))).toBe("ABNORMAL");
    expect(await settleRefund(await id(second.refund.refundId))).toBe("CLOSED");
    expect(await settleRefund(await id(second.refund.refundId))).toBe("CLOSED"); // settled once
    await drainSandboxJobs({ until: async () => r.received.filter((g) => accepted(g).kind === "refund").length >= 2 });
    expect(r.received.map(accepted).filter((x) => x.kind === "refund").map((x) => x.eventType).sort()).toEqual(["REFUND.ABNORMAL", "REFUND.CLOSED"]);
  });
});
