// Who may call what: every exported catalogue function against the five actors. Only the
// store's own seller gets through; the others learn nothing (NOT_FOUND, never FORBIDDEN),
// and signed-out callers are asked to sign in.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createItem, setItemsStatus, updateItem } from "@/lib/catalog/items";
import { getItemForEdit, getStockLevels, listCategories, listItemOptions, listItems, listStockLedger } from "@/lib/catalog/queries";
import type { ItemInput } from "@/lib/catalog/schemas";
import { adjustStock, setStockLevel } from "@/lib/catalog/stock";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { validItem } from "./support";

useTestDatabase();

let w: Awaited<ReturnType<typeof authWorld>>;
let input: ItemInput;
let itemId: string;
let skuId: string;
beforeAll(async () => {
  w = await authWorld();
  input = await validItem(w.storeA.id, w.sellerA.userId, { specs: [], skus: [{ specKey: "", priceFen: 100, stock: 1000 }] });
  itemId = (await createItem(w.sellerA, w.storeA.id, input)).id;
  skuId = (await getDb().sku.findFirstOrThrow({ where: { itemId }, select: { id: true } })).id;
});

type Call = (a: Actor | null) => Promise<unknown>;
const calls: Record<string, Call> = {
  createItem: (a) => createItem(a, w.storeA.id, input),
  updateItem: async (a) => {
    const { version } = await getDb().item.findUniqueOrThrow({ where: { id: itemId }, select: { version: true } });
    return updateItem(a, itemId, input, version);
  },
  setItemsStatus: (a) => setItemsStatus(a, w.storeA.id, [itemId], "ON_SALE"),
  adjustStock: (a) => adjustStock(a, w.storeA.id, { skuId, delta: 1, note: "x" }),
  setStockLevel: async (a) => {
    const { stock } = await getDb().sku.findUniqueOrThrow({ where: { id: skuId }, select: { stock: true } });
    return setStockLevel(a, w.storeA.id, { skuId, target: stock + 1, expectedCurrent: stock, note: "x" });
  },
  listItems: (a) => listItems(a, w.storeA.id, {}),
  getItemForEdit: (a) => getItemForEdit(a, itemId),
  listStockLedger: (a) => listStockLedger(a, w.storeA.id, {}),
  listItemOptions: (a) => listItemOptions(a, w.storeA.id),
  getStockLevels: (a) => getStockLevels(a, w.storeA.id, { itemId }),
};

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return "OK";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe("catalogue authorisation", () => {
  it.each(Object.keys(calls))("%s: anonymous → UNAUTHENTICATED, buyer / other seller / admin → NOT_FOUND, own seller → ok", async (name) => {
    const call = calls[name];
    const ledgerBefore = await getDb().stockLedgerEntry.count();
    const versionBefore = (await getDb().item.findUniqueOrThrow({ where: { id: itemId }, select: { version: true } })).version;
    expect(await codeOf(call(w.anonymous))).toBe("UNAUTHENTICATED");
    expect(await codeOf(call(w.buyer))).toBe("NOT_FOUND");
    expect(await codeOf(call(w.sellerB))).toBe("NOT_FOUND");
    expect(await codeOf(call(w.admin))).toBe("NOT_FOUND");
    // The refused calls changed nothing.
    expect(await getDb().stockLedgerEntry.count()).toBe(ledgerBefore);
    expect((await getDb().item.findUniqueOrThrow({ where: { id: itemId }, select: { version: true } })).version).toBe(versionBefore);
    expect(await codeOf(call(w.sellerA))).toBe("OK");
  });

  it("an item id of another store is not found, even for a seller with a store", async () => {
    expect(await codeOf(getItemForEdit(w.sellerB, itemId))).toBe("NOT_FOUND");
    expect(await codeOf(updateItem(w.sellerB, "no-such-item", input, 1))).toBe("NOT_FOUND");
  });

  it("listCategories is public reference data", async () => {
    expect((await listCategories()).length).toBeGreaterThan(0);
  });
});
