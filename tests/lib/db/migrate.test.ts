import { describe, expect, it } from "vitest";
import { openPglite, pgliteDriver } from "@/lib/db/driver";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { getDb } from "@/lib/db/client";
import { useTestDatabase } from "../../support/db";

describe("migrations", () => {
  it("records each migration the way Prisma Migrate does and applies nothing twice", async () => {
    const pg = await openPglite("memory://");
    const driver = pgliteDriver(pg, { owned: true });
    const first = await migrate(driver);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    const rows = await driver.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.checksum)).toEqual(readMigrations().map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at && r.applied_steps_count === 1)).toBe(true);
    const second = await migrate(driver);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(rows.length);
    await driver.close();
  });

  it("rolls a failing migration back and records nothing for it", async () => {
    const pg = await openPglite("memory://");
    const driver = pgliteDriver(pg, { owned: true });
    const broken = [{ name: "20990101000000_broken", sql: `CREATE TABLE "a" (id int); SELECT nonsense_fn();`, checksum: "x" }];
    await expect(migrate(driver, { migrations: broken, guards: null })).rejects.toThrow(/20990101000000_broken failed/);
    const tables = await driver.query(`SELECT 1 FROM pg_tables WHERE tablename = 'a'`);
    expect(tables).toHaveLength(0);
    expect(await driver.query(`SELECT 1 FROM "_prisma_migrations"`)).toHaveLength(0);
    await driver.close();
  });
});

describe("database guards", () => {
  useTestDatabase();

  it("rejects negative stock and rewriting the stock ledger, whatever the code does", async () => {
    const db = getDb();
    const user = await db.user.create({ data: { role: "SELLER", name: "s", email: "g@example.com" } });
    const store = await db.store.create({
      data: { slug: "guard", name: "G", description: "", businessName: "G", officialAccountId: "gh_1", mchId: "1900000001", contactPhone: "13800000000", status: "APPROVED" },
    });
    const item = await db.item.create({ data: { storeId: store.id, title: "T", description: [], categoryId: "other", specs: [] } });
    const sku = await db.sku.create({ data: { itemId: item.id, storeId: store.id, specKey: "", priceFen: 100, stock: 1 } });
    await expect(db.$executeRaw`UPDATE "Sku" SET stock = -1 WHERE id = ${sku.id}`).rejects.toThrow(/sku_stock_nonnegative/);
    const entry = await db.stockLedgerEntry.create({
      data: { storeId: store.id, itemId: item.id, skuId: sku.id, delta: 1, resultingStock: 1, reason: "INITIAL", actorId: user.id },
    });
    await expect(db.stockLedgerEntry.update({ where: { id: entry.id }, data: { delta: 5 } })).rejects.toThrow(/append-only/);
    await expect(db.stockLedgerEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
  });
});
