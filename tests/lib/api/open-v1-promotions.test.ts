// The merchant Open API's promotions through its router on a real database: a store's token
// creates, lists and stops its coupons and flash sales and reads a coupon's claims; bad terms
// get 422 with the API's field names; another store's token reaches none of it (404).
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { handleOpenApi } from "@/lib/api/open-v1";
import { createStoreApiToken } from "@/lib/api/open-v1/tokens";
import { claimCoupon } from "@/lib/promotions/coupons";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { actorFor, authWorld, createUser } from "../../support/fixtures";

useTestDatabase();

const base = "http://localhost:3000/api/open/v1";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const headers = { "Content-Type": "application/json", Authorization: `Bearer ${token}`, "Idempotency-Key": crypto.randomUUID() };
  const res = await handleOpenApi(new Request(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), path);
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

let w: Awaited<ReturnType<typeof authWorld>>;
let tokenA: string;
let tokenB: string;
beforeAll(async () => {
  w = await authWorld();
  tokenA = (await createStoreApiToken(w.sellerA, w.storeA.id, { name: "promo sync" })).token;
  tokenB = (await createStoreApiToken(w.sellerB, w.storeB.id, { name: "B sync" })).token;
});

const hour = 3_600_000;
const window = () => ({ startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + 24 * hour).toISOString() });

describe("coupons", () => {
  it("creates a 满减 coupon, lists it, shows its claims and stops it; bad terms get the API's field names", async () => {
    const bad = await call(tokenA, "POST", "/coupons", { name: "满10减10", kind: "THRESHOLD", amountOffFen: 1000, thresholdFen: 1000, totalQuantity: 5, ...window() });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fieldErrors).toEqual({ thresholdFen: ["couponThresholdBelowAmount"] });

    const made = await call(tokenA, "POST", "/coupons", { name: "满100减20", kind: "THRESHOLD", amountOffFen: 2000, thresholdFen: 10000, totalQuantity: 5, ...window() });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ name: "满100减20", kind: "THRESHOLD", amountOffFen: 2000, thresholdFen: 10000, remaining: 5, phase: "RUNNING", productIds: [] });
    const couponId = made.json.id as string;
    expect((await call(tokenA, "GET", "/coupons")).json.coupons.map((c: { id: string }) => c.id)).toContain(couponId);

    const buyer = await actorFor((await createUser("BUYER")).id);
    const claim = await claimCoupon(buyer, couponId);
    const claims = await call(tokenA, "GET", `/coupons/${couponId}/claims`);
    expect(claims.status).toBe(200);
    expect(claims.json.claims).toEqual([expect.objectContaining({ id: claim.claimId, buyerId: buyer.userId, status: "AVAILABLE", orderId: null })]);

    // Another store's token: as if it did not exist.
    expect((await call(tokenB, "GET", `/coupons/${couponId}/claims`)).status).toBe(404);
    expect((await call(tokenB, "POST", `/coupons/${couponId}/stop`, {})).status).toBe(404);

    const stopped = await call(tokenA, "POST", `/coupons/${couponId}/stop`, { voidClaimed: true });
    expect(stopped.json).toMatchObject({ status: "STOPPED", phase: "STOPPED" });
    expect((await call(tokenA, "GET", `/coupons/${couponId}/claims`)).json.claims[0].status).toBe("VOID");
    expect((await call(tokenA, "POST", `/coupons/${couponId}/stop`, {})).status).toBe(409);
  });
});

describe("flash sales", () => {
  it("schedules a sale, lists it with its SKUs and stops it; a price not below the SKU's is refused by row", async () => {
    const item = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 5 }, { priceFen: 2000, stock: 5 }] });
    const body = { name: "API 抢购", startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + hour).toISOString() };
    const bad = await call(tokenA, "POST", "/flash-sales", { ...body, skus: [{ skuId: item.skuIds[0], priceFen: 800 }, { skuId: item.skuIds[1], priceFen: 2500 }] });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fieldErrors).toEqual({ "skus.1.priceFen": ["salePriceNotBelow"] });

    const made = await call(tokenA, "POST", "/flash-sales", { ...body, percentOff: 20, perBuyerLimit: 2, skus: item.skuIds.map((skuId) => ({ skuId, quantity: 3 })) });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ name: "API 抢购", phase: "RUNNING", percentOff: 20, perBuyerLimit: 2 });
    expect(made.json.skus.map((k: { priceFen: number }) => k.priceFen).sort((a: number, b: number) => a - b)).toEqual([800, 1600]);
    const saleId = made.json.id as string;
    expect((await call(tokenA, "GET", "/flash-sales")).json.flashSales.map((s: { id: string }) => s.id)).toContain(saleId);

    expect((await call(tokenB, "POST", `/flash-sales/${saleId}/stop`)).status).toBe(404);
    const stopped = await call(tokenA, "POST", `/flash-sales/${saleId}/stop`);
    expect(stopped.json).toMatchObject({ phase: "STOPPED" });
    expect((await call(tokenA, "POST", `/flash-sales/${saleId}/stop`)).status).toBe(409);
  });
});
