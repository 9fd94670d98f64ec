// The buyer-facing read models, called through their uncached loaders (the cached
// wrappers run the same loaders when there is no Next server, as here).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createGroup, setGroupItems } from "@/lib/shelves/groups";
import { publishShelf, saveShelfDraft } from "@/lib/shelves/shelf";
import { getGroupPage, loadGroupPage } from "@/lib/storefront/group";
import { getStoreHome, loadStoreHome } from "@/lib/storefront/home";
import { getItemPage, getItemStock, loadItemPage } from "@/lib/storefront/item";
import { searchStoreItems, SEARCH_PAGE_SIZE } from "@/lib/storefront/search";
import { getOpenStore, loadOpenStore } from "@/lib/storefront/store";
import type { ResolvedGroupGrid, ResolvedGroupList } from "@/lib/storefront/types";
import { useTestDatabase } from "../../support/db";
import { actorFor, createImageRow, createStore, createUser } from "../../support/fixtures";
import { createItem } from "../shelves/fixtures";

useTestDatabase();

async function sellerWithStore(status: "APPROVED" | "PENDING" | "REJECTED" | "SUSPENDED" = "APPROVED") {
  const owner = await createUser("SELLER");
  const store = await createStore({ ownerId: owner.id, status });
  return { seller: await actorFor(owner.id), store, ownerId: owner.id };
}

describe("getOpenStore", () => {
  it("returns an approved store, flags a suspended one, and hides pending, rejected and unknown ones", async () => {
    const approved = await sellerWithStore("APPROVED");
    const suspended = await sellerWithStore("SUSPENDED");
    await getDb().store.update({ where: { id: suspended.store.id }, data: { statusReason: "Counterfeit goods" } });
    const pending = await sellerWithStore("PENDING");
    const rejected = await sellerWithStore("REJECTED");
    expect(await loadOpenStore(approved.store.slug)).toMatchObject({ id: approved.store.id, suspended: false, statusReason: null });
    expect(await loadOpenStore(suspended.store.slug)).toMatchObject({ id: suspended.store.id, suspended: true, statusReason: "Counterfeit goods" });
    expect(await loadOpenStore(pending.store.slug)).toBeNull();
    expect(await loadOpenStore(rejected.store.slug)).toBeNull();
    expect(await loadOpenStore("no-such-store")).toBeNull();
    expect(await loadOpenStore("../etc/passwd")).toBeNull();
    // Addresses are lower-case; a buyer typing capitals still arrives.
    expect(await loadOpenStore(approved.store.slug.toUpperCase())).toMatchObject({ id: approved.store.id });
    // The cached entry point runs the same loader outside Next.
    expect(await getOpenStore(approved.store.slug)).toEqual(await loadOpenStore(approved.store.slug));
  });
});

describe("getStoreHome", () => {
  it("without a published shelf lists the on-sale items only, newest first", async () => {
    const { store } = await sellerWithStore();
    const older = await createItem({ storeId: store.id, title: "Older", onSaleAt: new Date("2026-01-01") });
    const newer = await createItem({ storeId: store.id, title: "Newer", onSaleAt: new Date("2026-02-01") });
    await createItem({ storeId: store.id, title: "Draft", status: "DRAFT" });
    await createItem({ storeId: store.id, title: "Off", status: "OFF_SALE" });
    const home = await loadStoreHome(store.id);
    expect(home).toMatchObject({ shelf: null });
    expect(home!.items.map((i) => i.id)).toEqual([newer.id, older.id]);
  });

  it("resolves the published shelf: groups become their on-sale items, in order, capped per section", async () => {
    const { seller, store, ownerId } = await sellerWithStore();
    const image = await createImageRow({ uploaderId: ownerId, storeId: store.id });
    const tileImage = await createImageRow({ uploaderId: ownerId, storeId: store.id });
    const g = await createGroup(seller, store.id, { name: "Teas" });
    const empty = await createGroup(seller, store.id, { name: "Coming soon" });
    const a = await createItem({ storeId: store.id, title: "A", mainImageId: image.id });
    const hidden = await createItem({ storeId: store.id, title: "Hidden", status: "OFF_SALE" });
    const b = await createItem({ storeId: store.id, title: "B", skus: [{ stock: 0 }] });
    const c = await createItem({ storeId: store.id, title: "C" });
    await setGroupItems(seller, g.id, [a.id, hidden.id, b.id, c.id]);
    await setGroupItems(seller, empty.id, [hidden.id]);
    await saveShelfDraft(seller, store.id, {
      name: "Home",
      sections: [
        { type: "banner", imageId: image.id, caption: "Spring", linkGroupId: g.id },
        { type: "group_list", groupId: g.id, count: 2, title: "Our teas" },
        { type: "group_list", groupId: empty.id, count: 5 },
        { type: "group_grid", tiles: [{ groupId: g.id }, { groupId: empty.id }, { groupId: g.id, imageId: tileImage.id, title: "More" }] },
      ],
    });
    await publishShelf(seller, store.id);
    const home = await loadStoreHome(store.id);
    const sections = home!.shelf!.sections;
    expect(sections.map((s) => s.type)).toEqual(["banner", "group_list", "group_grid"]); // the empty group's list is left out
    expect(sections[0]).toEqual({ type: "banner", imageId: image.id, caption: "Spring", linkGroupId: g.id });
    const list = sections[1] as ResolvedGroupList;
    expect(list.title).toBe("Our teas");
    expect(list.items.map((i) => [i.title, i.soldOut])).toEqual([
      ["A", false],
      ["B", true],
    ]);
    expect(list.hasMore).toBe(true); // C is on sale but beyond the count
    const grid = sections[2] as ResolvedGroupGrid;
    // The empty group's tile is dropped; a tile without an image borrows the first item's.
    expect(grid.tiles).toEqual([
      { groupId: g.id, title: "Teas", imageId: image.id },
      { groupId: g.id, title: "More", imageId: tileImage.id },
    ]);
    expect(await getStoreHome(store.id)).toEqual(home);
  });

  it("shows nothing in place of a group deleted after publishing", async () => {
    const { seller, store } = await sellerWithStore();
    const g = await createGroup(seller, store.id, { name: "Gone soon" });
    const keep = await createGroup(seller, store.id, { name: "Keep" });
    const item = await createItem({ storeId: store.id });
    await setGroupItems(seller, g.id, [item.id]);
    await setGroupItems(seller, keep.id, [item.id]);
    await saveShelfDraft(seller, store.id, {
      name: "Home",
      sections: [
        { type: "group_list", groupId: g.id, count: 3 },
        { type: "group_list", groupId: keep.id, count: 3 },
      ],
    });
    await publishShelf(seller, store.id);
    await getDb().group.delete({ where: { id: g.id } });
    const home = await loadStoreHome(store.id);
    expect(home!.shelf!.sections).toEqual([expect.objectContaining({ type: "group_list", groupId: keep.id })]);
  });

  it("is null for a suspended or pending store, even with a published shelf", async () => {
    const { seller, store } = await sellerWithStore();
    const g = await createGroup(seller, store.id, { name: "G" });
    const item = await createItem({ storeId: store.id });
    await setGroupItems(seller, g.id, [item.id]);
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: g.id, count: 3 }] });
    await publishShelf(seller, store.id);
    await getDb().store.update({ where: { id: store.id }, data: { status: "SUSPENDED" } });
    expect(await loadStoreHome(store.id)).toBeNull();
    expect(await loadGroupPage(store.id, g.id)).toBeNull();
    expect(await loadItemPage(store.id, item.id)).toBeNull();
    expect(await getItemStock(item.id)).toEqual({});
    expect(await searchStoreItems(store.id, "Item", 1)).toMatchObject({ items: [] });
    const pending = await sellerWithStore("PENDING");
    await createItem({ storeId: pending.store.id });
    expect(await loadStoreHome(pending.store.id)).toBeNull();
  });
});

describe("getGroupPage", () => {
  it("lists the group's on-sale items in order with sold-out flags; another store's group is null", async () => {
    const { seller, store } = await sellerWithStore();
    const other = await sellerWithStore();
    const g = await createGroup(seller, store.id, { name: "All" });
    const x = await createItem({ storeId: store.id, title: "X", skus: [{ stock: 0 }] });
    const y = await createItem({ storeId: store.id, title: "Y" });
    const z = await createItem({ storeId: store.id, title: "Z", status: "DRAFT" });
    // Only an inactive SKU has stock: still sold out.
    const inactive = await createItem({ storeId: store.id, title: "Inactive stock", specs: [{ name: "Size", values: ["S", "M"] }], skus: [{ specKey: "Size:S", stock: 0 }, { specKey: "Size:M", stock: 5, active: false }] });
    await setGroupItems(seller, g.id, [y.id, z.id, x.id, inactive.id]);
    const page = await loadGroupPage(store.id, g.id);
    expect(page).toMatchObject({ name: "All", truncated: false });
    expect(page!.items.map((i) => [i.title, i.soldOut])).toEqual([
      ["Y", false],
      ["X", true],
      ["Inactive stock", true],
    ]);
    expect(await loadGroupPage(other.store.id, g.id)).toBeNull();
    expect(await loadGroupPage(store.id, "nope")).toBeNull();
    expect(await getGroupPage(store.id, g.id)).toEqual(page);
  });
});

describe("getItemPage and getItemStock", () => {
  it("returns an on-sale item's page with its active SKUs and gallery; not another store's or an off-sale item", async () => {
    const { store, ownerId } = await sellerWithStore();
    const other = await sellerWithStore();
    const [main, g1, g2, descImg] = await Promise.all([1, 2, 3, 4].map(() => createImageRow({ uploaderId: ownerId, storeId: store.id })));
    const item = await createItem({
      storeId: store.id,
      title: "Jasmine tea",
      mainImageId: main.id,
      galleryImageIds: [g1.id, main.id, g2.id],
      description: [{ type: "text", text: "Fragrant." }, { type: "image", imageId: descImg.id }, { type: "bogus" }, { type: "text", text: "   " }],
      specs: [
        { name: "Size", values: ["50g", "100g"] },
        { name: "Grade", values: ["A", "B"] },
      ],
      skus: [
        { specKey: "Size:50g;Grade:A", priceFen: 3000, originalPriceFen: 4000, stock: 3 },
        { specKey: "Size:100g;Grade:A", priceFen: 5000, stock: 0 },
        { specKey: "Size:50g;Grade:B", priceFen: 2500, originalPriceFen: 2000, stock: 9 },
        { specKey: "Size:100g;Grade:B", priceFen: 4000, stock: 7, active: false },
      ],
      buyLimit: 2,
    });
    const page = await loadItemPage(store.id, item.id);
    expect(page).toMatchObject({
      title: "Jasmine tea",
      gallery: [main.id, g1.id, g2.id],
      description: [
        { type: "text", text: "Fragrant." },
        { type: "image", imageId: descImg.id },
      ],
      priceMinFen: 2500,
      priceMaxFen: 5000,
      // Only an original price above the price counts as a "was" price.
      originalMinFen: 4000,
      originalMaxFen: 4000,
      buyLimit: 2,
      postage: { mode: "FREE", fen: 0, extraFen: 0 },
    });
    expect(page!.skus.map((s) => s.specKey).sort()).toEqual(["Size:100g;Grade:A", "Size:50g;Grade:A", "Size:50g;Grade:B"]);
    expect(page!.skus[0]).not.toHaveProperty("stock"); // stock is never in the cached part

    const stock = await getItemStock(item.id);
    const byKey = Object.fromEntries(item.skus.map((s) => [s.specKey, stock[s.id]]));
    expect(byKey).toEqual({ "Size:50g;Grade:A": 3, "Size:100g;Grade:A": 0, "Size:50g;Grade:B": 9, "Size:100g;Grade:B": undefined });
    // Stock is live: a change shows at once.
    await getDb().sku.update({ where: { id: item.skus.find((s) => s.specKey === "Size:50g;Grade:A")!.id }, data: { stock: 0 } });
    expect(Object.values(await getItemStock(item.id)).filter((n) => n > 0)).toEqual([9]);

    expect(await loadItemPage(other.store.id, item.id)).toBeNull();
    const off = await createItem({ storeId: store.id, status: "OFF_SALE" });
    expect(await loadItemPage(store.id, off.id)).toBeNull();
    expect(await getItemStock(off.id)).toEqual({});
    expect(await getItemPage(store.id, item.id)).toEqual(page);
  });
});

describe("searchStoreItems", () => {
  it("matches on-sale titles of this store case-insensitively, every word, paged", async () => {
    const { store } = await sellerWithStore();
    const other = await sellerWithStore();
    await createItem({ storeId: store.id, title: "Green Tea Tin" });
    await createItem({ storeId: store.id, title: "green tea bags", skus: [{ stock: 0 }] });
    await createItem({ storeId: store.id, title: "Green tea (draft)", status: "DRAFT" });
    await createItem({ storeId: store.id, title: "Tea green reversed" });
    await createItem({ storeId: other.store.id, title: "Green tea elsewhere" });
    const r = await searchStoreItems(store.id, "  GREEN   tea ", 1);
    expect(r.q).toBe("GREEN tea");
    expect(r.items.map((i) => i.title).sort()).toEqual(["Green Tea Tin", "Tea green reversed", "green tea bags"]);
    expect(r.items.find((i) => i.title === "green tea bags")?.soldOut).toBe(true);
    expect(await searchStoreItems(store.id, "   ", 1)).toEqual({ q: "", page: 1, items: [], hasMore: false });
    // LIKE wildcards are literal text, not patterns.
    expect((await searchStoreItems(store.id, "%", 1)).items).toEqual([]);
    expect((await searchStoreItems(store.id, "_", 1)).items).toEqual([]);
    await createItem({ storeId: store.id, title: "100% cotton_bag" });
    expect((await searchStoreItems(store.id, "100% cotton_", 1)).items.map((i) => i.title)).toEqual(["100% cotton_bag"]);
    // Control characters (a NUL from "?q=%00" would make Postgres refuse the query) separate words.
    const nul = await searchStoreItems(store.id, "green\u0000tea\ttin", 1);
    expect(nul.q).toBe("green tea tin");
    expect(nul.items.map((i) => i.title)).toEqual(["Green Tea Tin"]);
  });

  it("pages through results without repeats", async () => {
    const { store } = await sellerWithStore();
    await Promise.all(Array.from({ length: SEARCH_PAGE_SIZE + 5 }, (_, i) => createItem({ storeId: store.id, title: `Mug ${i}` })));
    const p1 = await searchStoreItems(store.id, "mug", 1);
    const p2 = await searchStoreItems(store.id, "mug", 2);
    expect(p1.items).toHaveLength(SEARCH_PAGE_SIZE);
    expect(p1.hasMore).toBe(true);
    expect(p2.items).toHaveLength(5);
    expect(p2.hasMore).toBe(false);
    expect(new Set([...p1.items, ...p2.items].map((i) => i.id)).size).toBe(SEARCH_PAGE_SIZE + 5);
    expect((await searchStoreItems(store.id, "mug", -3)).page).toBe(1);
  });
});
