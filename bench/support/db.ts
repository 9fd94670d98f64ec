// A fresh benchmark database on DATABASE_URL's server, migrated, and this process pointed at it.
import pg from "pg";
import { disconnectDb } from "../../lib/db/client";
import { openPgPool, pgDriver } from "../../lib/db/driver";
import { migrate } from "../../lib/db/migrate";
import { resetEnvForTests } from "../../lib/env";

export interface BenchDb {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error("Benchmarks need a real Postgres: set DATABASE_URL=postgresql://… (a fresh database is created beside it).");
    process.exit(2);
  }
  return url;
}

export async function createBenchDb(tag: string): Promise<BenchDb> {
  const base = serverUrl();
  const name = `little_store_bench_${tag}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const pool = await openPgPool(url, 1);
  await migrate(pgDriver(pool));
  await pool.end();
  return {
    url,
    name,
    async drop() {
      await disconnectDb().catch(() => {});
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Point this process's one Prisma client at `url`. */
export async function useDatabase(url: string) {
  await disconnectDb().catch(() => {});
  process.env.DATABASE_URL = url;
  resetEnvForTests();
}

/** Runs `fn` with this process's Prisma client on a pool of `size` connections (the app's, say), then back to the default. */
export async function withPoolSize<T>(url: string, size: number, fn: () => Promise<T>): Promise<T> {
  const before = process.env.DATABASE_POOL_SIZE;
  process.env.DATABASE_POOL_SIZE = String(size);
  await useDatabase(url);
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = before;
    await useDatabase(url);
  }
}
