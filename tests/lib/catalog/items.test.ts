import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createItem, updateItem } from "@/lib/catalog/items";
import type { ItemInput } from "@/lib/catalog/schemas";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createImageRow, createStore } from "../../support/fixtures";
import { colourSize, failure, ledgerFor, rowsFor, skusOf, validItem } from "./support";

useTestDatabase();

let w: Awaited<ReturnType<typeof authWorld>>;
let seller: Actor;
let storeId: string;
beforeAll(async () => {
  w = await authWorld();
  seller = w.sellerA;
  storeId = w.storeA.id;
});

async function counts() {
  const db = getDb();
  const [items, skus, ledger, images] = await Promise.all([db.item.count(), db.sku.count(), db.stockLedgerEntry.count(), db.itemImage.count()]);
  return { items, skus, ledger, images };
}

describe("createItem", () => {
  it("saves a draft with its gallery in order, one SKU per combination and INITIAL stock in the ledger", async () => {
    const input = await validItem(storeId, seller.userId, { buyLimit: 3, postageMode: "PER_ITEM", postageFen: 800, postageExtraFen: 200 });
    input.skus = rowsFor(colourSize, { stock: 7, price: (i) => [1990, 2990, 1590, 2590][i] });
    input.skus[0].originalPriceFen = 3990;
    input.skus[1].code = "TS-RED-L";
    const saved = await createItem(seller, storeId, input);
    expect(saved).toMatchObject({ version: 1, status: "DRAFT" });

    const item = await getDb().item.findUniqueOrThrow({
      where: { id: saved.id },
      select: { storeId: true, title: true, status: true, priceMinFen: true, priceMaxFen: true, buyLimit: true, postageMode: true, postageFen: true, postageExtraFen: true, description: true, mainImageId: true, gallery: { orderBy: { position: "asc" }, select: { imageId: true } } },
    });
    expect(item).toMatchObject({ storeId, title: "纯棉T恤", status: "DRAFT", priceMinFen: 1590, priceMaxFen: 2990, buyLimit: 3, postageMode: "PER_ITEM", postageFen: 800, postageExtraFen: 200, mainImageId: input.mainImageId });
    expect(item.gallery.map((g) => g.imageId)).toEqual(input.galleryImageIds);
    expect(item.description).toEqual(input.description);

    const skus = await skusOf(saved.id);
    expect(skus.map((s) => s.specKey).sort()).toEqual(["颜色:红;尺码:L", "颜色:红;尺码:M", "颜色:蓝;尺码:L", "颜色:蓝;尺码:M"]);
    expect(skus.every((s) => s.stock === 7 && s.active)).toBe(true);
    expect(skus.find((s) => s.specKey === "颜色:红;尺码:M")).toMatchObject({ priceFen: 1990, originalPriceFen: 3990 });
    expect(skus.find((s) => s.specKey === "颜色:红;尺码:L")?.code).toBe("TS-RED-L");
    for (const s of skus) expect(await ledgerFor(s.id)).toEqual([{ delta: 7, resultingStock: 7, reason: "INITIAL", actorId: seller.userId, note: null, orderId: null }]);
  });

  it("gives an item without specs a single SKU keyed ''", async () => {
    const input = await validItem(storeId, seller.userId, { specs: [], skus: [{ specKey: "", priceFen: 500, stock: 0 }] });
    const saved = await createItem(seller, storeId, input);
    const skus = await skusOf(saved.id);
    expect(skus).toMatchObject([{ specKey: "", stock: 0, priceFen: 500 }]);
    // No stock, no ledger noise.
    expect(await ledgerFor(skus[0].id)).toEqual([]);
  });

  it("stores nothing a postage mode does not use", async () => {
    const input = await validItem(storeId, seller.userId, { postageMode: "FLAT", postageFen: 600, postageExtraFen: 300 });
    const flat = await createItem(seller, storeId, input);
    const free = await createItem(seller, storeId, { ...input, postageMode: "FREE" });
    const rows = await getDb().item.findMany({ where: { id: { in: [flat.id, free.id] } }, select: { id: true, postageFen: true, postageExtraFen: true } });
    expect(rows.find((r) => r.id === flat.id)).toMatchObject({ postageFen: 600, postageExtraFen: 0 });
    expect(rows.find((r) => r.id === free.id)).toMatchObject({ postageFen: 0, postageExtraFen: 0 });
  });

  // Each rule: how to break a valid input, and the field error it must produce.
  const rules: [string, (i: ItemInput) => void, string, string][] = [
    ["empty title", (i) => (i.title = "  "), "title", "required"],
    ["title over 60", (i) => (i.title = "长".repeat(61)), "title", "tooLong"],
    ["text block over 2000", (i) => (i.description = [{ type: "text", text: "x".repeat(2001) }]), "description.0.text", "tooLong"],
    ["empty text block", (i) => (i.description = [{ type: "text", text: " " }]), "description.0.text", "descriptionTextEmpty"],
    ["over 50 blocks", (i) => (i.description = Array.from({ length: 51 }, () => ({ type: "text" as const, text: "a" }))), "description", "descriptionTooManyBlocks"],
    ["no category", (i) => (i.categoryId = ""), "categoryId", "categoryRequired"],
    ["unknown category", (i) => (i.categoryId = "no-such-category"), "categoryId", "categoryUnknown"],
    ["10 gallery images", (i) => (i.galleryImageIds = Array.from({ length: 10 }, (_, n) => `img${n}`)), "galleryImageIds", "galleryTooMany"],
    ["gallery image twice", (i) => (i.galleryImageIds = [i.galleryImageIds![0], i.galleryImageIds![0]]), "galleryImageIds", "galleryDuplicate"],
    ["bad dimension name", (i) => (i.specs = [{ name: "颜:色", values: ["红"] }]), "specs.0.name", "specChars"],
    ["dimension without values", (i) => (i.specs = [{ name: "颜色", values: [] }]), "specs.0.values", "specNoValues"],
    ["four dimensions", (i) => (i.specs = ["a", "b", "c", "d"].map((name) => ({ name, values: ["x"] }))), "specs", "specTooManyDimensions"],
    ["a combination without a row", (i) => (i.skus = i.skus.slice(1)), "skus", "skuMissing"],
    ["a row for no combination", (i) => i.skus.push({ specKey: "颜色:绿;尺码:M", priceFen: 100 }), "skus", "skuExtra"],
    ["a combination twice", (i) => i.skus.push({ ...i.skus[0] }), "skus", "skuDuplicate"],
    ["price zero", (i) => (i.skus[0].priceFen = 0), "skus.0.priceFen", "priceInvalid"],
    ["price with a fraction of a fen", (i) => (i.skus[2].priceFen = 10.5), "skus.2.priceFen", "priceInvalid"],
    ["price over a million yuan", (i) => (i.skus[0].priceFen = 100_000_001), "skus.0.priceFen", "priceTooHigh"],
    ["original below price", (i) => (i.skus[1].originalPriceFen = i.skus[1].priceFen - 1), "skus.1.originalPriceFen", "originalBelowPrice"],
    ["negative stock", (i) => (i.skus[0].stock = -1), "skus.0.stock", "stockInvalid"],
    ["fractional stock", (i) => (i.skus[0].stock = 1.5), "skus.0.stock", "stockInvalid"],
    ["SKU code over 40", (i) => (i.skus[0].code = "C".repeat(41)), "skus.0.code", "tooLong"],
    ["SKU code twice (any case)", (i) => ((i.skus[0].code = "abc"), (i.skus[3].code = "ABC")), "skus.3.code", "skuCodeDuplicate"],
    ["buy limit 0", (i) => (i.buyLimit = 0), "buyLimit", "buyLimitInvalid"],
    ["buy limit 10000", (i) => (i.buyLimit = 10000), "buyLimit", "buyLimitInvalid"],
    ["negative postage", (i) => ((i.postageMode = "FLAT"), (i.postageFen = -1)), "postageFen", "postageInvalid"],
    ["unknown postage mode", (i) => (i.postageMode = "BY_WEIGHT" as never), "postageMode", "invalid"],
  ];

  it.each(rules)("refuses %s with a field error and saves nothing", async (_name, breakIt, path, key) => {
    const input = await validItem(storeId, seller.userId);
    breakIt(input);
    const before = await counts();
    const e = await failure(createItem(seller, storeId, input));
    expect(e.code).toBe("VALIDATION");
    expect(e.fieldErrors?.[path]).toContain(key);
    expect(await counts()).toEqual(before);
  });

  it("refuses images of another store, wherever they are used, and saves nothing", async () => {
    const foreign = await createImageRow({ uploaderId: w.sellerB.userId, storeId: w.storeB.id });
    const cases: [keyof ItemInput, (i: ItemInput) => void][] = [
      ["mainImageId", (i) => (i.mainImageId = foreign.id)],
      ["galleryImageIds", (i) => (i.galleryImageIds = [foreign.id])],
      ["description", (i) => (i.description = [{ type: "image", imageId: foreign.id }])],
    ];
    for (const [field, breakIt] of cases) {
      const input = await validItem(storeId, seller.userId);
      breakIt(input);
      const before = await counts();
      const e = await failure(createItem(seller, storeId, input));
      expect(e.fieldErrors?.[field]).toEqual(["imageUnknown"]);
      expect(await counts()).toEqual(before);
    }
  });

  it("takes the seller's own unattached uploads into the store", async () => {
    const own = await createImageRow({ uploaderId: seller.userId, storeId: null });
    const saved = await createItem(seller, storeId, await validItem(storeId, seller.userId, { mainImageId: own.id }));
    expect(await getDb().image.findUniqueOrThrow({ where: { id: own.id }, select: { storeId: true } })).toEqual({ storeId });
    expect(saved.id).toBeTruthy();
  });

  it("refuses a store whose application is still pending", async () => {
    const pending = await createStore({ ownerId: seller.userId, status: "PENDING" });
    const me = await actorFor(seller.userId);
    const e = await failure(createItem(me, pending.id, await validItem(pending.id, seller.userId)));
    expect(e.code).toBe("INVALID_STATE");
  });

  it("lets a suspended store keep drafting but not put on sale", async () => {
    const suspended = await createStore({ ownerId: seller.userId, status: "SUSPENDED" });
    const me = await actorFor(seller.userId);
    const draft = await createItem(me, suspended.id, await validItem(suspended.id, seller.userId));
    expect(draft.status).toBe("DRAFT");
    const before = await counts();
    const e = await failure(createItem(me, suspended.id, await validItem(suspended.id, seller.userId), { putOnSale: true }));
    expect(e.code).toBe("INVALID_STATE");
    expect((await counts()).items).toBe(before.items);
  });

  it("puts the item straight on sale when asked, or saves nothing when it lacks a main image", async () => {
    const onSale = await createItem(seller, storeId, await validItem(storeId, seller.userId), { putOnSale: true });
    expect(onSale.status).toBe("ON_SALE");
    expect((await getDb().item.findUniqueOrThrow({ where: { id: onSale.id }, select: { onSaleAt: true } })).onSaleAt).toBeInstanceOf(Date);
    const before = await counts();
    const e = await failure(createItem(seller, storeId, await validItem(storeId, seller.userId, { mainImageId: null }), { putOnSale: true }));
    expect(e.fieldErrors?.mainImageId).toEqual(["mainImageRequired"]);
    expect(await counts()).toEqual(before);
  });
});

describe("updateItem", () => {
  it("merges SKUs by spec key: kept ones keep id and stock, new ones get INITIAL stock, dropped ones are retired and come back", async () => {
    const specs = [{ name: "颜色", values: ["红", "蓝"] }];
    const created = await createItem(seller, storeId, await validItem(storeId, seller.userId, { specs, skus: rowsFor(specs, { stock: 5 }) }));
    const initial = await skusOf(created.id);
    const red0 = initial.find((s) => s.specKey === "颜色:红")!;
    const blue0 = initial.find((s) => s.specKey === "颜色:蓝")!;

    // Blue leaves, green arrives; red's price changes and its stock field is ignored (not a new SKU).
    const v2specs = [{ name: "颜色", values: ["红", "绿"] }];
    const v2 = await updateItem(
      seller,
      created.id,
      await validItem(storeId, seller.userId, {
        specs: v2specs,
        skus: [
          { specKey: "颜色:红", priceFen: 4200, originalPriceFen: 5000, stock: 999, code: "R" },
          { specKey: "颜色:绿", priceFen: 3100, stock: 9 },
        ],
      }),
      1,
    );
    expect(v2).toMatchObject({ id: created.id, version: 2 });
    let skus = await skusOf(created.id);
    const red = skus.find((s) => s.specKey === "颜色:红")!;
    const blue = skus.find((s) => s.specKey === "颜色:蓝")!;
    const green = skus.find((s) => s.specKey === "颜色:绿")!;
    expect(red).toMatchObject({ id: red0.id, stock: 5, active: true, priceFen: 4200, originalPriceFen: 5000, code: "R" });
    expect(blue).toMatchObject({ id: blue0.id, stock: 5, active: false });
    expect(green).toMatchObject({ stock: 9, active: true, priceFen: 3100 });
    expect(await ledgerFor(green.id)).toMatchObject([{ delta: 9, resultingStock: 9, reason: "INITIAL" }]);
    expect(await ledgerFor(red.id)).toHaveLength(1); // only its original INITIAL entry
    let item = await getDb().item.findUniqueOrThrow({ where: { id: created.id }, select: { priceMinFen: true, priceMaxFen: true, version: true } });
    expect(item).toEqual({ priceMinFen: 3100, priceMaxFen: 4200, version: 2 });

    // Blue returns: same row, same stock, reactivated; green retires.
    await updateItem(seller, created.id, await validItem(storeId, seller.userId, { specs, skus: [
      { specKey: "颜色:红", priceFen: 4200 },
      { specKey: "颜色:蓝", priceFen: 100, stock: 50 },
    ] }), 2);
    skus = await skusOf(created.id);
    expect(skus.find((s) => s.specKey === "颜色:蓝")).toMatchObject({ id: blue0.id, stock: 5, active: true, priceFen: 100 });
    expect(skus.find((s) => s.specKey === "颜色:绿")).toMatchObject({ id: green.id, active: false, stock: 9 });
    expect(skus).toHaveLength(3);
    item = await getDb().item.findUniqueOrThrow({ where: { id: created.id }, select: { priceMinFen: true, priceMaxFen: true, version: true } });
    expect(item).toEqual({ priceMinFen: 100, priceMaxFen: 4200, version: 3 });
  });

  it("replaces the gallery in the new order", async () => {
    const input = await validItem(storeId, seller.userId);
    const created = await createItem(seller, storeId, input);
    const extra = await createImageRow({ uploaderId: seller.userId, storeId });
    const gallery = [extra.id, input.galleryImageIds![1]];
    await updateItem(seller, created.id, { ...input, galleryImageIds: gallery }, 1);
    const rows = await getDb().itemImage.findMany({ where: { itemId: created.id }, orderBy: { position: "asc" }, select: { imageId: true } });
    expect(rows.map((r) => r.imageId)).toEqual(gallery);
  });

  it("refuses a stale version (someone saved in between) and writes nothing", async () => {
    const input = await validItem(storeId, seller.userId);
    const created = await createItem(seller, storeId, input);
    await updateItem(seller, created.id, { ...input, title: "first" }, 1);
    const before = await counts();
    const e = await failure(updateItem(seller, created.id, { ...input, title: "second", specs: [], skus: [{ specKey: "", priceFen: 1 }] }, 1));
    expect(e.code).toBe("STALE");
    expect(await getDb().item.findUniqueOrThrow({ where: { id: created.id }, select: { title: true, version: true } })).toEqual({ title: "first", version: 2 });
    expect(await counts()).toEqual(before);
  });

  it("lets exactly one of two simultaneous saves from the same version win", async () => {
    const input = await validItem(storeId, seller.userId);
    const created = await createItem(seller, storeId, input);
    const results = await Promise.allSettled([
      updateItem(seller, created.id, { ...input, title: "A" }, 1),
      updateItem(seller, created.id, { ...input, title: "B" }, 1),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("STALE");
    expect((await getDb().item.findUniqueOrThrow({ where: { id: created.id }, select: { version: true } })).version).toBe(2);
  });

  it("refuses invalid input with field errors and leaves the item as it was", async () => {
    const input = await validItem(storeId, seller.userId);
    const created = await createItem(seller, storeId, input);
    const e = await failure(updateItem(seller, created.id, { ...input, title: "", skus: input.skus.map((s, i) => (i === 3 ? { ...s, priceFen: -5 } : s)) }, 1));
    expect(e.fieldErrors).toMatchObject({ title: ["required"], "skus.3.priceFen": ["priceInvalid"] });
    expect(await getDb().item.findUniqueOrThrow({ where: { id: created.id }, select: { title: true, version: true } })).toEqual({ title: input.title, version: 1 });
  });

  it("refuses another store's image and keeps the old one", async () => {
    const input = await validItem(storeId, seller.userId);
    const created = await createItem(seller, storeId, input);
    const foreign = await createImageRow({ uploaderId: w.sellerB.userId, storeId: w.storeB.id });
    const e = await failure(updateItem(seller, created.id, { ...input, mainImageId: foreign.id }, 1));
    expect(e.fieldErrors?.mainImageId).toEqual(["imageUnknown"]);
    expect((await getDb().item.findUniqueOrThrow({ where: { id: created.id }, select: { mainImageId: true } })).mainImageId).toBe(input.mainImageId);
  });

  it("keeps an item on sale sellable: removing its main image is refused", async () => {
    const input = await validItem(storeId, seller.userId);
    const created = await createItem(seller, storeId, input, { putOnSale: true });
    const e = await failure(updateItem(seller, created.id, { ...input, mainImageId: null }, 1));
    expect(e.fieldErrors?.mainImageId).toEqual(["mainImageRequired"]);
    // A draft may lose it.
    const draft = await createItem(seller, storeId, input);
    await expect(updateItem(seller, draft.id, { ...input, mainImageId: null }, 1)).resolves.toMatchObject({ version: 2, status: "DRAFT" });
  });

  it("saves and puts on sale in one go", async () => {
    const input = await validItem(storeId, seller.userId);
    const created = await createItem(seller, storeId, input);
    const saved = await updateItem(seller, created.id, { ...input, title: "上架" }, 1, { putOnSale: true });
    expect(saved).toMatchObject({ status: "ON_SALE", version: 2 });
    expect(await getDb().item.findUniqueOrThrow({ where: { id: created.id }, select: { status: true, title: true } })).toEqual({ status: "ON_SALE", title: "上架" });
  });
});
