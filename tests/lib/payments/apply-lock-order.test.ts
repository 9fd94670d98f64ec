import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as notifyPOST } from "@/app/api/payments/wechatpay/notify/route";
import type { Tx } from "@/lib/db/client";
import { recordOrderTransitionMetrics } from "@/lib/metrics/record";
import { buildNotificationRequest } from "@/lib/sandbox/wechatpay/notifications";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { orderStatus, paidButUndelivered, usePaymentsInProcess } from "../../support/payments";

// The real rollups, watched: what else the payment's transaction has written when they run.
vi.mock("@/lib/metrics/record", async (original) => {
  const real = await original<typeof import("@/lib/metrics/record")>();
  return { ...real, recordOrderTransitionMetrics: vi.fn(real.recordOrderTransitionMetrics) };
});

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

// Every payment of a store on one day updates the same rollup row, locked until the commit:
// anything the transaction does after it makes every other payment of the store wait longer.
describe("applying a payment", () => {
  it("writes the store's daily rollups last, after the payment row and the notification's outcome", async () => {
    const { order, notificationId, transactionId } = await paidButUndelivered(w.buyer, w.storeA.id);

    const seen: { payment?: string; outcome?: string | null }[] = [];
    const real = vi.mocked(recordOrderTransitionMetrics).getMockImplementation()!;
    vi.mocked(recordOrderTransitionMetrics).mockImplementation(async (tx: Tx, e) => {
      if (e.transition === "PAY" && e.orderId === order.id) {
        const payment = await tx.payment.findFirst({ where: { orderId: order.id, transactionId: transactionId }, select: { status: true } });
        const inbox = await tx.paymentNotification.findUnique({ where: { id: notificationId }, select: { outcome: true } });
        seen.push({ payment: payment?.status, outcome: inbox?.outcome });
      }
      return real(tx, e);
    });

    expect((await notifyPOST(await buildNotificationRequest(notificationId))).status).toBe(204);
    expect(await orderStatus(order.id)).toBe("PAID");
    expect(seen).toEqual([{ payment: "SUCCESS", outcome: "APPLIED" }]);
  });
});
