// The buyer's cart under double taps and several tabs: adds of the same SKU at the same
// moment all count, the quantity stays within 1–999, and a full cart takes no new line.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { addToCart, cartCount, getCart } from "@/lib/orders/cart";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { authWorld } from "../../support/fixtures";

useTestDatabase();

let w: Awaited<ReturnType<typeof authWorld>>;
let skuIds: string[];
beforeAll(async () => {
  w = await authWorld();
  ({ skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 100 }, { priceFen: 2000, stock: 100 }] }));
});

describe("cart", () => {
  it("counts every one of many adds of the same SKU made at the same moment", async () => {
    await Promise.all(Array.from({ length: 12 }, () => addToCart(w.buyer, { skuId: skuIds[0], quantity: 1 })));
    expect(await cartCount(w.buyer, w.storeA.id)).toBe(12);
    const cart = await getCart(w.buyer, w.storeA.id);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({ skuId: skuIds[0], quantity: 12 });
    expect(cart.itemsFen).toBe(12_000);
  });

  it("keeps a line's quantity at 999 at most, however it is added", async () => {
    await Promise.all([addToCart(w.buyer, { skuId: skuIds[1], quantity: 600 }), addToCart(w.buyer, { skuId: skuIds[1], quantity: 600 })]);
    const line = await getDb().cartLine.findFirstOrThrow({ where: { skuId: skuIds[1], cart: { buyerId: w.buyer.userId } }, select: { quantity: true } });
    expect(line.quantity).toBe(999);
  });

  it("takes no new line into a full cart (50 lines), even when several arrive at once", async () => {
    const storeId = w.storeB.id;
    const many = await createItemWithSkus(storeId, { skus: Array.from({ length: 56 }, (_, i) => ({ priceFen: 100 + i, stock: 5 })) });
    for (const skuId of many.skuIds.slice(0, 45)) await addToCart(w.buyer, { skuId, quantity: 1 });
    const results = await Promise.allSettled(many.skuIds.slice(45).map((skuId) => addToCart(w.buyer, { skuId, quantity: 1 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.fieldErrors)).toEqual(Array(6).fill({ _form: ["cartFull"] }));
    expect((await getCart(w.buyer, storeId)).lines).toHaveLength(50);
  });
});
