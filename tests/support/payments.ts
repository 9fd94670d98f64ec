// Orders paid through the in-process WeChat Pay sandbox (and buyers signed in through the
// in-process WeChat OAuth sandbox): the sandbox's notifications are
// delivered to our own notify route handler, as the network would. Use after
// useTestDatabase() in a file that exercises real payment flows.
import crypto from "node:crypto";
import { afterAll, beforeAll, vi } from "vitest";
import { POST as notifyPOST } from "@/app/api/payments/wechatpay/notify/route";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { env, resetEnvForTests } from "@/lib/env";
import { placeOrder } from "@/lib/orders/checkout";
import { startPayment } from "@/lib/orders/pay";
import { payOrder } from "@/lib/sandbox/wechatpay/transactions";
import { createItemWithSkus } from "./catalog";
import { sandboxFetch as oauthSandboxFetch } from "./wechat-sandbox";
import { drainSandboxJobs, sandboxFetch } from "./wechatpay-sandbox";

export const testAddress = { recipient: "王小明", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号" };

/** Routes the sandbox and our notify route in-process for this file; tiny sandbox time. */
export function usePaymentsInProcess() {
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    vi.stubEnv("WECHATPAY_SANDBOX_TIME_SCALE", "0.00001");
    resetEnvForTests();
    const toSandbox = sandboxFetch(realFetch);
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      const path = new URL(req.url).pathname;
      if (path === "/api/payments/wechatpay/notify" && req.url.startsWith(env().APP_URL)) return notifyPOST(req);
      if (path.startsWith("/sandbox/wechat/sns/")) return oauthSandboxFetch(req);
      return toSandbox(req);
    });
  });
  afterAll(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    resetEnvForTests();
  });
}

export async function placeTestOrder(buyer: Actor, storeId: string, lines: { skuId: string; quantity: number }[]) {
  return placeOrder(buyer, { storeId, lines, address: testAddress, idempotencyKey: crypto.randomUUID() });
}

/** Starts a JSAPI payment and plays the buyer pressing Pay in the cashier. Returns the prepay id. */
export async function payInSandbox(buyer: Actor, orderId: string): Promise<string> {
  const start = await startPayment(buyer, orderId, { tradeType: "JSAPI" });
  if (start.tradeType !== "JSAPI") throw new Error("expected JSAPI");
  const prepayId = start.payParams.package.replace(/^prepay_id=/, "");
  const outcome = await payOrder(prepayId);
  if (outcome !== "paid") throw new Error(`sandbox payment: ${outcome}`);
  return prepayId;
}

/** Pays in the sandbox and delivers its notification: the order is PAID on return. */
export async function payAndDeliver(buyer: Actor, orderId: string): Promise<void> {
  await payInSandbox(buyer, orderId);
  await deliverSandbox(async () => (await orderStatus(orderId)) === "PAID");
}

/** Delivers whatever the sandbox has queued (notifications, refund settlements). */
export async function deliverSandbox(until?: () => Promise<boolean>) {
  await drainSandboxJobs({ until, untilMs: 10_000 });
}

export async function orderStatus(orderId: string) {
  return (await getDb().order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } })).status;
}

/** An order of 2 × ¥25.99 the buyer has paid in the sandbox, whose notification has not been delivered yet. */
export async function paidButUndelivered(buyer: Actor, storeId: string) {
  const { skuIds } = await createItemWithSkus(storeId, { skus: [{ priceFen: 2599, stock: 5 }] });
  const order = await placeTestOrder(buyer, storeId, [{ skuId: skuIds[0], quantity: 2 }]);
  await payInSandbox(buyer, order.id);
  const outTradeNo = (await getDb().order.findUniqueOrThrow({ where: { id: order.id } })).outTradeNo;
  const trade = await getDb().sandboxPayTransaction.findFirstOrThrow({ where: { outTradeNo } });
  const notification = await getDb().sandboxPayNotification.findFirstOrThrow({ where: { transactionId: trade.transactionId } });
  return { order, skuId: skuIds[0], notificationId: notification.id, transactionId: trade.transactionId };
}
