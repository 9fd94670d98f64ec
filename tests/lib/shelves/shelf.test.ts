import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createGroup, deleteGroup, setGroupItems } from "@/lib/shelves/groups";
import { getShelfForEdit, listShelfVersions, previewShelfDraft, publishShelf, revertDraftToPublished, saveShelfDraft } from "@/lib/shelves/shelf";
import { loadStoreHome } from "@/lib/storefront/home";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createImageRow, createStore, createUser } from "../../support/fixtures";
import { createItem } from "./fixtures";

useTestDatabase();

type World = Awaited<ReturnType<typeof authWorld>>;
let w: World;

beforeAll(async () => {
  w = await authWorld();
});

async function rejects(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, `expected ${code}`).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

/** A fresh approved store with its seller, a group holding one on-sale item, and an image. */
async function freshStore(status: "APPROVED" | "PENDING" = "APPROVED") {
  const owner = await createUser("SELLER");
  const store = await createStore({ ownerId: owner.id, status });
  const seller = await actorFor(owner.id);
  const group = await createGroup(seller, store.id, { name: "Featured" });
  const item = await createItem({ storeId: store.id, title: "Oolong" });
  await setGroupItems(seller, group.id, [item.id]);
  const image = await createImageRow({ uploaderId: owner.id, storeId: store.id });
  return { seller, store, group, item, image };
}

describe("saveShelfDraft", () => {
  it("saves a valid draft and reads it back normalised", async () => {
    const { seller, store, group, image } = await freshStore();
    await saveShelfDraft(seller, store.id, {
      name: " Spring ",
      sections: [
        { type: "banner", imageId: image.id, caption: "", linkGroupId: group.id },
        { type: "group_list", groupId: group.id, count: 6, title: "" },
      ],
    });
    const shelf = await getShelfForEdit(seller, store.id);
    expect(shelf.name).toBe("Spring");
    expect(shelf.sections).toEqual([
      { type: "banner", imageId: image.id, linkGroupId: group.id },
      { type: "group_list", groupId: group.id, count: 6 },
    ]);
    expect(shelf).toMatchObject({ publishedVersion: null, hasUnpublishedChanges: true, problems: {} });
  });

  it("starts from an unsaved default shelf named after the store", async () => {
    const { seller, store } = await freshStore();
    expect(await getShelfForEdit(seller, store.id)).toMatchObject({ name: store.name, sections: [], draftUpdatedAt: null, publishedVersion: null, hasUnpublishedChanges: false });
    expect(await getDb().shelf.count({ where: { storeId: store.id } })).toBe(0); // reading creates nothing
  });

  it("refuses another store's group or image, with the path of each bad reference", async () => {
    const { seller, store, group, image } = await freshStore();
    const other = await freshStore();
    const e = await rejects(
      saveShelfDraft(seller, store.id, {
        name: "Home",
        sections: [
          { type: "banner", imageId: other.image.id, linkGroupId: other.group.id },
          { type: "group_list", groupId: group.id, count: 3 },
          { type: "group_grid", tiles: [{ groupId: group.id, imageId: image.id }, { groupId: other.group.id, imageId: "missing" }] },
        ],
      }),
      "VALIDATION",
    );
    expect(e.fieldErrors).toEqual({
      "sections.0.imageId": ["imageUnknown"],
      "sections.0.linkGroupId": ["groupUnknown"],
      "sections.2.tiles.1.groupId": ["groupUnknown"],
      "sections.2.tiles.1.imageId": ["imageUnknown"],
    });
    expect(await getDb().shelf.count({ where: { storeId: store.id } })).toBe(0);
  });

  it("accepts the seller's own not-yet-attached upload and attaches it to the store", async () => {
    const { seller, store } = await freshStore();
    const loose = await createImageRow({ uploaderId: seller.userId, storeId: null });
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "banner", imageId: loose.id }] });
    expect((await getDb().image.findUnique({ where: { id: loose.id }, select: { storeId: true } }))?.storeId).toBe(store.id);
  });

  it("refuses invalid sections with field errors and keeps the previous draft", async () => {
    const { seller, store, group } = await freshStore();
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 2 }] });
    const e = await rejects(saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 50 }] }), "VALIDATION");
    expect(e.fieldErrors).toEqual({ "sections.0.count": ["countRange"] });
    expect((await getShelfForEdit(seller, store.id)).sections).toEqual([{ type: "group_list", groupId: group.id, count: 2 }]);
  });

  it("refuses a save based on an out-of-date draft (another tab saved first)", async () => {
    const { seller, store, group } = await freshStore();
    const first = await saveShelfDraft(seller, store.id, { name: "A", sections: [] }, { expectedDraftUpdatedAt: null });
    // A second tab that also believed there was no shelf yet:
    await rejects(saveShelfDraft(seller, store.id, { name: "B", sections: [] }, { expectedDraftUpdatedAt: null }), "STALE");
    const second = await saveShelfDraft(seller, store.id, { name: "C", sections: [{ type: "group_list", groupId: group.id, count: 1 }] }, { expectedDraftUpdatedAt: first.draftUpdatedAt });
    await rejects(saveShelfDraft(seller, store.id, { name: "D", sections: [] }, { expectedDraftUpdatedAt: first.draftUpdatedAt }), "STALE");
    expect((await getShelfForEdit(seller, store.id)).draftUpdatedAt).toBe(second.draftUpdatedAt);
  });

  it("creates exactly one shelf when two first saves race", async () => {
    const { seller, store } = await freshStore();
    await Promise.all([saveShelfDraft(seller, store.id, { name: "A", sections: [] }), saveShelfDraft(seller, store.id, { name: "B", sections: [] })]);
    expect(await getDb().shelf.count({ where: { storeId: store.id } })).toBe(1);
  });
});

describe("publishShelf", () => {
  it("keeps draft changes invisible to the storefront until published", async () => {
    const { seller, store, group, image } = await freshStore();
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 4 }] });
    expect((await loadStoreHome(store.id))?.shelf).toBeNull();
    const v1 = await publishShelf(seller, store.id);
    expect(v1).toEqual({ version: 1, unchanged: false });
    const home1 = await loadStoreHome(store.id);
    expect(home1?.shelf?.sections.map((s) => s.type)).toEqual(["group_list"]);

    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "banner", imageId: image.id }] });
    expect(await loadStoreHome(store.id)).toEqual(home1); // still version 1
    expect((await getShelfForEdit(seller, store.id)).hasUnpublishedChanges).toBe(true);

    const v2 = await publishShelf(seller, store.id);
    expect(v2.version).toBe(2);
    expect((await loadStoreHome(store.id))?.shelf).toMatchObject({ version: 2, sections: [{ type: "banner", imageId: image.id }] });
    expect(await getShelfForEdit(seller, store.id)).toMatchObject({ publishedVersion: 2, hasUnpublishedChanges: false });
  });

  it("does not create a version when the draft equals the live one", async () => {
    const { seller, store, group } = await freshStore();
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 4 }] });
    await publishShelf(seller, store.id);
    // Saved again with the same content (the editor's Save, pressed twice).
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 4, title: "" }] });
    expect(await publishShelf(seller, store.id)).toEqual({ version: 1, unchanged: true });
    expect(await listShelfVersions(seller, store.id)).toHaveLength(1);
  });

  it("refuses an empty shelf, and a store with no shelf at all", async () => {
    const { seller, store } = await freshStore();
    const none = await rejects(publishShelf(seller, store.id), "VALIDATION");
    expect(none.fieldErrors).toEqual({ sections: ["shelfEmpty"] });
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [] });
    const empty = await rejects(publishShelf(seller, store.id), "VALIDATION");
    expect(empty.fieldErrors).toEqual({ sections: ["shelfEmpty"] });
    expect(await getDb().shelfVersion.count({ where: { shelf: { storeId: store.id } } })).toBe(0);
  });

  it("reports a group deleted since the draft was saved, and changes nothing", async () => {
    const { seller, store, group, image } = await freshStore();
    const spare = await createGroup(seller, store.id, { name: "Spare" });
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "banner", imageId: image.id }] });
    await publishShelf(seller, store.id);
    const before = await loadStoreHome(store.id);
    await saveShelfDraft(seller, store.id, {
      name: "Home",
      sections: [
        { type: "banner", imageId: image.id },
        { type: "group_grid", tiles: [{ groupId: group.id }, { groupId: spare.id }] },
      ],
    });
    await deleteGroup(seller, spare.id);
    expect((await getShelfForEdit(seller, store.id)).problems).toEqual({ "sections.1.tiles.1.groupId": ["groupUnknown"] });
    const e = await rejects(publishShelf(seller, store.id), "VALIDATION");
    expect(e.fieldErrors).toEqual({ "sections.1.tiles.1.groupId": ["groupUnknown"] });
    expect(await listShelfVersions(seller, store.id)).toHaveLength(1);
    expect((await getShelfForEdit(seller, store.id)).publishedVersion).toBe(1);
    expect(await loadStoreHome(store.id)).toEqual(before);
  });

  it("re-validates the stored draft: a draft that breaks today's rules is refused", async () => {
    const { seller, store, group } = await freshStore();
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 3 }] });
    // Written behind the domain's back (e.g. by an older version with looser rules).
    await getDb().shelf.update({ where: { storeId: store.id }, data: { draft: [{ type: "group_list", groupId: group.id, count: 99 }] } });
    const e = await rejects(publishShelf(seller, store.id), "VALIDATION");
    expect(e.fieldErrors).toEqual({ "sections.0.count": ["countRange"] });
    expect(await getDb().shelfVersion.count({ where: { shelf: { storeId: store.id } } })).toBe(0);
  });

  it("refuses to publish based on an out-of-date draft", async () => {
    const { seller, store, group } = await freshStore();
    const saved = await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 3 }] });
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 5 }] });
    await rejects(publishShelf(seller, store.id, { expectedDraftUpdatedAt: saved.draftUpdatedAt }), "STALE");
    expect(await listShelfVersions(seller, store.id)).toEqual([]);
  });

  it("numbers concurrent publishes consecutively", async () => {
    const { seller, store, group, image } = await freshStore();
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "banner", imageId: image.id }] });
    await publishShelf(seller, store.id);
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 1 }] });
    const results = await Promise.all([publishShelf(seller, store.id), publishShelf(seller, store.id)]);
    // One publishes version 2; the other finds it already live.
    expect(results.map((r) => r.version).sort()).toEqual([2, 2]);
    expect(results.filter((r) => r.unchanged)).toHaveLength(1);
  });

  it("refuses a store that is not open", async () => {
    const { seller, store, group } = await freshStore("PENDING");
    await saveShelfDraft(seller, store.id, { name: "Home", sections: [{ type: "group_list", groupId: group.id, count: 1 }] });
    await rejects(publishShelf(seller, store.id), "INVALID_STATE");
  });
});

describe("versions and revert", () => {
  async function threeVersions() {
    const ctx = await freshStore();
    const { seller, store, group, image } = ctx;
    await saveShelfDraft(seller, store.id, { name: "One", sections: [{ type: "banner", imageId: image.id }] });
    await publishShelf(seller, store.id);
    await saveShelfDraft(seller, store.id, { name: "Two", sections: [{ type: "group_list", groupId: group.id, count: 2 }] });
    await publishShelf(seller, store.id);
    await saveShelfDraft(seller, store.id, { name: "Three", sections: [{ type: "group_list", groupId: group.id, count: 3 }] });
    await publishShelf(seller, store.id);
    return ctx;
  }

  it("lists versions newest first, marking the live one, with who published it", async () => {
    const { seller, store } = await threeVersions();
    const versions = await listShelfVersions(seller, store.id);
    expect(versions.map((v) => [v.version, v.name, v.current, v.sectionCount])).toEqual([
      [3, "Three", true, 1],
      [2, "Two", false, 1],
      [1, "One", false, 1],
    ]);
    expect(versions[0].publishedBy).toBe(seller.name);
  });

  it("reverts the draft to the live version, discarding unpublished changes, without touching the storefront", async () => {
    const { seller, store, image } = await threeVersions();
    await saveShelfDraft(seller, store.id, { name: "Scratch", sections: [{ type: "banner", imageId: image.id }] });
    const home = await loadStoreHome(store.id);
    await revertDraftToPublished(seller, store.id);
    const shelf = await getShelfForEdit(seller, store.id);
    expect(shelf).toMatchObject({ name: "Three", hasUnpublishedChanges: false, publishedVersion: 3 });
    expect(await loadStoreHome(store.id)).toEqual(home);
  });

  it("reverts to an older version, which publishing then rolls out as a new version", async () => {
    const { seller, store, image } = await threeVersions();
    await revertDraftToPublished(seller, store.id, { version: 1 });
    expect((await getShelfForEdit(seller, store.id)).sections).toEqual([{ type: "banner", imageId: image.id }]);
    expect(await publishShelf(seller, store.id)).toEqual({ version: 4, unchanged: false });
    expect((await loadStoreHome(store.id))?.shelf).toMatchObject({ version: 4, name: "One" });
    await rejects(revertDraftToPublished(seller, store.id, { version: 99 }), "NOT_FOUND");
  });

  it("has nothing to revert to before the first publish", async () => {
    const { seller, store } = await freshStore();
    await rejects(revertDraftToPublished(seller, store.id), "INVALID_STATE");
  });
});

describe("previewShelfDraft", () => {
  it("resolves unsaved sections, marking incomplete or foreign ones instead of failing", async () => {
    const { seller, store, group, item, image } = await freshStore();
    const other = await freshStore();
    const preview = await previewShelfDraft(seller, store.id, [
      { type: "banner", imageId: image.id },
      { type: "group_list", groupId: "", count: 3 },
      { type: "group_list", groupId: other.group.id, count: 3 },
      { type: "group_list", groupId: group.id, count: 3 },
    ]);
    expect(preview.map((s) => s.type)).toEqual(["banner", "unresolved", "unresolved", "group_list"]);
    expect(preview[3]).toMatchObject({ title: "Featured", items: [{ id: item.id }] });
  });

  it("only for the store's members", async () => {
    const { store } = await freshStore();
    await rejects(previewShelfDraft(w.sellerB as Actor, store.id, []), "NOT_FOUND");
  });
});
