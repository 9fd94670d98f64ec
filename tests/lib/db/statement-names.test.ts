import { afterAll, describe, expect, inject, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { createStatementNamer } from "@/lib/db/statement-names";
import { useTestDatabase } from "../../support/db";

describe("statement names", () => {
  it("gives the same text the same name and different texts different names", () => {
    const nameOf = createStatementNamer();
    const a = nameOf('SELECT * FROM "Order" WHERE id = $1');
    expect(a).toMatch(/^ls_[\w-]+$/);
    expect(nameOf('SELECT * FROM "Order" WHERE id = $1')).toBe(a);
    expect(nameOf('SELECT * FROM "Order" WHERE id = $2')).not.toBe(a);
  });

  it("names only the first texts up to its bound, and those keep their names", () => {
    const nameOf = createStatementNamer(2);
    const first = nameOf("SELECT 1");
    expect(nameOf("SELECT 2")).toBeDefined();
    // An IN list of yet another length: run unnamed rather than prepared on every connection.
    expect(nameOf("SELECT 3")).toBeUndefined();
    expect(nameOf("SELECT 1")).toBe(first);
  });
});

// Prisma's statements reach Postgres as named, prepared statements (only on real Postgres:
// PGlite runs in-process, with nothing to save).
describe.runIf(inject("dbKind") === "postgres")("the app's client on Postgres", () => {
  useTestDatabase();
  afterAll(() => {
    delete process.env.DATABASE_PREPARED_STATEMENTS;
  });

  // The statement sees the prepared statements of its own connection, itself included.
  const prepared = () => db.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements WHERE ${"x"}::text = 'x'`;

  it("prepares each statement once per connection, under its name", async () => {
    const rows = await prepared();
    const own = rows.find((r) => r.statement.includes("FROM pg_prepared_statements"));
    expect(own?.name).toBe(createStatementNamer()(own!.statement));
  });

  it("sends every statement unnamed when DATABASE_PREPARED_STATEMENTS=false", async () => {
    process.env.DATABASE_PREPARED_STATEMENTS = "false";
    resetEnvForTests();
    await disconnectDb();
    expect(await prepared()).toEqual([]);
  });
});
