import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createGroup, deleteGroup, getGroup, listGroups, listPickableItems, renameGroup, reorderGroups, setGroupItems } from "@/lib/shelves/groups";
import { publishShelf, saveShelfDraft } from "@/lib/shelves/shelf";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createStore, createUser } from "../../support/fixtures";
import { createItem } from "./fixtures";

useTestDatabase();

type World = Awaited<ReturnType<typeof authWorld>>;
let w: World;

beforeAll(async () => {
  w = await authWorld();
});

async function rejects(p: Promise<unknown>, code: string, field?: string, key?: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, `expected ${code}`).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  if (field) expect((e as AppError).fieldErrors?.[field]).toContain(key);
  return e as AppError;
}

describe("groups", () => {
  it("creates groups at the end of the list, in creation order", async () => {
    // A store of its own, so other tests' groups do not interfere with the order.
    const owner = await createUser("SELLER");
    const s = await createStore({ ownerId: owner.id });
    const actor = await actorFor(owner.id);
    const a = await createGroup(actor, s.id, { name: "New arrivals" });
    const b = await createGroup(actor, s.id, { name: "Best sellers" });
    const c = await createGroup(actor, s.id, { name: "Gifts" });
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    expect((await listGroups(actor, s.id)).map((g) => g.name)).toEqual(["New arrivals", "Best sellers", "Gifts"]);
  });

  it("rejects a blank, too long or duplicate (case-insensitive) name", async () => {
    const { sellerA, storeA } = w;
    await rejects(createGroup(sellerA, storeA.id, { name: "   " }), "VALIDATION", "name", "required");
    await rejects(createGroup(sellerA, storeA.id, { name: "x".repeat(21) }), "VALIDATION", "name", "tooLong");
    await createGroup(sellerA, storeA.id, { name: "Tea" });
    await rejects(createGroup(sellerA, storeA.id, { name: " tea " }), "VALIDATION", "name", "groupNameTaken");
  });

  it("lets the same name exist in two different stores", async () => {
    const { sellerA, sellerB, storeA, storeB } = w;
    await createGroup(sellerA, storeA.id, { name: "Shared name" });
    await expect(createGroup(sellerB, storeB.id, { name: "Shared name" })).resolves.toMatchObject({ name: "Shared name" });
  });

  it("renames, refusing a name another group of the store has", async () => {
    const { sellerA, storeA } = w;
    const g = await createGroup(sellerA, storeA.id, { name: "Old name" });
    await createGroup(sellerA, storeA.id, { name: "Taken" });
    await rejects(renameGroup(sellerA, g.id, { name: "TAKEN" }), "VALIDATION", "name", "groupNameTaken");
    await renameGroup(sellerA, g.id, { name: "Old name" }); // its own name is fine
    await renameGroup(sellerA, g.id, { name: "New name" });
    expect((await getGroup(sellerA, g.id)).name).toBe("New name");
  });

  it("reorders when given exactly the store's groups, and refuses a stale or partial list", async () => {
    const { sellerB, storeB } = w;
    const before = await listGroups(sellerB, storeB.id);
    const x = await createGroup(sellerB, storeB.id, { name: "X" });
    const y = await createGroup(sellerB, storeB.id, { name: "Y" });
    const ids = [...before.map((g) => g.id), x.id, y.id];
    const reversed = [...ids].reverse();
    await reorderGroups(sellerB, storeB.id, reversed);
    expect((await listGroups(sellerB, storeB.id)).map((g) => g.id)).toEqual(reversed);
    // Missing one (someone created it in another tab), duplicated, or foreign: nothing changes.
    await rejects(reorderGroups(sellerB, storeB.id, reversed.slice(1)), "STALE");
    await rejects(reorderGroups(sellerB, storeB.id, [...reversed.slice(1), reversed[1]]), "STALE");
    const foreign = await createGroup(w.sellerA, w.storeA.id, { name: "Foreign" });
    await rejects(reorderGroups(sellerB, storeB.id, [...reversed.slice(1), foreign.id]), "STALE");
    expect((await listGroups(sellerB, storeB.id)).map((g) => g.id)).toEqual(reversed);
  });

  it("sets a group's items in the given order, with any status, and reports counts", async () => {
    const { sellerA, storeA } = w;
    const g = await createGroup(sellerA, storeA.id, { name: "Ordered" });
    const i1 = await createItem({ storeId: storeA.id, title: "One" });
    const i2 = await createItem({ storeId: storeA.id, title: "Two", status: "DRAFT" });
    const i3 = await createItem({ storeId: storeA.id, title: "Three", status: "OFF_SALE" });
    await setGroupItems(sellerA, g.id, [i3.id, i1.id, i2.id]);
    const detail = await getGroup(sellerA, g.id);
    expect(detail.items.map((i) => i.title)).toEqual(["Three", "One", "Two"]);
    expect(detail.items.map((i) => i.status)).toEqual(["OFF_SALE", "ON_SALE", "DRAFT"]);
    const summary = (await listGroups(sellerA, storeA.id)).find((x) => x.id === g.id)!;
    expect(summary).toMatchObject({ itemCount: 3, onSaleCount: 1 });
    // A version that is not a time is bad input, not a stale edit (it was a 500).
    await expect(setGroupItems(sellerA, g.id, [i1.id], { expectedUpdatedAt: "yesterday" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { expectedUpdatedAt: ["invalid"] } });
    // Replacing, not appending.
    await setGroupItems(sellerA, g.id, [i1.id]);
    expect((await getGroup(sellerA, g.id)).items.map((i) => i.id)).toEqual([i1.id]);
  });

  it("refuses items of another store or unknown items, and duplicates, leaving the group as it was", async () => {
    const { sellerA, storeA, storeB } = w;
    const g = await createGroup(sellerA, storeA.id, { name: "Guarded" });
    const mine = await createItem({ storeId: storeA.id });
    const theirs = await createItem({ storeId: storeB.id });
    await setGroupItems(sellerA, g.id, [mine.id]);
    await rejects(setGroupItems(sellerA, g.id, [mine.id, theirs.id]), "VALIDATION", "itemIds", "itemUnknown");
    await rejects(setGroupItems(sellerA, g.id, ["no-such-item"]), "VALIDATION", "itemIds", "itemUnknown");
    // The list itself is the input, so its errors sit at the root ("_form").
    await rejects(setGroupItems(sellerA, g.id, [mine.id, mine.id]), "VALIDATION", "_form", "duplicateItem");
    expect((await getGroup(sellerA, g.id)).items.map((i) => i.id)).toEqual([mine.id]);
  });

  it("refuses a save based on an out-of-date copy of the group (another tab saved first)", async () => {
    const { sellerA, storeA } = w;
    const g = await createGroup(sellerA, storeA.id, { name: "Two tabs" });
    const i1 = await createItem({ storeId: storeA.id });
    const i2 = await createItem({ storeId: storeA.id });
    const seen = (await getGroup(sellerA, g.id)).updatedAt;
    const first = await setGroupItems(sellerA, g.id, [i1.id], { expectedUpdatedAt: seen });
    await rejects(setGroupItems(sellerA, g.id, [i2.id], { expectedUpdatedAt: seen }), "STALE");
    await setGroupItems(sellerA, g.id, [i2.id], { expectedUpdatedAt: first.updatedAt });
    expect((await getGroup(sellerA, g.id)).items.map((i) => i.id)).toEqual([i2.id]);
  });

  it("serialises concurrent saves of one group: the result is one of them, never a mix or an error", async () => {
    const { sellerA, storeA } = w;
    const g = await createGroup(sellerA, storeA.id, { name: "Race" });
    const items = await Promise.all([1, 2, 3, 4].map(() => createItem({ storeId: storeA.id })));
    const lists = [items.slice(0, 2).map((i) => i.id), items.slice(2).map((i) => i.id), [items[3].id, items[0].id]];
    await Promise.all(lists.map((l) => setGroupItems(sellerA, g.id, l)));
    const final = (await getGroup(sellerA, g.id)).items.map((i) => i.id);
    expect(lists).toContainEqual(final);
  });

  it("deletes a group without touching its items, and flags groups the shelf uses", async () => {
    const { sellerA, storeA } = w;
    const g = await createGroup(sellerA, storeA.id, { name: "Doomed" });
    const item = await createItem({ storeId: storeA.id });
    await setGroupItems(sellerA, g.id, [item.id]);
    await saveShelfDraft(sellerA, storeA.id, { name: "Home", sections: [{ type: "group_list", groupId: g.id, count: 4 }] });
    await publishShelf(sellerA, storeA.id);
    const flagged = (await listGroups(sellerA, storeA.id)).find((x) => x.id === g.id)!;
    expect(flagged).toMatchObject({ inShelfDraft: true, inPublishedShelf: true });
    await deleteGroup(sellerA, g.id);
    expect((await listGroups(sellerA, storeA.id)).some((x) => x.id === g.id)).toBe(false);
    expect(await getDb().item.findUnique({ where: { id: item.id }, select: { id: true } })).not.toBeNull();
    await rejects(getGroup(sellerA, g.id), "NOT_FOUND");
    await rejects(deleteGroup(sellerA, g.id), "NOT_FOUND");
  });

  it("lists the store's items for the picker, any status, filtered by title case-insensitively", async () => {
    const { sellerB, storeB, storeA } = w;
    await createItem({ storeId: storeB.id, title: "Green Tea Tin", status: "DRAFT" });
    await createItem({ storeId: storeB.id, title: "Black coffee" });
    await createItem({ storeId: storeA.id, title: "green tea elsewhere" });
    const found = await listPickableItems(sellerB, storeB.id, { q: "GREEN tea" });
    expect(found.map((i) => i.title)).toEqual(["Green Tea Tin"]);
    expect((await listPickableItems(sellerB, storeB.id)).length).toBeGreaterThanOrEqual(2);
  });

  it("caps a group's item list", async () => {
    const { sellerA, storeA } = w;
    const g = await createGroup(sellerA, storeA.id, { name: "Too many" });
    const ids = Array.from({ length: 501 }, (_, i) => `fake-${i}`);
    await rejects(setGroupItems(sellerA, g.id, ids), "VALIDATION", "_form", "groupItemsTooMany");
  });
});
