// GET /api/storefront/viewer: what the cached storefront pages (a store's home, its groups)
// show that depends on who is looking: buyer, guest or staff, the cart badge and the
// notification bell. Only the session is mocked; carts and notifications are real rows.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { notifyUsers } from "@/lib/notifications/notify";
import { addToCart } from "@/lib/orders/cart";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { authWorld } from "../../support/fixtures";

useTestDatabase();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));

const { GET } = await import("@/app/api/storefront/viewer/route");

let w: Awaited<ReturnType<typeof authWorld>>;
let latestId: string;
beforeAll(async () => {
  w = await authWorld();
  const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 40 }, { priceFen: 1200, stock: 40 }] });
  await addToCart(w.buyer, { skuId: skuIds[0], quantity: 2 });
  await addToCart(w.buyer, { skuId: skuIds[1], quantity: 3 });
  for (const orderNo of ["A1", "A2"]) await getDb().$transaction((tx) => notifyUsers(tx, [w.buyer.userId], { kind: "ORDER_SHIPPED", params: { orderNo }, link: `/orders/${orderNo}` }));
  latestId = (await getDb().notification.findFirstOrThrow({ where: { userId: w.buyer.userId }, orderBy: { id: "desc" }, select: { id: true } })).id.toString();
});

async function viewer(who: Actor | null, store: string) {
  current.actor = who;
  const res = await GET(new Request(`http://127.0.0.1/api/storefront/viewer?store=${encodeURIComponent(store)}`));
  current.actor = null;
  return { status: res.status, cache: res.headers.get("cache-control"), body: await res.json() };
}

describe("GET /api/storefront/viewer", () => {
  it("answers a buyer their units in that store's cart and their bell, never cached by anyone else", async () => {
    expect(await viewer(w.buyer, w.storeA.id)).toEqual({
      status: 200,
      cache: "private, no-store",
      body: { shopper: "buyer", cartCount: 5, bell: { href: "/me/notifications", unread: 2, latestId } },
    });
  });

  it("answers 0 for another store's cart; a guest gets no bell, staff their own", async () => {
    expect((await viewer(w.buyer, w.storeB.id)).body).toMatchObject({ shopper: "buyer", cartCount: 0 });
    expect((await viewer(null, w.storeA.id)).body).toEqual({ shopper: "guest", cartCount: 0, bell: null });
    expect((await viewer(w.sellerA, w.storeA.id)).body).toEqual({ shopper: "staff", cartCount: 0, bell: { href: "/seller/notifications", unread: 0, latestId: "0" } });
  });

  it("refuses a store that is not an id with a 400, not a database error", async () => {
    for (const store of ["", "a\u0000b", "x'; drop", "A".repeat(41)]) {
      const r = await viewer(w.buyer, store);
      expect(r.status, store).toBe(400);
      expect(r.body.error.code).toBe("VALIDATION");
    }
  });
});
