// POST /api/items/<id>/visit: the live part of the cached item pages (stock, who is looking,
// their cart count and bell) and the view count. Only the session is mocked; stock, carts and views
// are the real rows.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { flushItemViews } from "@/lib/metrics/views";
import { addToCart } from "@/lib/orders/cart";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { authWorld } from "../../support/fixtures";

useTestDatabase();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));

const { POST } = await import("@/app/api/items/[itemId]/visit/route");

let w: Awaited<ReturnType<typeof authWorld>>;
let item: Awaited<ReturnType<typeof createItemWithSkus>>;
let offSale: Awaited<ReturnType<typeof createItemWithSkus>>;
beforeAll(async () => {
  w = await authWorld();
  item = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 7 }, { priceFen: 1200, stock: 0 }] });
  offSale = await createItemWithSkus(w.storeA.id, { status: "OFF_SALE", skus: [{ priceFen: 1000, stock: 3 }] });
  await addToCart(w.buyer, { skuId: item.skuIds[0], quantity: 2 });
});

async function visit(who: Actor | null, itemId: string, ip?: string) {
  current.actor = who;
  const headers = ip ? { "X-Forwarded-For": ip } : undefined;
  const res = await POST(new Request(`http://127.0.0.1/api/items/${encodeURIComponent(itemId)}/visit`, { method: "POST", headers }), { params: Promise.resolve({ itemId }) });
  current.actor = null;
  return { status: res.status, cache: res.headers.get("cache-control"), body: await res.json() };
}

async function storedViews(itemId: string) {
  await flushItemViews();
  const rows = await getDb().itemDailyStat.findMany({ where: { itemId }, select: { views: true } });
  return rows.reduce((n, r) => n + r.views, 0);
}

describe("POST /api/items/<id>/visit", () => {
  it("answers a buyer the live stock by SKU, that they can buy and their cart count, never cached by anyone else", async () => {
    expect(await visit(w.buyer, item.itemId)).toEqual({
      status: 200,
      cache: "private, no-store",
      body: { stock: { [item.skuIds[0]]: 7, [item.skuIds[1]]: 0 }, shopper: "buyer", cartCount: 2, bell: { href: "/me/notifications", unread: 0, latestId: "0" } },
    });
  });

  it("tells a guest and staff apart from a buyer, with no cart", async () => {
    expect((await visit(null, item.itemId)).body).toMatchObject({ shopper: "guest", cartCount: 0, bell: null });
    expect((await visit(w.sellerA, item.itemId)).body).toMatchObject({ shopper: "staff", cartCount: 0 });
  });

  it("reads stock as it is now, not as it was at the last visit", async () => {
    await getDb().sku.update({ where: { id: item.skuIds[0] }, data: { stock: 1 } });
    expect((await visit(null, item.itemId)).body.stock[item.skuIds[0]]).toBe(1);
  });

  it("counts a view for buyers and guests, not for the seller or an admin looking", async () => {
    const fresh = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 1 }] });
    await visit(w.buyer, fresh.itemId);
    await visit(null, fresh.itemId, "203.0.113.7");
    await visit(w.sellerA, fresh.itemId);
    await visit(w.admin, fresh.itemId);
    expect(await storedViews(fresh.itemId)).toBe(2);
  });

  it("counts one view per viewer and item per half hour, however often they post (#23)", async () => {
    const fresh = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 1 }] });
    for (let i = 0; i < 25; i++) await visit(null, fresh.itemId, "198.51.100.9");
    for (let i = 0; i < 5; i++) await visit(w.buyer, fresh.itemId);
    await visit(null, fresh.itemId, "198.51.100.10"); // another guest
    expect(await storedViews(fresh.itemId)).toBe(3);
  });

  it("answers 404 for an item not on sale, unknown or not an id, and counts nothing", async () => {
    for (const id of [offSale.itemId, "nosuchitem0000000000000", "", "a\u0000b", "x'; drop", "A".repeat(41)]) {
      const r = await visit(w.buyer, id);
      expect(r.status, id).toBe(404);
      expect(r.body.error.code).toBe("NOT_FOUND");
    }
    expect(await storedViews(offSale.itemId)).toBe(0);
  });
});
