// Applies prisma/migrations the way `prisma migrate deploy` does, on Postgres and on
// PGlite alike, recording each in `_prisma_migrations` with Prisma's checksum so that
// `prisma migrate status|deploy` agree with what was applied. Then applies prisma/sql/*.sql
// (in name order, every run, idempotent): database rules and functions Prisma's schema
// language cannot express — kept out of the migrations so they build exactly the schema.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlDriver } from "./driver";

/** The advisory lock key Prisma Migrate itself takes, so the two never run at once. */
const PRISMA_MIGRATE_LOCK = 72707369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function prismaDir(root = process.cwd()) {
  return path.join(/*turbopackIgnore: true*/ root, "prisma");
}

export function readMigrations(dir = path.join(prismaDir(), "migrations")): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  modified: string[];
}

export async function migrate(
  driver: SqlDriver,
  { migrations = readMigrations(), guards = readGuards(), log = (_: string) => {} } = {},
): Promise<MigrateResult> {
  return driver.withLock(PRISMA_MIGRATE_LOCK, async (db) => {
    await db.exec(CREATE_TABLE);
    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) {
      throw new Error(
        `Migration ${failed.migration_name} failed earlier and was not resolved; fix the database, then mark it rolled back or applied (prisma migrate resolve).`,
      );
    }
    const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: 0, modified: [] };
    for (const m of migrations) {
      const recorded = done.get(m.name);
      if (recorded) {
        result.alreadyApplied++;
        if (recorded !== m.checksum) result.modified.push(m.name);
        continue;
      }
      log(`applying migration ${m.name}`);
      const id = crypto.randomUUID();
      await db.exec("BEGIN");
      try {
        await db.exec(m.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [id, m.checksum, m.name],
        );
        await db.exec("COMMIT");
      } catch (e) {
        await db.exec("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      result.applied.push(m.name);
    }
    if (result.modified.length) log(`warning: migrations changed after they were applied: ${result.modified.join(", ")}`);
    if (guards) await db.exec(guards);
    return result;
  });
}

export function readGuards(dir = path.join(prismaDir(), "sql")): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".sql")).sort();
  return files.map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n;\n") || null;
}
