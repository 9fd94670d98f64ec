import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createItem, updateItem } from "@/lib/catalog/items";
import { getItemForEdit, getStockLevels, listCategories, listItems, listStockLedger } from "@/lib/catalog/queries";
import { adjustStock } from "@/lib/catalog/stock";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { colourSize, rowsFor, validItem } from "./support";

useTestDatabase();

let seller: Actor;
let storeId: string;
let w: Awaited<ReturnType<typeof authWorld>>;
beforeAll(async () => {
  w = await authWorld();
  seller = w.sellerA;
  storeId = w.storeA.id;
});

describe("listCategories", () => {
  it("lists the seeded categories in position order", async () => {
    const cats = await listCategories();
    const positions = await getDb().category.findMany({ select: { id: true, position: true } });
    const byId = new Map(positions.map((p) => [p.id, p.position]));
    expect(cats.length).toBeGreaterThan(3);
    expect(cats.map((c) => byId.get(c.id))).toEqual([...cats.map((c) => byId.get(c.id)!)].sort((a, b) => a - b));
    expect(cats[0]).toEqual({ id: "apparel", nameZh: "服饰内衣", nameEn: "Apparel" });
  });
});

describe("listItems", () => {
  it("pages, filters and searches, with price range, active stock, SKU count and tab counts", async () => {
    const specs = [{ name: "颜色", values: ["红", "蓝", "绿"] }];
    const shirt = await createItem(seller, storeId, await validItem(storeId, seller.userId, { title: "Linen Shirt", specs, skus: rowsFor(specs, { stock: 4, price: (i) => 1000 * (i + 1) }) }));
    // Retire green: its stock no longer counts.
    await updateItem(seller, shirt.id, await validItem(storeId, seller.userId, { title: "Linen Shirt", specs: [{ name: "颜色", values: ["红", "蓝"] }], skus: [{ specKey: "颜色:红", priceFen: 1000 }, { specKey: "颜色:蓝", priceFen: 2000 }] }), 1);
    const mug = await createItem(seller, storeId, await validItem(storeId, seller.userId, { title: "Mug", specs: [], skus: [{ specKey: "", priceFen: 500, stock: 2 }] }), { putOnSale: true });
    for (let i = 0; i < 3; i++) await createItem(seller, storeId, await validItem(storeId, seller.userId, { title: `Filler ${i}` }));
    await createItem(w.sellerB, w.storeB.id, await validItem(w.storeB.id, w.sellerB.userId, { title: "Linen Shirt" }));

    const all = await listItems(seller, storeId, { page: 1, pageSize: 2 });
    expect(all.total).toBe(5);
    expect(all.pageCount).toBe(3);
    expect(all.rows).toHaveLength(2);
    expect(all.counts).toEqual({ ALL: 5, DRAFT: 4, ON_SALE: 1, OFF_SALE: 0 });

    const found = await listItems(seller, storeId, { q: "linen" });
    expect(found.rows).toEqual([
      expect.objectContaining({ id: shirt.id, title: "Linen Shirt", status: "DRAFT", priceMinFen: 1000, priceMaxFen: 2000, stock: 8, skuCount: 2 }),
    ]);
    expect(found.rows[0].mainImageId).toBeTruthy();

    const onSale = await listItems(seller, storeId, { status: "ON_SALE" });
    expect(onSale.rows.map((r) => r.id)).toEqual([mug.id]);
    expect(onSale.rows[0]).toMatchObject({ stock: 2, skuCount: 1, priceMinFen: 500, priceMaxFen: 500 });

    const last = await listItems(seller, storeId, { page: 3, pageSize: 2 });
    expect(last.rows).toHaveLength(1);
  });
});

describe("getItemForEdit", () => {
  it("returns everything the editor needs, SKUs active first in matrix order", async () => {
    const input = await validItem(storeId, seller.userId);
    const item = await createItem(seller, storeId, input);
    await updateItem(seller, item.id, { ...input, specs: [{ name: "颜色", values: ["蓝", "红"] }, colourSize[1]], skus: rowsFor([{ name: "颜色", values: ["蓝", "红"] }, colourSize[1]]) }, 1);
    const e = await getItemForEdit(seller, item.id);
    expect(e).toMatchObject({ id: item.id, storeId, storeStatus: "APPROVED", title: input.title, categoryId: "apparel", mainImageId: input.mainImageId, galleryImageIds: input.galleryImageIds, version: 2, status: "DRAFT" });
    expect(e.description).toEqual(input.description);
    expect(e.skus.map((s) => s.specKey)).toEqual(["颜色:蓝;尺码:M", "颜色:蓝;尺码:L", "颜色:红;尺码:M", "颜色:红;尺码:L"]);
  });
});

describe("stock reads", () => {
  it("lists the ledger newest first with item, spec, who and why, filtered and paged", async () => {
    const input = await validItem(storeId, seller.userId, { title: "Ledger item", specs: [{ name: "尺码", values: ["S", "M"] }], skus: rowsFor([{ name: "尺码", values: ["S", "M"] }], { stock: 3 }) });
    const item = await createItem(seller, storeId, input);
    const [s] = (await getStockLevels(seller, storeId, { itemId: item.id }))!.skus;
    await adjustStock(seller, storeId, { skuId: s.id, delta: 2, note: "到货" });
    const page = await listStockLedger(seller, storeId, { skuId: s.id });
    expect(page.total).toBe(2);
    expect(page.rows[0]).toMatchObject({ delta: 2, resultingStock: 5, reason: "MANUAL_ADJUSTMENT", note: "到货", actorName: seller.name, itemTitle: "Ledger item", specKey: "尺码:S", skuId: s.id });
    expect(page.rows[1]).toMatchObject({ delta: 3, reason: "INITIAL" });
    expect(typeof page.rows[0].id).toBe("string");
    expect((await listStockLedger(seller, storeId, { itemId: item.id })).total).toBe(3);
    expect((await listStockLedger(seller, storeId, { itemId: item.id, reason: "INITIAL" })).total).toBe(2);
    expect((await listStockLedger(seller, storeId, { itemId: item.id, pageSize: 1, page: 2 })).rows).toHaveLength(1);
  });

  it("finds a SKU's item for the stock page, and nothing across stores", async () => {
    const item = await createItem(seller, storeId, await validItem(storeId, seller.userId));
    const sku = await getDb().sku.findFirstOrThrow({ where: { itemId: item.id }, select: { id: true } });
    expect((await getStockLevels(seller, storeId, { skuId: sku.id }))?.id).toBe(item.id);
    expect(await getStockLevels(w.sellerB, w.storeB.id, { skuId: sku.id })).toBeNull();
  });
});
