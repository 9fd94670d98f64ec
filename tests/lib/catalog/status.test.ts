import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createItem, setItemsStatus } from "@/lib/catalog/items";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";
import { actorFor, authWorld, createStore } from "../../support/fixtures";
import { failure, validItem } from "./support";

useTestDatabase();

let w: Awaited<ReturnType<typeof authWorld>>;
let seller: Actor;
let storeId: string;
beforeAll(async () => {
  w = await authWorld();
  seller = w.sellerA;
  storeId = w.storeA.id;
});

const statusOf = async (id: string) => getDb().item.findUniqueOrThrow({ where: { id }, select: { status: true, onSaleAt: true } });

describe("setItemsStatus", () => {
  it("puts the ready items on sale and reports each one that cannot go, by reason", async () => {
    const ready = await createItem(seller, storeId, await validItem(storeId, seller.userId));
    const noImage = await createItem(seller, storeId, await validItem(storeId, seller.userId, { mainImageId: null }));
    const noSku = await createItem(seller, storeId, await validItem(storeId, seller.userId));
    // Only possible through history (e.g. SKUs retired by an older matrix): no active SKU left.
    await getDb().sku.updateMany({ where: { itemId: noSku.id }, data: { active: false } });
    const foreign = await createItem(w.sellerB, w.storeB.id, await validItem(w.storeB.id, w.sellerB.userId));

    const r = await setItemsStatus(seller, storeId, [ready.id, noImage.id, noSku.id, foreign.id, "missing"], "ON_SALE");
    expect(r.changed).toEqual([ready.id]);
    expect(r.failed).toEqual([
      { itemId: noImage.id, reason: "NO_MAIN_IMAGE" },
      { itemId: noSku.id, reason: "NO_ACTIVE_SKU" },
      { itemId: foreign.id, reason: "NOT_FOUND" },
      { itemId: "missing", reason: "NOT_FOUND" },
    ]);
    const on = await statusOf(ready.id);
    expect(on.status).toBe("ON_SALE");
    expect(on.onSaleAt).toBeInstanceOf(Date);
    expect((await statusOf(noImage.id)).status).toBe("DRAFT");
    expect((await statusOf(foreign.id)).status).toBe("DRAFT");
  });

  it("takes items off sale; already-off items are unchanged and drafts are reported", async () => {
    const a = await createItem(seller, storeId, await validItem(storeId, seller.userId), { putOnSale: true });
    const b = await createItem(seller, storeId, await validItem(storeId, seller.userId), { putOnSale: true });
    const draft = await createItem(seller, storeId, await validItem(storeId, seller.userId));
    const first = await setItemsStatus(seller, storeId, [a.id], "OFF_SALE");
    expect(first).toEqual({ changed: [a.id], unchanged: [], failed: [] });
    const r = await setItemsStatus(seller, storeId, [a.id, b.id, draft.id], "OFF_SALE");
    expect(r).toEqual({ changed: [b.id], unchanged: [a.id], failed: [{ itemId: draft.id, reason: "IS_DRAFT" }] });
    expect((await statusOf(b.id)).status).toBe("OFF_SALE");
    expect((await statusOf(draft.id)).status).toBe("DRAFT");
    // And back on sale.
    expect((await setItemsStatus(seller, storeId, [a.id, b.id], "ON_SALE")).changed.sort()).toEqual([a.id, b.id].sort());
  });

  it("lets a suspended store take items off sale but not put them on", async () => {
    const store = await createStore({ ownerId: seller.userId });
    const me = await actorFor(seller.userId);
    const on = await createItem(me, store.id, await validItem(store.id, seller.userId), { putOnSale: true });
    const off = await createItem(me, store.id, await validItem(store.id, seller.userId));
    await getDb().store.update({ where: { id: store.id }, data: { status: "SUSPENDED" } });
    expect(await setItemsStatus(me, store.id, [off.id], "ON_SALE")).toEqual({ changed: [], unchanged: [], failed: [{ itemId: off.id, reason: "STORE_NOT_APPROVED" }] });
    expect((await setItemsStatus(me, store.id, [on.id], "OFF_SALE")).changed).toEqual([on.id]);
  });

  it("refuses an empty selection or an unknown status", async () => {
    expect((await failure(setItemsStatus(seller, storeId, [], "ON_SALE"))).fieldErrors?.itemIds).toEqual(["noItemsSelected"]);
    expect((await failure(setItemsStatus(seller, storeId, ["x"], "DRAFT" as never))).code).toBe("VALIDATION");
  });
});
