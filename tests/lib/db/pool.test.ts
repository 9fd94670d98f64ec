import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";
import { openPgPool } from "@/lib/db/driver";
import { getDb } from "@/lib/db/client";
import { Pool } from "@/lib/db/pool";
import { useTestDatabase } from "../../support/db";
import { createUser } from "../../support/fixtures";

// The pool sits under Prisma only on real Postgres.
const onPostgres = inject("dbKind") === "postgres";
useTestDatabase();

describe.runIf(onPostgres)("the Postgres pool behind Prisma", () => {
  const opened: Array<{ end(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((p) => p.end()));
  });

  function onePool() {
    // One connection, so "the same connection" is the only one there is.
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    pool.on("error", () => {});
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    opened.push({ end: () => prisma.$disconnect().then(() => pool.end()) });
    return { pool, prisma };
  }
  const backendPid = async (prisma: PrismaClient) => (await prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0].pid;

  it("keeps the connection after a statement fails with an ordinary SQL error", async () => {
    const { prisma } = onePool();
    const before = await backendPid(prisma);
    // A refusal raised by a function (as checkout's once raised SOLD_OUT).
    await expect(prisma.$queryRaw`SELECT 1 / 0`).rejects.toThrow(/division by zero/);
    await expect(prisma.$executeRaw`DO $$ BEGIN RAISE EXCEPTION 'SOLD_OUT' USING ERRCODE = 'P0001'; END $$`).rejects.toThrow(/SOLD_OUT/);
    expect(await backendPid(prisma)).toBe(before);
  });

  it("replaces a connection the server ended, and the next query succeeds", async () => {
    const { prisma } = onePool();
    const before = await backendPid(prisma);
    const admin = await openPgPool(process.env.DATABASE_URL!, 1);
    opened.push(admin);
    await admin.query("SELECT pg_terminate_backend($1)", [before]);
    // The first query may meet the dead socket (and fail); it must not be reused after that.
    await prisma.$queryRaw`SELECT 1`.catch(() => null);
    const after = await backendPid(prisma);
    expect(after).not.toBe(before);
  });

  it("answers callback-style queries as pg-pool does", async () => {
    const { pool } = onePool();
    const rows = await new Promise<unknown[]>((resolve, reject) => pool.query("SELECT 2 AS two", (err: Error | undefined, r: { rows: unknown[] }) => (err ? reject(err) : resolve(r.rows))));
    expect(rows).toEqual([{ two: 2 }]);
  });
  // Prisma fetches a write's included relations concurrently on a transaction's one
  // connection (prisma/orm#29468); pg warns that this is deprecated and pg@9 refuses it.
  it("runs a connection's concurrent queries one at a time, in order, without pg's deprecation warning", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    try {
      const { pool, prisma } = onePool();
      // What the adapter does inside a transaction: several queries at once on one client.
      const client = await pool.connect();
      let rows: { i: number; at: Date }[];
      try {
        rows = (await Promise.all(Array.from({ length: 8 }, (_, i) => client.query<{ i: number; at: Date }>("SELECT $1::int AS i, clock_timestamp() AS at FROM pg_sleep(0.005)", [i])))).map((r) => r.rows[0]);
      } finally {
        client.release();
      }
      expect(rows.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      const at = rows.map((r) => r.at.getTime());
      expect(at).toEqual([...at].sort((a, b) => a - b)); // sent in the order asked
      // And the case Prisma hits: a write that includes two relations, in a transaction.
      const user = await createUser("SELLER");
      await getDb().apiToken.create({ data: { kind: "MERCHANT", userId: user.id, tokenHash: `h-${user.id}`, prefix: "lsm_test" } });
      const updated = await prisma.$transaction((tx) => tx.user.update({ where: { id: user.id }, data: { name: "renamed" }, include: { apiTokens: true, memberships: true, addresses: true } }));
      expect(updated).toMatchObject({ name: "renamed", apiTokens: [{ prefix: "lsm_test" }], memberships: [], addresses: [] });
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
