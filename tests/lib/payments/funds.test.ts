// The seller's funds page and the admin's fee income read the same books the settlement
// writes: per order paid = refunded + fee + settled + held, the store's totals agree with its
// dashboard for the same orders, and only the store's own sellers see them.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getStoreDashboard } from "@/lib/metrics/dashboard";
import { confirmReceipt, shipOrder } from "@/lib/orders/lifecycle";
import { getPlatformFunds, getStoreFunds, storeFundsCsv, type FundsState } from "@/lib/payments/funds";
import { openSettlement, stepSettlement } from "@/lib/payments/settlement";
import { openRequest, sellerAccept } from "@/lib/protection/requests";
import { createItemWithSkus } from "../../support/catalog";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { deliverSandbox, orderStatus, payInSandbox, placeTestOrder, usePaymentsInProcess } from "../../support/payments";
import { drainSandboxJobs } from "../../support/wechatpay-sandbox";
import { settleRefunds } from "../protection/support";

useTestDatabase();
usePaymentsInProcess();

let w: Awaited<ReturnType<typeof authWorld>>;
const ids: Record<string, string> = {};
beforeAll(async () => {
  w = await authWorld();
  const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 10_000, stock: 20 }] });
  const paid = async () => {
    const o = await placeTestOrder(w.buyer, w.storeA.id, [{ skuId: skuIds[0], quantity: 1 }]);
    await payInSandbox(w.buyer, o.id);
    await deliverSandbox(async () => (await orderStatus(o.id)) === "PAID");
    return o;
  };
  // Settled: received eight days ago, fee shared, the rest unfrozen.
  const settled = await paid();
  await shipOrder(w.sellerA, w.storeA.id, settled.id, { carrier: "SF", trackingNo: "SF1234567890123" });
  await confirmReceipt(w.buyer, settled.id);
  await getDb().order.update({ where: { id: settled.id }, data: { completedAt: new Date(Date.now() - 8 * 86_400_000) } });
  await openSettlement(settled.id);
  for (let i = 0; i < 5 && (await stepSettlement(settled.id, { force: true })) !== "SETTLED"; i++) await drainSandboxJobs();
  // Held, ¥30 refunded out of the held money through an accepted after-sale.
  const refunded = await paid();
  const line = await getDb().orderLine.findFirstOrThrow({ where: { orderId: refunded.id } });
  const { id: requestId } = await openRequest(w.buyer, { orderId: refunded.id, lineIds: [line.id], type: "REFUND_ONLY", reason: "NOT_RECEIVED", description: "少发了一件", amountFen: 3000 });
  await sellerAccept(w.sellerA, w.storeA.id, requestId);
  await settleRefunds(refunded.id);
  // Held, untouched.
  const held = await paid();
  Object.assign(ids, { settled: settled.id, refunded: refunded.id, held: held.id });
});

describe("a store's funds", () => {
  it("shows each paid order's money and where it is, and every row balances", async () => {
    const funds = await getStoreFunds(w.sellerA, w.storeA.id);
    const byId = new Map(funds.rows.map((r) => [r.orderId, r]));
    expect(byId.get(ids.settled)).toMatchObject({ state: "SETTLED", paidFen: 10_000, refundedFen: 0, feeFen: 100, settledFen: 9900, heldFen: 0 });
    expect(byId.get(ids.refunded)).toMatchObject({ state: "HELD", paidFen: 10_000, refundedFen: 3000, feeFen: 0, settledFen: 0, heldFen: 7000, heldUntil: null });
    expect(byId.get(ids.held)).toMatchObject({ state: "HELD", heldFen: 10_000 });
    for (const r of funds.rows) expect(r.paidFen).toBe(r.refundedFen + r.feeFen + r.settledFen + r.heldFen);
    expect(funds.totals).toEqual({ paidFen: 30_000, refundedFen: 3000, feeFen: 100, settledFen: 9900, heldFen: 17_000 });
    expect(funds.byDay).toEqual([expect.objectContaining({ orders: 1, feeFen: 100, netFen: 9900 })]);
    const onlySettled = await getStoreFunds(w.sellerA, w.storeA.id, { state: "SETTLED" });
    expect(onlySettled.rows.map((r) => r.orderId)).toEqual([ids.settled]);
  });

  it("agrees with the store's dashboard for the same orders", async () => {
    const dash = await getStoreDashboard(w.sellerA, w.storeA.id);
    const funds = await getStoreFunds(w.sellerA, w.storeA.id);
    expect(dash.figures.paidFen).toBe(funds.totals.paidFen);
    expect(dash.figures.refundFen).toBe(funds.totals.refundedFen);
    expect(dash.figures.paidOrders).toBe(funds.count);
  });

  it("is its own sellers' only: another store's seller, a buyer and a visitor are told it does not exist", async () => {
    for (const a of [w.sellerB, w.buyer, null] as (Actor | null)[]) {
      const e = await getStoreFunds(a, w.storeA.id).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toMatch(/NOT_FOUND|UNAUTHENTICATED/);
    }
    await expect(getPlatformFunds(w.sellerA)).rejects.toBeInstanceOf(AppError);
  });

  it("exports every order as CSV in the labels it is given, amounts in yuan", async () => {
    const state = { HELD: "冻结中", SETTLING: "结算中", SETTLED: "已结算", FAILED: "结算失败", REFUNDED: "已全额退款" } satisfies Record<FundsState, string>;
    let csv = "";
    for await (const chunk of storeFundsCsv(w.sellerA, w.storeA.id, { header: ["订单号", "付款时间", "实付", "已退款", "服务费", "实得", "状态", "冻结至", "结算时间", "原因"], state, time: (d) => d.toISOString() })) csv += chunk;
    expect(csv.startsWith("\uFEFF")).toBe(true); // spreadsheets read the Chinese as UTF-8
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("订单号,付款时间,实付,已退款,服务费,实得,状态,冻结至,结算时间,原因");
    expect(lines).toHaveLength(4);
    const settledNo = (await getDb().order.findUniqueOrThrow({ where: { id: ids.settled } })).orderNo;
    expect(lines.find((l) => l.startsWith(settledNo))).toMatch(/,100\.00,0\.00,1\.00,99\.00,已结算,/);
  });

  it("the platform sees its fee income by store and day", async () => {
    const p = await getPlatformFunds(w.admin);
    expect(p.byStore).toEqual([expect.objectContaining({ storeId: w.storeA.id, orders: 1, feeFen: 100, netFen: 9900 })]);
    expect(p.totalFeeFen).toBe(100);
    expect(p.failing).toEqual([]);
  });
});
