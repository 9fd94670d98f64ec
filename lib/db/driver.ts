// A minimal SQL driver over either real Postgres (pg) or embedded PGlite, used where
// Prisma is not: applying migrations, test resets, benchmarks' raw ceilings.
import fs from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";

export interface SqlDriver {
  readonly kind: "postgres" | "pglite";
  /** Run a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Run fn on one connection holding a session-level advisory lock. */
  withLock<T>(key: number, fn: (d: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openPglite(dataDir: string): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (!dataDir.startsWith("memory://")) fs.mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir);
}

export function pgliteDriver(db: PGlite, { owned = false } = {}): SqlDriver {
  const driver: SqlDriver = {
    kind: "pglite",
    async exec(sql) {
      await db.exec(sql);
    },
    async query<R>(sql: string, params: unknown[] = []) {
      return (await db.query<R>(sql, params)).rows;
    },
    // One process owns a PGlite database: there is nobody to lock against.
    async withLock(_key, fn) {
      return fn(driver);
    },
    async close() {
      if (owned) await db.close();
    },
  };
  return driver;
}

export function pgDriver(pool: Pool, { owned = false } = {}): SqlDriver {
  return {
    kind: "postgres",
    async exec(sql) {
      await pool.query(sql);
    },
    async query<R>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as R[];
    },
    async withLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [key]);
        const single: SqlDriver = {
          kind: "postgres",
          exec: async (sql) => void (await client.query(sql)),
          query: async <R,>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
          withLock: () => Promise.reject(new Error("nested withLock")),
          close: async () => {},
        };
        return await fn(single);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => {});
        client.release();
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}

export async function openPgPool(connectionString: string, max = 4): Promise<Pool> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection dropped by the server (restart, admin termination) must not crash the process.
  pool.on("error", () => {});
  return pool;
}
