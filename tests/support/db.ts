// Gives the calling test file its own fresh, migrated database (a copy of the run's
// template) and points the app's one Prisma client at it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { openPgPool } from "@/lib/db/driver";
import { resetEnvForTests } from "@/lib/env";

export function useTestDatabase() {
  const kind = inject("dbKind");
  const template = inject("dbTemplate");
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  let cleanup = async () => {};

  beforeAll(async () => {
    if (kind === "postgres") {
      const base = process.env.DATABASE_URL!;
      const admin = await openPgPool(base, 1);
      const dbName = `${new URL(base).pathname.slice(1)}_${name}`;
      await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE "${template}"`);
      const url = new URL(base);
      url.pathname = `/${dbName}`;
      process.env.DATABASE_URL = url.toString();
      cleanup = async () => {
        process.env.DATABASE_URL = base;
        await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
        await admin.end();
      };
    } else {
      const dir = path.join(path.dirname(template), name);
      fs.cpSync(template, dir, { recursive: true });
      process.env.PGLITE_DATA_DIR = dir;
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    resetEnvForTests();
  });

  afterAll(async () => {
    await disconnectDb();
    await cleanup();
    resetEnvForTests();
  });
}
