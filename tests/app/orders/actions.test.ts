// The order UI's server actions, wired to the real domain and database: who may call each
// (anonymous, a buyer, another buyer, the store's seller, another store's seller, an admin),
// and what a form gets back (translated errors, typed values kept, redirects). Only the
// session is mocked: getActor() answers whoever the test says is signed in.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { messagesFor } from "@/lib/i18n/messages";
import { placeOrder } from "@/lib/orders/checkout";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { actorFor, authWorld, createUser } from "../../support/fixtures";

useTestDatabase();

const current = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock(import("@/lib/auth/session"), async (original) => ({ ...(await original()), getActor: async () => current.actor }));

const { addToCartAction, removeFromCartAction, setCartQuantityAction } = await import("@/lib/orders/actions/cart");
const { placeOrderAction } = await import("@/lib/orders/actions/checkout");
const { cancelOrderAction, confirmReceiptAction } = await import("@/lib/orders/actions/buyer-orders");
const { deleteAddressAction, saveAddressAction, setDefaultAddressAction } = await import("@/lib/orders/actions/addresses");
const { closeOrderAction, shipOrderAction } = await import("@/lib/orders/actions/seller-orders");

// Outside a request the actions answer in the default locale.
const zh = messagesFor("zh-CN").errors as { fields: Record<string, string>; messages: Record<string, string>; codes: Record<string, string> };
const address = { recipient: "王小明", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号" };

type Who = "anonymous" | "buyer" | "buyer2" | "sellerA" | "sellerB" | "admin";
let w: Awaited<ReturnType<typeof authWorld>> & { buyer2: Actor };
const actorOf = (who: Who): Actor | null => (who === "anonymous" ? null : w[who]);

/** Runs `call` as `who` and returns its result (or the redirect it threw, as { redirect: url }). */
async function as<T>(who: Who, call: () => Promise<T>): Promise<T | { redirect: string }> {
  current.actor = actorOf(who);
  try {
    return await call();
  } catch (e) {
    const digest = String((e as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw e;
  } finally {
    current.actor = null;
  }
}

function codeOf(r: unknown): string {
  const result = r as { ok?: boolean; code?: string; redirect?: string };
  if (result.redirect) return "redirect";
  return result.ok ? "ok" : String(result.code);
}

/** Everyone but `allowed` is turned away: anonymous must sign in, the rest see nothing (404). */
async function expectOnly(allowed: Who[], call: () => Promise<unknown>, others: Who[] = ["anonymous", "buyer", "buyer2", "sellerA", "sellerB", "admin"]) {
  for (const who of others.filter((o) => !allowed.includes(o))) {
    expect(codeOf(await as(who, call)), `${who} must be refused`).toBe(who === "anonymous" ? "UNAUTHENTICATED" : "NOT_FOUND");
  }
}

function form(fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return fd;
}

let sku: string;
beforeAll(async () => {
  const world = await authWorld();
  w = { ...world, buyer2: await actorFor((await createUser("BUYER")).id) };
  ({ skuIds: [sku] } = await createItemWithSkus(w.storeA.id, { title: "龙井", skus: [{ priceFen: 1000, stock: 40 }] }));
});

async function newOrder(buyer: Actor = w.buyer, status?: "PAID" | "SHIPPED") {
  const o = await placeOrder(buyer, { storeId: w.storeA.id, lines: [{ skuId: sku, quantity: 1 }], address, idempotencyKey: crypto.randomUUID() });
  if (status) await getDb().order.update({ where: { id: o.id }, data: { status, ...(status === "SHIPPED" ? { carrier: "SF", trackingNo: "SF00000001", shippedAt: new Date() } : { paidAt: new Date() }) } });
  return o.id;
}
const statusOf = async (id: string) => (await getDb().order.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

describe("cart actions", () => {
  it("add to cart: buyers only; answers the new cart count", async () => {
    await expectOnly(["buyer", "buyer2"], () => addToCartAction({ skuId: sku, quantity: 2 }));
    const r = await as("buyer", () => addToCartAction({ skuId: sku, quantity: 2 }));
    expect(r).toEqual({ ok: true, data: { quantity: 2, count: 2 } });
    // A bad quantity comes back as a translated field error.
    const bad = await as("buyer", () => addToCartAction({ skuId: sku, quantity: 0 }));
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { quantity: [zh.fields.quantityInvalid] } });
  });

  it("set quantity and remove: the buyer's own cart only", async () => {
    await expectOnly(["buyer"], () => setCartQuantityAction({ storeId: w.storeA.id, skuId: sku, quantity: 3 }));
    expect(await as("buyer", () => setCartQuantityAction({ storeId: w.storeA.id, skuId: sku, quantity: 3 }))).toEqual({ ok: true, data: null });
    expect((await getDb().cartLine.findFirstOrThrow({ where: { skuId: sku, cart: { buyerId: w.buyer.userId } } })).quantity).toBe(3);
    // Removing is a no-op for others (their cart has no such line), refused for non-buyers.
    await expectOnly(["buyer", "buyer2"], () => removeFromCartAction({ storeId: w.storeA.id, skuId: sku }));
    expect(await as("buyer", () => removeFromCartAction({ storeId: w.storeA.id, skuId: sku }))).toEqual({ ok: true, data: null });
    expect(await getDb().cartLine.count({ where: { skuId: sku, cart: { buyerId: w.buyer.userId } } })).toBe(0);
  });
});

describe("placeOrderAction", () => {
  const base = () => ({ storeId: w.storeA.id, "lineSku[]": [sku], "lineQty[]": ["2"], addressId: "new", ...address, saveAddress: "on", note: "放门卫", idempotencyKey: crypto.randomUUID() });

  it("is for buyers only", async () => {
    const fields = base();
    await expectOnly(["buyer", "buyer2"], () => placeOrderAction(null, form(fields)));
    expect(await getDb().order.count({ where: { idempotencyKey: fields.idempotencyKey } })).toBe(0);
  });

  it("places one order for a double submit, goes on to paying, and saves the new address once", async () => {
    // A fresh buyer (acting as "buyer2") so counts of orders and addresses start at zero.
    const buyer = await actorFor((await createUser("BUYER")).id);
    w.buyer2 = buyer;
    const fields = base();
    const [a, b] = await Promise.all([as("buyer2", () => placeOrderAction(null, form(fields))), as("buyer2", () => placeOrderAction(null, form(fields)))]);
    const orders = await getDb().order.findMany({ where: { buyerId: buyer.userId, idempotencyKey: fields.idempotencyKey }, select: { id: true, totalFen: true, buyerNote: true } });
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ totalFen: 2000, buyerNote: "放门卫" });
    expect(a).toEqual({ redirect: `/orders/${orders[0].id}/pay` });
    expect(b).toEqual(a);
    expect(await getDb().address.count({ where: { userId: buyer.userId } })).toBe(1);
    // The same address typed again later is not saved a second time.
    await as("buyer2", () => placeOrderAction(null, form(base())));
    expect(await getDb().address.count({ where: { userId: buyer.userId } })).toBe(1);
  });

  it("answers sold out with the translated message on the page and keeps what was typed", async () => {
    const fields = { ...base(), "lineQty[]": ["999"], recipient: "李雷" };
    const r = await as("buyer", () => placeOrderAction(null, form(fields)));
    const left = (await getDb().sku.findUniqueOrThrow({ where: { id: sku } })).stock;
    expect(r).toMatchObject({ ok: false, code: "SOLD_OUT", error: `“龙井”仅剩 ${left} 件，请减少数量后重试。` });
    expect((r as { values: Record<string, string> }).values).toMatchObject({ recipient: "李雷", note: "放门卫", addressId: "new" });
  });

  it("reports address problems against their fields", async () => {
    const r = await as("buyer", () => placeOrderAction(null, form({ ...base(), phone: "12345" })));
    expect(r).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { phone: [zh.fields.mobileFormat] } });
    // Another buyer's saved address is not one of yours.
    const theirs = await getDb().address.create({ data: { ...address, userId: w.sellerA.userId }, select: { id: true } });
    const r2 = await as("buyer", () => placeOrderAction(null, form({ ...base(), addressId: theirs.id })));
    expect(r2).toMatchObject({ ok: false, code: "NOT_FOUND", fieldErrors: { addressId: [zh.fields.addressUnknown] } });
  });
});

describe("buyer order actions", () => {
  it("cancel: only the order's buyer; a second cancel says why it can't", async () => {
    const id = await newOrder();
    await expectOnly(["buyer"], () => cancelOrderAction({ orderId: id }));
    expect(await statusOf(id)).toBe("PENDING_PAYMENT");
    expect(await as("buyer", () => cancelOrderAction({ orderId: id }))).toEqual({ ok: true, data: null });
    expect(await statusOf(id)).toBe("CANCELLED");
    expect(await as("buyer", () => cancelOrderAction({ orderId: id }))).toMatchObject({ ok: false, code: "INVALID_STATE", error: zh.messages.orderCannotCANCEL });
  });

  it("confirm receipt: only the order's buyer, only once shipped", async () => {
    const unshipped = await newOrder(w.buyer, "PAID");
    expect(await as("buyer", () => confirmReceiptAction({ orderId: unshipped }))).toMatchObject({ ok: false, code: "INVALID_STATE", error: zh.messages.orderCannotCONFIRM });
    const id = await newOrder(w.buyer, "SHIPPED");
    await expectOnly(["buyer"], () => confirmReceiptAction({ orderId: id }));
    expect(await as("buyer", () => confirmReceiptAction({ orderId: id }))).toEqual({ ok: true, data: null });
    expect(await statusOf(id)).toBe("COMPLETED");
  });
});

describe("address book actions", () => {
  it("save, set default, delete: the buyer's own addresses only", async () => {
    // A fresh buyer (acting as "buyer2") with an empty address book.
    const owner = await actorFor((await createUser("BUYER")).id);
    w.buyer2 = owner;
    await expectOnly(["buyer", "buyer2"], () => saveAddressAction(null, form(address)));
    const first = await as("buyer2", () => saveAddressAction(null, form(address)));
    const second = await as("buyer2", () => saveAddressAction(null, form({ ...address, recipient: "李雷" })));
    const [a, b] = [first, second].map((r) => (r as { ok: true; data: { id: string } }).data.id);
    const rows = () => getDb().address.findMany({ where: { userId: owner.userId }, select: { id: true, isDefault: true, recipient: true } });
    // The first address is the default.
    expect((await rows()).find((r) => r.id === a)?.isDefault).toBe(true);

    // Others cannot edit, default or delete it.
    await expectOnly(["buyer2"], () => saveAddressAction(null, form({ ...address, id: b, recipient: "韩梅梅" })));
    await expectOnly(["buyer2"], () => setDefaultAddressAction({ id: b }));
    await expectOnly(["buyer2"], () => deleteAddressAction({ id: b }));

    expect(await as("buyer2", () => saveAddressAction(null, form({ ...address, id: b, recipient: "韩梅梅" })))).toMatchObject({ ok: true });
    expect(await as("buyer2", () => setDefaultAddressAction({ id: b }))).toEqual({ ok: true, data: null });
    expect(await rows()).toEqual(expect.arrayContaining([{ id: a, isDefault: false, recipient: "王小明" }, { id: b, isDefault: true, recipient: "韩梅梅" }]));
    expect(await as("buyer2", () => deleteAddressAction({ id: a }))).toEqual({ ok: true, data: null });
    expect((await rows()).map((r) => r.id)).toEqual([b]);

    const bad = await as("buyer2", () => saveAddressAction(null, form({ ...address, phone: "1380013800" })));
    expect(bad).toMatchObject({ ok: false, fieldErrors: { phone: [zh.fields.mobileFormat] }, values: { phone: "1380013800", recipient: "王小明" } });
    // Postgres cannot store a NUL character: a clear field error, not a crash, and the typing kept.
    const nul = await as("buyer2", () => saveAddressAction(null, form({ ...address, detail: "文三路\u0000100 号" })));
    expect(nul).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { detail: [zh.fields.invalidCharacters] }, values: { detail: "文三路\u0000100 号" } });
    // Half a surrogate pair is no character either: a form cannot carry one (FormData makes it
    // U+FFFD), but an action's JSON arguments can.
    const lone = await as("buyer2", () => setDefaultAddressAction({ id: "a\ud800" }));
    expect(lone).toMatchObject({ ok: false, code: "VALIDATION" });
  });
});

describe("seller order actions", () => {
  it("ship: only the store's seller; field errors translated, typed values kept", async () => {
    const id = await newOrder(w.buyer, "PAID");
    const fields = { storeId: w.storeA.id, orderId: id, carrier: "SF", trackingNo: "sf1234567890" };
    await expectOnly(["sellerA"], () => shipOrderAction(null, form(fields)));
    // sellerB naming its own store still cannot reach store A's order.
    expect(codeOf(await as("sellerB", () => shipOrderAction(null, form({ ...fields, storeId: w.storeB.id }))))).toBe("NOT_FOUND");
    const bad = await as("sellerA", () => shipOrderAction(null, form({ ...fields, carrier: "", trackingNo: "12-34" })));
    expect(bad).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: { carrier: [zh.fields.carrierRequired], trackingNo: [zh.fields.trackingFormat] }, values: { trackingNo: "12-34" } });
    expect(await as("sellerA", () => shipOrderAction(null, form(fields)))).toMatchObject({ ok: true });
    const row = await getDb().order.findUniqueOrThrow({ where: { id }, select: { status: true, carrier: true, trackingNo: true } });
    expect(row).toEqual({ status: "SHIPPED", carrier: "SF", trackingNo: "SF1234567890" });
    expect(await as("sellerA", () => shipOrderAction(null, form(fields)))).toMatchObject({ ok: false, code: "INVALID_STATE", error: zh.messages.orderCannotSHIP });
  });

  it("close: only the store's seller, only unpaid orders", async () => {
    const id = await newOrder();
    await expectOnly(["sellerA"], () => closeOrderAction({ storeId: w.storeA.id, orderId: id }));
    expect(codeOf(await as("sellerB", () => closeOrderAction({ storeId: w.storeB.id, orderId: id })))).toBe("NOT_FOUND");
    expect(await statusOf(id)).toBe("PENDING_PAYMENT");
    expect(await as("sellerA", () => closeOrderAction({ storeId: w.storeA.id, orderId: id }))).toEqual({ ok: true, data: null });
    expect(await statusOf(id)).toBe("CANCELLED");
    const paid = await newOrder(w.buyer, "PAID");
    expect(await as("sellerA", () => closeOrderAction({ storeId: w.storeA.id, orderId: paid }))).toMatchObject({ ok: false, code: "INVALID_STATE", error: zh.messages.orderCannotCANCEL });
  });
});
