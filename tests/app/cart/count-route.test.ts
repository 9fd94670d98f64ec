// GET /api/cart/count: the cart badge of the cached storefront pages. Only the session is
// mocked; the count comes from the real cart in the database.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { addToCart } from "@/lib/orders/cart";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { authWorld } from "../../support/fixtures";

useTestDatabase();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));

const { GET } = await import("@/app/api/cart/count/route");

let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
  const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 40 }, { priceFen: 1200, stock: 40 }] });
  await addToCart(w.buyer, { skuId: skuIds[0], quantity: 2 });
  await addToCart(w.buyer, { skuId: skuIds[1], quantity: 3 });
});

async function count(who: Actor | null, store: string) {
  current.actor = who;
  const res = await GET(new Request(`http://127.0.0.1/api/cart/count?store=${encodeURIComponent(store)}`));
  current.actor = null;
  return { status: res.status, cache: res.headers.get("cache-control"), body: await res.json() };
}

describe("GET /api/cart/count", () => {
  it("answers the signed-in buyer's units in that store's cart, never cached by anyone else", async () => {
    expect(await count(w.buyer, w.storeA.id)).toEqual({ status: 200, cache: "private, no-store", body: { count: 5 } });
  });

  it("answers 0 for another store, a guest and staff", async () => {
    expect((await count(w.buyer, w.storeB.id)).body).toEqual({ count: 0 });
    expect((await count(null, w.storeA.id)).body).toEqual({ count: 0 });
    expect((await count(w.sellerA, w.storeA.id)).body).toEqual({ count: 0 });
  });

  it("refuses a store that is not an id with a 400, not a database error", async () => {
    for (const store of ["", "a\u0000b", "x'; drop", "A".repeat(41)]) {
      const r = await count(w.buyer, store);
      expect(r.status, store).toBe(400);
      expect(r.body.error.code).toBe("VALIDATION");
    }
  });
});
