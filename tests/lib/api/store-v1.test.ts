import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as openapiGET } from "@/app/api/store/v1/openapi.json/route";
import { storeApiRouter } from "@/lib/api/store-v1";
import { createCoupon } from "@/lib/promotions/coupons";
import { createFlashSale } from "@/lib/promotions/flash-sales";
import { getDb } from "@/lib/db/client";
import { payOrder } from "@/lib/sandbox/wechatpay/transactions";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { authWorld } from "../../support/fixtures";
import { deliverSandbox, orderStatus, testAddress, usePaymentsInProcess } from "../../support/payments";
import { authorizeCode } from "../../support/wechat-sandbox";

useTestDatabase();
usePaymentsInProcess();

const base = "http://localhost:3000/api/store/v1";
async function call(method: string, path: string, opts: { token?: string; body?: unknown; key?: string } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.key) headers["Idempotency-Key"] = opts.key;
  const res = await storeApiRouter.handle(new Request(`${base}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }), path.split("?")[0]);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

let w: Awaited<ReturnType<typeof authWorld>>;
let skuId: string;
let itemId: string;
beforeAll(async () => {
  w = await authWorld();
  const item = await createItemWithSkus(w.storeA.id, { title: "API 龙井", postage: { mode: "FLAT", fen: 800 }, skus: [{ priceFen: 12800, stock: 5 }] });
  skuId = item.skuIds[0];
  itemId = item.itemId;
});

async function buyerToken(nickname = "API 买家") {
  const { code } = await authorizeCode({ nickname });
  const r = await call("POST", "/auth/wechat", { body: { code } });
  expect(r.status).toBe(200);
  return r.json.token as string;
}

describe("Store API", () => {
  it("publishes an OpenAPI 3.1 document describing every endpoint", async () => {
    const doc = await (await openapiGET()).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      ["/auth/wechat", "/coupons/{couponId}/claim", "/orders", "/orders/{orderId}", "/orders/{orderId}/cancel", "/orders/{orderId}/payments", "/orders/quote", "/stores/{slug}", "/stores/{slug}/coupons", "/stores/{slug}/items", "/stores/{slug}/items/{itemId}", "/stores/{slug}/my-coupons"].sort(),
    );
    const create = doc.paths["/orders"].post;
    expect(create.parameters.find((p: { name: string }) => p.name === "Idempotency-Key")).toMatchObject({ in: "header", required: true });
    expect(create.requestBody.content["application/json"].schema.properties.lines).toBeDefined();
    expect(doc.components.schemas.Order).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("lists a store's coupons without signing in; a buyer claims one, sees it, and an order with it pays the discounted total", async () => {
    // Its own item: the tests below count on the first item's stock.
    const own = await createItemWithSkus(w.storeA.id, { title: "API 券商品", postage: { mode: "FLAT", fen: 800 }, skus: [{ priceFen: 12800, stock: 5 }] });
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "API 立减", kind: "AMOUNT", amountOff: "12.34", totalQuantity: 3, startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3_600_000) });
    const listed = await call("GET", `/stores/${w.storeA.slug}/coupons?itemId=${own.itemId}`);
    expect(listed.status).toBe(200);
    expect(listed.json.coupons).toEqual([expect.objectContaining({ id, kind: "AMOUNT", amountOffFen: 1234, itemIds: [] })]);
    expect((await call("POST", `/coupons/${id}/claim`)).status).toBe(401);
    const token = await buyerToken("API 领券");
    const claimed = await call("POST", `/coupons/${id}/claim`, { token });
    expect(claimed.status).toBe(201);
    // One per buyer by default.
    expect((await call("POST", `/coupons/${id}/claim`, { token })).json.error).toMatchObject({ code: "CONFLICT" });
    const mine = await call("GET", `/stores/${w.storeA.slug}/my-coupons`, { token });
    expect(mine.json.coupons).toEqual([expect.objectContaining({ claimId: claimed.json.claimId, status: "AVAILABLE", orderId: null })]);
    const placed = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId: own.skuIds[0], quantity: 1 }], address: testAddress, couponClaimId: claimed.json.claimId } });
    expect(placed.status).toBe(201);
    expect(placed.json).toMatchObject({ itemsFen: 12800, postageFen: 800, discountFen: 1234, totalFen: 12366, lines: [{ lineTotalFen: 12800, discountFen: 1234 }] });
    const again = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId: own.skuIds[0], quantity: 1 }], address: testAddress, couponClaimId: claimed.json.claimId } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("COUPON_UNAVAILABLE");
  });

  it("quotes an order at flash-sale prices with the buyer's coupons priced against it, and shows the sale on the item", async () => {
    const own = await createItemWithSkus(w.storeA.id, { title: "API 抢购商品", skus: [{ priceFen: 20_000, stock: 5 }] });
    await createFlashSale(w.sellerA, w.storeA.id, { name: "API 抢购", startsAt: new Date(), endsAt: new Date(Date.now() + 3_600_000), skus: [{ skuId: own.skuIds[0], price: 15_000 }] });
    const { id } = await createCoupon(w.sellerA, w.storeA.id, { name: "满100减10", kind: "THRESHOLD", amountOff: "10", threshold: "100", totalQuantity: 3, startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3_600_000) });
    const token = await buyerToken("API 询价");
    const claimId = (await call("POST", `/coupons/${id}/claim`, { token })).json.claimId;
    const item = await call("GET", `/stores/${w.storeA.slug}/items/${own.itemId}`);
    expect(item.json.skus).toEqual([expect.objectContaining({ priceFen: 15_000, originalPriceFen: 20_000 })]);
    expect(item.json.sale).toMatchObject({ phase: "RUNNING", name: "API 抢购" });
    const lines = [{ skuId: own.skuIds[0], quantity: 1 }];
    expect((await call("POST", "/orders/quote", { body: { storeId: w.storeA.id, lines } })).status).toBe(401);
    const quote = await call("POST", "/orders/quote", { token, body: { storeId: w.storeA.id, lines } });
    expect(quote.json).toMatchObject({ itemsFen: 15_000, discountFen: 0, totalFen: 15_000, bestClaimId: claimId, lines: [{ unitPriceFen: 15_000, listPriceFen: 20_000 }] });
    expect(quote.json.coupons).toEqual([{ claimId, name: "满100减10", discountFen: 1_000, totalFen: 14_000 }]);
    const withCoupon = await call("POST", "/orders/quote", { token, body: { storeId: w.storeA.id, lines, couponClaimId: claimId } });
    expect(withCoupon.json).toMatchObject({ discountFen: 1_000, totalFen: 14_000 });
    // Placed with the quoted total it goes through; with another it is refused with the server's.
    const stale = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines, address: testAddress, couponClaimId: claimId, expectedTotalFen: 19_000 } });
    expect(stale.json.error).toMatchObject({ code: "PRICE_CHANGED", details: { totalFen: 14_000 } });
    const placed = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines, address: testAddress, couponClaimId: claimId, expectedTotalFen: 14_000 } });
    expect(placed.status).toBe(201);
  });

  it("refuses text holding half a surrogate pair anywhere in a body, as invalid input naming the field", async () => {
    const token = await buyerToken("API 坏字符");
    const { skuIds } = await createItemWithSkus(w.storeA.id, { title: "坏字符商品", skus: [{ priceFen: 100, stock: 5 }] });
    const skuId = skuIds[0];
    for (const [note, bad] of [["备注\ud800", "\ud800"], ["\udc00尾", "\udc00"]] as const) {
      const res = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId, quantity: 1 }], address: testAddress, note } });
      expect(res.status, bad).toBe(422);
      expect(res.json.error).toMatchObject({ code: "VALIDATION", fieldErrors: { note: ["invalidCharacters"] } });
    }
    // Quantities are JSON integers: nothing is coerced into one.
    for (const quantity of ["0x10", "2", true, [1], 1.5]) {
      const res = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId, quantity }], address: testAddress } });
      expect(res.status, JSON.stringify(quantity)).toBe(422);
      expect(res.json.error.fieldErrors).toEqual({ "lines.0.quantity": ["quantityInvalid"] });
    }
    // A whole pair (an emoji) is a character like any other.
    const ok = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId, quantity: 1 }], address: testAddress, note: "💥" } });
    expect(ok.status).toBe(201);
  });

  it("browses a store's items and an item's SKUs with live stock, without signing in", async () => {
    const list = await call("GET", `/stores/${w.storeA.slug}/items`);
    expect(list.status).toBe(200);
    expect(list.json.items.map((i: { id: string }) => i.id)).toContain(itemId);
    const item = await call("GET", `/stores/${w.storeA.slug}/items/${itemId}`);
    expect(item.json.skus).toEqual([expect.objectContaining({ id: skuId, priceFen: 12800, stock: 5 })]);
    expect((await call("GET", `/stores/nope-nope/items`)).status).toBe(404);
  });

  it("signs a buyer in with a WeChat OAuth code, once per code", async () => {
    const { code } = await authorizeCode({ nickname: "一次性" });
    expect((await call("POST", "/auth/wechat", { body: { code } })).status).toBe(200);
    const again = await call("POST", "/auth/wechat", { body: { code } });
    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe("UNAUTHENTICATED");
    expect((await call("GET", "/orders")).status).toBe(401);
    expect((await call("GET", "/orders", { token: "lsb_" + "x".repeat(43) })).status).toBe(401);
  });

  it("answers a sign-in WeChat could not be reached for with 502, not as a refused code, and the code still works after", async () => {
    const { code } = await authorizeCode({ nickname: "网络不好" });
    const down = vi.spyOn(globalThis, "fetch").mockRejectedValueOnce(new TypeError("fetch failed", { cause: new Error("getaddrinfo ENOTFOUND api.internal") }));
    const r = await call("POST", "/auth/wechat", { body: { code } });
    down.mockRestore();
    expect(r.status).toBe(502);
    expect(r.json.error.code).toBe("UPSTREAM_FAILED");
    expect(JSON.stringify(r.json)).not.toMatch(/ENOTFOUND|internal|fetch failed/);
    expect((await call("POST", "/auth/wechat", { body: { code } })).status).toBe(200);
  });

  it("places an order idempotently: a retry replays the first answer, another body with the key is 422", async () => {
    const token = await buyerToken();
    const key = crypto.randomUUID();
    const body = { storeId: w.storeA.id, lines: [{ skuId, quantity: 2 }], address: testAddress };
    expect((await call("POST", "/orders", { token, body })).json.error.code).toBe("IDEMPOTENCY_KEY_REQUIRED");
    const first = await call("POST", "/orders", { token, body, key });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ status: "PENDING_PAYMENT", itemsFen: 25600, postageFen: 800, totalFen: 26400 });
    const replay = await call("POST", "/orders", { token, body, key });
    expect(replay.status).toBe(201);
    expect(replay.json.id).toBe(first.json.id);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const mismatch = await call("POST", "/orders", { token, body: { ...body, lines: [{ skuId, quantity: 1 }] }, key });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error.code).toBe("IDEMPOTENCY_MISMATCH");
    expect(await getDb().order.count({ where: { idempotencyKey: `api:${key}` } })).toBe(1);
    const concurrent = crypto.randomUUID();
    // Concurrent twins: the key's unique index lets one place the order; the others wait for
    // it and answer with that same order. Never a second order, never an error.
    const twin = { ...body, lines: [{ skuId, quantity: 1 }] };
    const many = await Promise.all(Array.from({ length: 8 }, () => call("POST", "/orders", { token, body: twin, key: concurrent })));
    expect(many.map((r) => r.status)).toEqual(Array(8).fill(201));
    const ids = new Set(many.map((r) => r.json.id));
    expect(ids.size).toBe(1);
    expect(many.filter((r) => r.headers.get("idempotent-replayed") !== "true")).toHaveLength(1);
    const later = await call("POST", "/orders", { token, body: twin, key: concurrent });
    expect(later.json.id).toBe([...ids][0]);
    expect(await getDb().order.count({ where: { idempotencyKey: `api:${concurrent}` } })).toBe(1);
  });

  // The placed order is answered from what was written, without reading it back: it must be
  // exactly what a read of the order gives.
  it("answers a new order with exactly what reading it back gives", async () => {
    const token = await buyerToken();
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 300, stock: 20 }, { priceFen: 700, stock: 20 }, { priceFen: 900, stock: 20 }] });
    const placed = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId: skuIds[2], quantity: 1 }, { skuId: skuIds[0], quantity: 3 }, { skuId: skuIds[1], quantity: 2 }], address: testAddress, note: "请放门口" } });
    expect(placed.status).toBe(201);
    const read = await call("GET", `/orders/${placed.json.id}`, { token });
    expect(read.status).toBe(200);
    expect(placed.json).toEqual(read.json);
    expect(placed.json.lines).toHaveLength(3);
  });

  it("answers a sold-out order with a JSON error, pays with JSAPI through the sandbox, and cancels", async () => {
    const token = await buyerToken("付款买家");
    const tooMany = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId, quantity: 99 }], address: testAddress } });
    expect(tooMany.status).toBe(409);
    expect(tooMany.json.error).toMatchObject({ code: "SOLD_OUT" });
    const placeKey = crypto.randomUUID();
    const placeBody = { storeId: w.storeA.id, lines: [{ skuId, quantity: 1 }], address: testAddress };
    const placed = await call("POST", "/orders", { token, key: placeKey, body: placeBody });
    const pay = await call("POST", `/orders/${placed.json.id}/payments`, { token, body: { tradeType: "JSAPI" } });
    expect(pay.status).toBe(200);
    expect(pay.json.payParams).toMatchObject({ signType: "RSA", package: expect.stringMatching(/^prepay_id=/) });
    expect(await payOrder(pay.json.payParams.package.slice(10))).toBe("paid");
    await deliverSandbox(async () => (await orderStatus(placed.json.id)) === "PAID");
    expect((await call("GET", `/orders/${placed.json.id}`, { token })).json.status).toBe("PAID");
    // A late retry of the create request gets the first answer, not the order as it is now.
    const retried = await call("POST", "/orders", { token, key: placeKey, body: placeBody });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    expect(retried.json).toEqual(placed.json);
    expect((await call("POST", `/orders/${placed.json.id}/cancel`, { token })).status).toBe(409);

    const other = await call("POST", "/orders", { token, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId, quantity: 1 }], address: testAddress } });
    const cancelled = await call("POST", `/orders/${other.json.id}/cancel`, { token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.status).toBe("CANCELLED");
  });

  it("gives a retried refused order the same refusal even after stock comes back, and a new key a fresh decision", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 1 }] });
    const body = { storeId: w.storeA.id, lines: [{ skuId: skuIds[0], quantity: 1 }], address: testAddress };
    const first = await buyerToken("先到");
    const second = await buyerToken("后到");
    const taken = await call("POST", "/orders", { token: first, key: crypto.randomUUID(), body });
    expect(taken.status).toBe(201);
    const key = crypto.randomUUID();
    const refused = await call("POST", "/orders", { token: second, key, body });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("SOLD_OUT");
    expect((await call("POST", `/orders/${taken.json.id}/cancel`, { token: first })).status).toBe(200);

    const again = await call("POST", "/orders", { token: second, key, body });
    expect(again.status).toBe(409);
    expect(again.json).toEqual(refused.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await call("POST", "/orders", { token: second, key, body: { ...body, note: "改了" } })).json.error.code).toBe("IDEMPOTENCY_MISMATCH");
    const fresh = await call("POST", "/orders", { token: second, key: crypto.randomUUID(), body });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
  });

  it("keeps each buyer to their own orders and rejects bad input with field errors", async () => {
    const a = await buyerToken("甲");
    const b = await buyerToken("乙");
    const placed = await call("POST", "/orders", { token: a, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId, quantity: 1 }], address: testAddress } });
    expect((await call("GET", `/orders/${placed.json.id}`, { token: b })).status).toBe(404);
    expect((await call("POST", `/orders/${placed.json.id}/cancel`, { token: b })).status).toBe(404);
    // Another buyer's order as a list cursor is ignored (it would place the page by their order's time).
    const more = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 5 }] });
    const bOrder = await call("POST", "/orders", { token: b, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId: more.skuIds[0], quantity: 1 }], address: testAddress } });
    expect(bOrder.status, JSON.stringify(bOrder.json)).toBe(201);
    const foreignCursor = await call("GET", `/orders?cursor=${placed.json.id}`, { token: b });
    expect(foreignCursor.json.orders.map((o: { id: string }) => o.id)).toEqual([bOrder.json.id]);
    const bad = await call("POST", "/orders", { token: a, key: crypto.randomUUID(), body: { storeId: w.storeA.id, lines: [{ skuId, quantity: 0 }], address: { ...testAddress, phone: "1" } } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fieldErrors)).toEqual(expect.arrayContaining(["lines.0.quantity", "address.phone"]));
    const notJson = await storeApiRouter.handle(new Request(`${base}/orders`, { method: "POST", headers: { Authorization: `Bearer ${a}`, "Idempotency-Key": crypto.randomUUID() }, body: "{" }), "/orders");
    expect(notJson.status).toBe(400);
    // 2 MB streamed without a Content-Length: refused once the cap is passed, not buffered whole.
    const huge = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(64 * 1024).fill(32));
        if (++sent === 32) c.close();
      },
    });
    let sent = 0;
    const tooBig = await storeApiRouter.handle(
      new Request(`${base}/orders`, { method: "POST", headers: { Authorization: `Bearer ${a}`, "Idempotency-Key": crypto.randomUUID() }, body: huge, duplex: "half" } as RequestInit),
      "/orders",
    );
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.code).toBe("TOO_LARGE");
    expect(sent).toBeLessThan(32);
  });
});
