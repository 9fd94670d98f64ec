// Builds one migrated template database per run; each integration test file then gets
// its own copy (tests/support/db.ts), so files run in parallel and start clean.
// DATABASE_URL set: real Postgres (template database). Unset: PGlite (template data dir).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, openPgPool, pgDriver, pgliteDriver } from "../../lib/db/driver";
import { migrate } from "../../lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    dbKind: "postgres" | "pglite";
    dbTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const base = new URL(url);
    const template = `${base.pathname.slice(1)}_tpl_${process.pid}`;
    const admin = await openPgPool(url, 1);
    await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
    await admin.query(`CREATE DATABASE "${template}"`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${template}`;
    const tpl = await openPgPool(tplUrl.toString(), 1);
    await migrate(pgDriver(tpl));
    await tpl.end();
    project.provide("dbKind", "postgres");
    project.provide("dbTemplate", template);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "little-store-test-"));
  const template = path.join(dir, "template");
  const pg = await openPglite(template);
  await migrate(pgliteDriver(pg));
  await pg.close();
  project.provide("dbKind", "pglite");
  project.provide("dbTemplate", template);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
