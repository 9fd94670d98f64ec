// The order pages' read models (lib/orders/views.ts) against a real database: the checkout
// quote, the buyer's order tabs, the seller's filters, how a browser pays and where it comes
// back, and the payment check when the buyer returns from the cashier (against the built-in
// WeChat Pay sandbox, in-process).
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { placeOrder } from "@/lib/orders/checkout";
import { startPayment } from "@/lib/orders/pay";
import { priceOrder } from "@/lib/orders/pricing";
import { checkPaymentOnReturn, findSameAddress, h5WithRedirect, listMyOrders, parseSellerFilters, payMethodFor, payReturnUrl, quoteCheckout } from "@/lib/orders/views";
import { checkCashierRequest, returnLocation } from "@/lib/sandbox/wechatpay/cashier";
import { payOrder } from "@/lib/sandbox/wechatpay/transactions";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { useWechatPaySandbox } from "../../support/wechatpay-sandbox";
import { actorFor, authWorld, createUser } from "../../support/fixtures";

useTestDatabase();
useWechatPaySandbox();

const address = { recipient: "王小明", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号" };
const newBuyer = async (): Promise<Actor> => actorFor((await createUser("BUYER")).id);
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e) => e as AppError);

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
});

describe("quoteCheckout", () => {
  it("prices lines like checkout (merged SKUs, per-item postage) and marks what can't be ordered", async () => {
    const tea = await createItemWithSkus(w.storeA.id, { title: "龙井", postage: { mode: "PER_ITEM", fen: 1000, extraFen: 200 }, skus: [{ priceFen: 12800, stock: 5 }, { priceFen: 23800, stock: 1 }] });
    const off = await createItemWithSkus(w.storeA.id, { status: "OFF_SALE", skus: [{ priceFen: 100, stock: 5 }] });
    const foreign = await createItemWithSkus(w.storeB.id, { skus: [{ priceFen: 100, stock: 5 }] });

    const q = await quoteCheckout(w.buyer, w.storeA.id, [
      { skuId: tea.skuIds[0], quantity: 1 },
      { skuId: tea.skuIds[0], quantity: 1 },
    ]);
    const expected = priceOrder([{ skuId: tea.skuIds[0], itemId: tea.itemId, unitPriceFen: 12800, quantity: 2 }], [{ itemId: tea.itemId, postageMode: "PER_ITEM", postageFen: 1000, postageExtraFen: 200 }]);
    expect(q).toMatchObject({ itemsFen: expected.itemsFen, postageFen: expected.postageFen, totalFen: expected.totalFen, count: 2, orderable: true });
    expect(q.lines).toHaveLength(1);
    expect(q.lines[0]).toMatchObject({ title: "龙井", quantity: 2, available: true });

    const mixed = await quoteCheckout(w.buyer, w.storeA.id, [
      { skuId: tea.skuIds[1], quantity: 2 }, // only 1 in stock
      { skuId: off.skuIds[0], quantity: 1 },
      { skuId: foreign.skuIds[0], quantity: 1 }, // another store's SKU is never priced here
    ]);
    expect(mixed.orderable).toBe(false);
    expect(mixed.lines.map((l) => l.available)).toEqual([false, false, false]);
    expect(mixed.lines[2]).toMatchObject({ title: "", unitPriceFen: 0 });
    expect(mixed.totalFen).toBe(0);
  });

  it("is for buyers only", async () => {
    for (const actor of [null, w.sellerA, w.admin]) expect((await errorOf(quoteCheckout(actor, w.storeA.id, [])))?.code).toMatch(/UNAUTHENTICATED|NOT_FOUND/);
  });
});

describe("findSameAddress", () => {
  it("finds only the buyer's own identical address", async () => {
    const buyer = await newBuyer();
    const other = await newBuyer();
    const a = await getDb().address.create({ data: { ...address, userId: buyer.userId }, select: { id: true } });
    expect(await findSameAddress(buyer, { ...address, detail: ` ${address.detail} ` })).toBe(a.id);
    expect(await findSameAddress(buyer, { ...address, detail: "文三路 101 号" })).toBeNull();
    expect(await findSameAddress(other, address)).toBeNull();
  });
});

describe("listMyOrders", () => {
  it("lists only the buyer's orders, by tab, with counts, newest first, in pages", async () => {
    const buyer = await newBuyer();
    const other = await newBuyer();
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 500, stock: 50 }] });
    const place = (a: Actor) => placeOrder(a, { storeId: w.storeA.id, lines: [{ skuId: skuIds[0], quantity: 1 }], address, idempotencyKey: crypto.randomUUID() });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await place(buyer)).id);
    const theirs = await place(other);
    await getDb().order.update({ where: { id: ids[0] }, data: { status: "PAID" } });
    await getDb().order.update({ where: { id: ids[1] }, data: { status: "CANCELLED" } });
    await getDb().order.update({ where: { id: ids[2] }, data: { status: "CLOSED" } });

    const all = await listMyOrders(buyer, { take: 3 });
    expect(all.counts).toEqual({ all: 5, unpaid: 2, toShip: 1, shipped: 0, completed: 0, cancelled: 2 });
    expect(all.orders.map((o) => o.id)).toEqual([ids[4], ids[3], ids[2]]);
    const next = await listMyOrders(buyer, { take: 3, cursor: all.nextCursor! });
    expect(next.orders.map((o) => o.id)).toEqual([ids[1], ids[0]]);
    expect(next.nextCursor).toBeNull();
    // Cancelled and closed share a tab.
    expect((await listMyOrders(buyer, { tab: "cancelled" })).orders.map((o) => o.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect((await listMyOrders(buyer, { tab: "toShip" })).orders.map((o) => o.id)).toEqual([ids[0]]);
    // Someone else's order id as a cursor leaks nothing: it is ignored.
    const sneaky = await listMyOrders(buyer, { cursor: theirs.id });
    expect(sneaky.orders.map((o) => o.id)).not.toContain(theirs.id);
    expect(sneaky.orders).toHaveLength(5);
    expect(all.orders[0]).toMatchObject({ lineCount: 1, store: { slug: w.storeA.slug } });
  });
});

describe("parseSellerFilters", () => {
  it("keeps valid filters, drops malformed ones, and reads a reversed date range the right way round", () => {
    expect(parseSellerFilters({ status: "PAID", from: "2025-03-01", to: "2025-03-31", orderNo: "2025", buyer: " 王 ", page: "2" })).toEqual({
      status: "PAID",
      from: "2025-03-01",
      to: "2025-03-31",
      orderNo: "2025",
      buyer: "王",
      page: 2,
    });
    expect(parseSellerFilters(new URLSearchParams("status=NOPE&from=2025-02-30&to=yesterday&orderNo=abc&page=-1&buyer="))).toEqual({});
    expect(parseSellerFilters({ from: "2025-04-01", to: "2025-03-01" })).toEqual({ from: "2025-03-01", to: "2025-04-01" });
    expect(parseSellerFilters({ status: ["SHIPPED", "PAID"] })).toEqual({ status: "SHIPPED" });
    expect(parseSellerFilters({ orderNo: "LS202503010123456789" })).toEqual({ orderNo: "202503010123456789" });
  });
});

describe("paying from a browser", () => {
  it("uses the sandbox cashier whenever the gateway is the built-in sandbox, else JSAPI in WeChat and H5 elsewhere", () => {
    const sandbox = { APP_URL: "https://shop.example", WECHATPAY_BASE_URL: "https://shop.example/sandbox/wechatpay" };
    const real = { APP_URL: "https://shop.example", WECHATPAY_BASE_URL: "https://api.mch.weixin.qq.com" };
    const wechat = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI";
    const safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1";
    expect(payMethodFor(wechat, sandbox)).toBe("SANDBOX_CASHIER");
    expect(payMethodFor(safari, sandbox)).toBe("SANDBOX_CASHIER");
    expect(payMethodFor(wechat, real)).toBe("WEIXIN_JSAPI");
    expect(payMethodFor(safari, real)).toBe("H5");
    expect(payMethodFor(null, real)).toBe("H5");
    expect(payMethodFor(safari)).toBe("SANDBOX_CASHIER"); // the test environment's default
    expect(h5WithRedirect("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2", "https://shop.example/orders/o1?paid=return")).toBe(
      "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2&redirect_url=https%3A%2F%2Fshop.example%2Forders%2Fo1%3Fpaid%3Dreturn",
    );
  });

  async function unpaidOrder(buyer: Actor) {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1990, stock: 5 }] });
    return placeOrder(buyer, { storeId: w.storeA.id, lines: [{ skuId: skuIds[0], quantity: 1 }], address, idempotencyKey: crypto.randomUUID() });
  }

  it("hands the sandbox cashier pay parameters it accepts, and a return address that leads back to the order", async () => {
    const buyer = await newBuyer();
    const order = await unpaidOrder(buyer);
    const started = await startPayment(buyer, order.id, { tradeType: "JSAPI" });
    if (started.tradeType !== "JSAPI") throw new Error("expected JSAPI");
    const { sandboxCashierUrl } = await import("@/lib/sandbox/wechatpay/cashier");
    const url = new URL(sandboxCashierUrl(started.payParams, payReturnUrl(order.id)));
    expect(url.pathname).toBe("/sandbox/wechatpay/cashier");
    const check = checkCashierRequest("jsapi", Object.fromEntries(url.searchParams));
    if (!check.ok) throw new Error(`cashier refused: ${check.problem}`);
    expect(returnLocation(check.request, "ok")).toBe(`${env().APP_URL}/orders/${order.id}?paid=return&err_msg=get_brand_wcpay_request%3Aok`);

    // H5 (another order: WeChat Pay ties an out_trade_no to the trade type it was first used with).
    const other = await unpaidOrder(buyer);
    const h5 = await startPayment(buyer, other.id, { tradeType: "H5", clientIp: "203.0.113.9" });
    if (h5.tradeType !== "H5") throw new Error("expected H5");
    const h5Url = new URL(h5WithRedirect(h5.h5Url, payReturnUrl(other.id)));
    const h5Check = checkCashierRequest("h5", Object.fromEntries(h5Url.searchParams));
    if (!h5Check.ok) throw new Error(`H5 cashier refused: ${h5Check.problem}`);
    expect(returnLocation(h5Check.request, "ok")).toBe(payReturnUrl(other.id));
  });

  it("on return from the cashier, applies a payment whose notification has not arrived", async () => {
    const buyer = await newBuyer();
    const order = await unpaidOrder(buyer);
    // Nothing started yet: no trade to ask about, nothing changes.
    await checkPaymentOnReturn(buyer, order.id);
    const started = await startPayment(buyer, order.id, { tradeType: "JSAPI" });
    if (started.tradeType !== "JSAPI") throw new Error("expected JSAPI");
    await checkPaymentOnReturn(buyer, order.id);
    expect((await getDb().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PENDING_PAYMENT");
    // The buyer pays in the cashier; the notification job has not run.
    expect(await payOrder(started.payParams.package.slice("prepay_id=".length))).toBe("paid");
    expect((await errorOf(checkPaymentOnReturn(await newBuyer(), order.id)))?.code).toBe("NOT_FOUND");
    expect((await getDb().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PENDING_PAYMENT");
    await checkPaymentOnReturn(buyer, order.id);
    const paid = await getDb().order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true, transactionId: true } });
    expect(paid.status).toBe("PAID");
    expect(paid.transactionId).toBeTruthy();
  });
});
