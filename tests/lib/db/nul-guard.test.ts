// A lookup by a value holding NUL (an id from a URL with %00) is answered "not found" by the
// Prisma client instead of reaching Postgres, which refuses such a statement outright (a 500
// on every page that looks a record up by its address).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { holdsNul } from "@/lib/db/nul-guard";
import { AppError } from "@/lib/errors";
import { loadGroupPage } from "@/lib/storefront/group";
import { loadItemPage } from "@/lib/storefront/item";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus } from "../../support/catalog";
import { authWorld } from "../../support/fixtures";

useTestDatabase();

let w: Awaited<ReturnType<typeof authWorld>>;
let itemId: string;
beforeAll(async () => {
  w = await authWorld();
  itemId = (await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 1000, stock: 3 }] })).itemId;
});

const bad = `${"x"}\u0000`;

describe("the NUL guard of the Prisma client", () => {
  it("answers reads by a value holding NUL as not found, without asking Postgres", async () => {
    const db = getDb();
    expect(await db.item.findUnique({ where: { id: bad } })).toBeNull();
    expect(await db.item.findFirst({ where: { storeId: w.storeA.id, OR: [{ id: itemId }, { title: { contains: bad } }] } })).toBeNull();
    expect(await db.item.findMany({ where: { id: { in: [itemId, bad] } } })).toEqual([]);
    expect(await db.item.count({ where: { id: bad } })).toBe(0);
    expect(await db.item.count({ where: { id: bad }, select: { _all: true, title: true } })).toEqual({ _all: 0, title: 0 });
    expect(await db.item.groupBy({ by: ["status"], where: { title: { contains: bad } }, _count: true })).toEqual([]);
    expect(await db.sku.aggregate({ where: { itemId: bad }, _count: true, _sum: { stock: true }, _max: { priceFen: true } })).toEqual({ _count: 0, _sum: { stock: null }, _max: { priceFen: null } });
    await expect(db.item.findUniqueOrThrow({ where: { id: bad } })).rejects.toSatisfy((e) => e instanceof AppError && e.code === "NOT_FOUND");
  });

  it("leaves every other read alone", async () => {
    const db = getDb();
    expect((await db.item.findUnique({ where: { id: itemId }, select: { id: true } }))?.id).toBe(itemId);
    expect(await db.item.count({ where: { id: itemId } })).toBe(1);
    // The empty answers above have the shape of real ones over no rows.
    expect(await db.sku.aggregate({ where: { itemId: "none" }, _count: true, _sum: { stock: true }, _max: { priceFen: true } })).toEqual({ _count: 0, _sum: { stock: null }, _max: { priceFen: null } });
    expect(await db.item.count({ where: { id: "none" }, select: { _all: true, title: true } })).toEqual({ _all: 0, title: 0 });
  });

  it("makes the storefront's item and group lookups plain misses", async () => {
    expect(await loadItemPage(w.storeA.id, "abc\u0000")).toBeNull();
    expect(await loadGroupPage(w.storeA.id, "\u0000")).toBeNull();
    expect(await loadItemPage(w.storeA.id, itemId)).not.toBeNull();
  });

  it("finds NUL in nested values and keys, and nothing where there is none", () => {
    expect(holdsNul({ a: [{ b: { in: ["ok", "n\u0000"] } }] })).toBe(true);
    expect(holdsNul({ ["k\u0000"]: 1 })).toBe(true);
    expect(holdsNul({ a: [1, "ok", null, new Date(0), { b: true }] })).toBe(false);
    expect(holdsNul(undefined)).toBe(false);
  });
});
