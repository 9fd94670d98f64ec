// Every exported lib/shelves function against the five actors: anonymous must sign in;
// a buyer, another store's seller and an admin get NOT_FOUND (never a hint that the store
// or group exists); the store's own seller succeeds.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import * as groups from "@/lib/shelves/groups";
import * as shelf from "@/lib/shelves/shelf";
import { useTestDatabase } from "../../support/db";
import { authWorld, createImageRow } from "../../support/fixtures";
import { createItem } from "./fixtures";

useTestDatabase();

type World = Awaited<ReturnType<typeof authWorld>>;
let w: World;
let groupId: string;
let itemId: string;
let imageId: string;

beforeAll(async () => {
  w = await authWorld();
  groupId = (await groups.createGroup(w.sellerA, w.storeA.id, { name: "Fixture" })).id;
  itemId = (await createItem({ storeId: w.storeA.id })).id;
  imageId = (await createImageRow({ uploaderId: w.sellerA.userId, storeId: w.storeA.id })).id;
});

let n = 0;
/** Each call builds fresh arguments, so a successful call by sellerA does not disturb the next case. */
const cases: Record<string, (actor: Actor | null) => Promise<unknown>> = {
  createGroup: (a) => groups.createGroup(a, w.storeA.id, { name: `New ${++n}` }),
  renameGroup: (a) => groups.renameGroup(a, groupId, { name: `Renamed ${++n}` }),
  deleteGroup: async (a) => {
    // A throwaway group per call, made by the owner, so the shared fixture group survives.
    const g = await groups.createGroup(w.sellerA, w.storeA.id, { name: `Throwaway ${++n}` });
    return groups.deleteGroup(a, g.id);
  },
  reorderGroups: async (a) => {
    const ids = (await groups.listGroups(w.sellerA, w.storeA.id)).map((g) => g.id);
    return groups.reorderGroups(a, w.storeA.id, ids.reverse());
  },
  setGroupItems: (a) => groups.setGroupItems(a, groupId, [itemId]),
  listGroups: (a) => groups.listGroups(a, w.storeA.id),
  getGroup: (a) => groups.getGroup(a, groupId),
  listPickableItems: (a) => groups.listPickableItems(a, w.storeA.id, { q: "" }),
  saveShelfDraft: (a) => shelf.saveShelfDraft(a, w.storeA.id, { name: "Home", sections: [{ type: "banner", imageId, linkGroupId: groupId }] }),
  publishShelf: async (a) => {
    await shelf.saveShelfDraft(w.sellerA, w.storeA.id, { name: `Home ${++n}`, sections: [{ type: "group_list", groupId, count: 3 }] });
    return shelf.publishShelf(a, w.storeA.id);
  },
  getShelfForEdit: (a) => shelf.getShelfForEdit(a, w.storeA.id),
  listShelfVersions: (a) => shelf.listShelfVersions(a, w.storeA.id),
  revertDraftToPublished: async (a) => {
    await shelf.saveShelfDraft(w.sellerA, w.storeA.id, { name: `Home ${++n}`, sections: [{ type: "group_list", groupId, count: 2 }] });
    await shelf.publishShelf(w.sellerA, w.storeA.id);
    return shelf.revertDraftToPublished(a, w.storeA.id);
  },
  previewShelfDraft: (a) => shelf.previewShelfDraft(a, w.storeA.id, [{ type: "group_list", groupId, count: 2 }]),
};

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

describe("authorisation matrix", () => {
  it("covers every exported function of lib/shelves/groups.ts and lib/shelves/shelf.ts", () => {
    const exported = [...Object.entries(groups), ...Object.entries(shelf)].filter(([, v]) => typeof v === "function").map(([k]) => k);
    expect(Object.keys(cases).sort()).toEqual(exported.sort());
  });

  for (const [name, call] of Object.entries(cases)) {
    it(`${name}: anonymous → UNAUTHENTICATED; buyer, sellerB, admin → NOT_FOUND; sellerA → ok`, async () => {
      expect(await codeOf(call(null))).toBe("UNAUTHENTICATED");
      expect(await codeOf(call(w.buyer))).toBe("NOT_FOUND");
      expect(await codeOf(call(w.sellerB))).toBe("NOT_FOUND");
      expect(await codeOf(call(w.admin))).toBe("NOT_FOUND");
      expect(await codeOf(call(w.sellerA))).toBe("ok");
    });
  }

  it("a group id of another store is NOT_FOUND even for a seller who owns a store", async () => {
    const theirs = await groups.createGroup(w.sellerB, w.storeB.id, { name: "B's" });
    expect(await codeOf(groups.getGroup(w.sellerA, theirs.id))).toBe("NOT_FOUND");
    expect(await codeOf(groups.setGroupItems(w.sellerA, theirs.id, []))).toBe("NOT_FOUND");
    expect(await codeOf(groups.getGroup(w.sellerA, "no-such-group"))).toBe("NOT_FOUND");
  });
});
