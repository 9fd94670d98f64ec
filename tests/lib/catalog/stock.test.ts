import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createItem } from "@/lib/catalog/items";
import { adjustStock, applyStockChange, setStockLevel } from "@/lib/catalog/stock";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { failure, ledgerFor, validItem } from "./support";

useTestDatabase();

let w: Awaited<ReturnType<typeof authWorld>>;
let seller: Actor;
let storeId: string;
beforeAll(async () => {
  w = await authWorld();
  seller = w.sellerA;
  storeId = w.storeA.id;
});

/** A one-SKU item with `stock` units; returns the SKU id. */
async function skuWithStock(stock: number, owner: { actor: Actor; storeId: string } = { actor: seller, storeId }) {
  const input = await validItem(owner.storeId, owner.actor.userId, { specs: [], skus: [{ specKey: "", priceFen: 990, stock }] });
  const item = await createItem(owner.actor, owner.storeId, input);
  return (await getDb().sku.findFirstOrThrow({ where: { itemId: item.id }, select: { id: true } })).id;
}

const stockOf = async (skuId: string) => (await getDb().sku.findUniqueOrThrow({ where: { id: skuId }, select: { stock: true } })).stock;
const change = (skuId: string, delta: number, extra: { orderId?: string } = {}) =>
  getDb().$transaction((tx) => applyStockChange(tx, { storeId, skuId, delta, reason: delta < 0 ? "ORDER_RESERVED" : "ORDER_RELEASED", ...extra }));

describe("applyStockChange", () => {
  it("changes stock and appends one ledger entry with the level it produced", async () => {
    const skuId = await skuWithStock(10);
    expect(await change(skuId, -3, { orderId: "order-1" })).toBe(7);
    expect(await change(skuId, 2, { orderId: "order-1" })).toBe(9);
    expect(await stockOf(skuId)).toBe(9);
    expect(await ledgerFor(skuId)).toEqual([
      { delta: 10, resultingStock: 10, reason: "INITIAL", actorId: seller.userId, note: null, orderId: null },
      { delta: -3, resultingStock: 7, reason: "ORDER_RESERVED", actorId: null, note: null, orderId: "order-1" },
      { delta: 2, resultingStock: 9, reason: "ORDER_RELEASED", actorId: null, note: null, orderId: "order-1" },
    ]);
  });

  it("refuses to go below zero with INSUFFICIENT_STOCK and what is available, changing nothing", async () => {
    const skuId = await skuWithStock(3);
    const e = await failure(change(skuId, -4));
    expect(e.code).toBe("INSUFFICIENT_STOCK");
    expect(e.details).toEqual({ skuId, available: 3 });
    expect(await stockOf(skuId)).toBe(3);
    expect(await ledgerFor(skuId)).toHaveLength(1);
    // Exactly down to zero is fine.
    expect(await change(skuId, -3)).toBe(0);
  });

  it("treats another store's SKU as not found", async () => {
    const foreign = await skuWithStock(5, { actor: w.sellerB, storeId: w.storeB.id });
    const e = await failure(change(foreign, -1));
    expect(e.code).toBe("NOT_FOUND");
    expect(await stockOf(foreign)).toBe(5);
  });

  it("rejects a zero or fractional delta", async () => {
    const skuId = await skuWithStock(5);
    expect((await failure(change(skuId, 0))).code).toBe("VALIDATION");
    expect((await failure(change(skuId, 0.5))).code).toBe("VALIDATION");
    expect(await ledgerFor(skuId)).toHaveLength(1);
  });

  it("is undone with the caller's transaction", async () => {
    const skuId = await skuWithStock(5);
    await expect(
      getDb().$transaction(async (tx) => {
        await applyStockChange(tx, { storeId, skuId, delta: -2, reason: "ORDER_RESERVED" });
        throw new Error("checkout failed later");
      }),
    ).rejects.toThrow("checkout failed later");
    expect(await stockOf(skuId)).toBe(5);
    expect(await ledgerFor(skuId)).toHaveLength(1);
  });

  it("never oversells: 50 concurrent −1 changes on stock 20 give 20 successes, 30 refusals and stock 0", async () => {
    // Each change in its own transaction, all at once: the guarded UPDATE is what must hold.
    const skuId = await skuWithStock(20);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => change(skuId, -1)));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(20);
    expect(refused).toHaveLength(30);
    expect(refused.every((r) => r.reason.code === "INSUFFICIENT_STOCK")).toBe(true);
    expect(await stockOf(skuId)).toBe(0);
    const ledger = await ledgerFor(skuId);
    expect(ledger).toHaveLength(21);
    expect(ledger.reduce((sum, e) => sum + e.delta, 0)).toBe(0);
    // Every success saw a distinct level: 19, 18, …, 0.
    expect(ledger.slice(1).map((e) => e.resultingStock).sort((a, b) => b - a)).toEqual(Array.from({ length: 20 }, (_, i) => 19 - i));
  });
});

describe("adjustStock", () => {
  it("records a manual adjustment with who and why", async () => {
    const skuId = await skuWithStock(4);
    expect(await adjustStock(seller, storeId, { skuId, delta: 6, note: "到货" })).toEqual({ stock: 10 });
    expect(await adjustStock(seller, storeId, { skuId, delta: -1, note: "破损" })).toEqual({ stock: 9 });
    expect((await ledgerFor(skuId)).slice(1)).toEqual([
      { delta: 6, resultingStock: 10, reason: "MANUAL_ADJUSTMENT", actorId: seller.userId, note: "到货", orderId: null },
      { delta: -1, resultingStock: 9, reason: "MANUAL_ADJUSTMENT", actorId: seller.userId, note: "破损", orderId: null },
    ]);
  });

  it("needs a note and a non-zero whole delta", async () => {
    const skuId = await skuWithStock(4);
    expect((await failure(adjustStock(seller, storeId, { skuId, delta: 1, note: "  " }))).fieldErrors?.note).toEqual(["stockNoteRequired"]);
    expect((await failure(adjustStock(seller, storeId, { skuId, delta: 0, note: "x" }))).fieldErrors?.delta).toEqual(["deltaZero"]);
    expect((await failure(adjustStock(seller, storeId, { skuId, delta: 1.5, note: "x" }))).fieldErrors?.delta).toEqual(["deltaInvalid"]);
    expect(await ledgerFor(skuId)).toHaveLength(1);
  });

  it("refuses to go below zero, pointing at the quantity", async () => {
    const skuId = await skuWithStock(2);
    const e = await failure(adjustStock(seller, storeId, { skuId, delta: -3, note: "盘点" }));
    expect(e.code).toBe("INSUFFICIENT_STOCK");
    expect(e.fieldErrors?.delta).toEqual(["stockBelowZero"]);
    expect(e.details).toEqual({ skuId, available: 2 });
    expect(await stockOf(skuId)).toBe(2);
  });

  it("refuses more stock than a SKU can hold", async () => {
    const skuId = await skuWithStock(99_999_999);
    expect((await failure(adjustStock(seller, storeId, { skuId, delta: 1, note: "x" }))).fieldErrors?.delta).toEqual(["stockTooLarge"]);
  });
});

describe("setStockLevel", () => {
  it("sets the level as a difference from what the seller saw", async () => {
    const skuId = await skuWithStock(8);
    expect(await setStockLevel(seller, storeId, { skuId, target: 3, expectedCurrent: 8, note: "盘点" })).toEqual({ stock: 3, changed: true });
    expect((await ledgerFor(skuId)).at(-1)).toMatchObject({ delta: -5, resultingStock: 3, reason: "MANUAL_ADJUSTMENT", note: "盘点" });
    // Setting it to what it already is writes nothing.
    expect(await setStockLevel(seller, storeId, { skuId, target: 3, expectedCurrent: 3, note: "盘点" })).toEqual({ stock: 3, changed: false });
    expect(await ledgerFor(skuId)).toHaveLength(2);
  });

  it("refuses (STALE) when stock moved since the seller looked, up or down, and changes nothing", async () => {
    const skuId = await skuWithStock(8);
    await change(skuId, -1); // an order came in: 7
    for (const target of [20, 0, 8]) {
      const e = await failure(setStockLevel(seller, storeId, { skuId, target, expectedCurrent: 8, note: "盘点" }));
      expect(e.code).toBe("STALE");
    }
    await change(skuId, -7); // 0: going to 0 from "8" would need −8, more than there is
    expect((await failure(setStockLevel(seller, storeId, { skuId, target: 0, expectedCurrent: 8, note: "x" }))).code).toBe("STALE");
    expect(await stockOf(skuId)).toBe(0);
    expect(await ledgerFor(skuId)).toHaveLength(3);
  });

  it("validates its input", async () => {
    const skuId = await skuWithStock(1);
    const e = await failure(setStockLevel(seller, storeId, { skuId, target: -1, expectedCurrent: 1, note: "" }));
    expect(e.fieldErrors).toMatchObject({ target: ["stockInvalid"], note: ["stockNoteRequired"] });
  });
});
