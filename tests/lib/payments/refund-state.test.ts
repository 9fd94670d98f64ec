// The refund state machine: created PROCESSING with its submit job, moved once to WeChat Pay's
// outcome (a second move of any kind is refused), each move in the order's trail.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createRefund, REFUND_SUBMIT_QUEUE, refundTransitions, settleRefundState } from "@/lib/payments/refund-state";
import { createItemWithSkus } from "../../support/catalog";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { placeTestOrder } from "../../support/payments";

useTestDatabase();

let orderId: string;
beforeAll(async () => {
  const w = await authWorld();
  const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 5 }] });
  orderId = (await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }])).id;
});

describe("the refund state machine", () => {
  it("leaves PROCESSING only, once", () => {
    for (const rule of Object.values(refundTransitions)) expect(rule.from).toEqual(["PROCESSING"]);
  });

  it("creates a refund with its submit job, and moves it once whatever arrives after", async () => {
    const db = getDb();
    const r = await db.$transaction((tx) => createRefund(tx, { orderId, outRefundNo: `R${Date.now()}`, amountFen: 300, reason: "test", cause: "ADMIN" }));
    expect(await db.refund.findUniqueOrThrow({ where: { id: r.id }, select: { status: true } })).toEqual({ status: "PROCESSING" });
    expect(await db.job.count({ where: { queue: REFUND_SUBMIT_QUEUE, singletonKey: `refund.submit:${r.id}` } })).toBe(1);

    const settledAt = new Date();
    const moves = await Promise.all(
      (["SUCCESS", "ABNORMAL", "CLOSED", "SUCCESS"] as const).map((to) => db.$transaction((tx) => settleRefundState(tx, { refundId: r.id, orderId, to, wechatRefundId: "50300000000001", settledAt, event: { to } }))),
    );
    expect(moves.filter(Boolean)).toHaveLength(1);
    const row = await db.refund.findUniqueOrThrow({ where: { id: r.id }, select: { status: true, refundId: true } });
    const events = await db.orderEvent.findMany({ where: { orderId, type: { startsWith: "REFUND_" } }, select: { type: true } });
    expect(events).toEqual([{ type: `REFUND_${row.status}` }]);
    expect(row.refundId).toBe("50300000000001");
  });
});
