import "server-only";
// Which database this process talks to: the cluster's system identifier (new at every
// initdb, so a wiped embedded database gets a new one) and the database's oid (new when a
// database is recreated). Next's data cache lives on disk in .next/cache and outlives the
// database; cached reads put this in their keys so they never serve another database's rows.
import { db } from "./client";

let identity: Promise<string> | undefined;

export function databaseIdentity(): Promise<string> {
  identity ??= db
    .$queryRaw<{ sys: string; oid: string }[]>`
      SELECT (SELECT system_identifier FROM pg_control_system())::text AS sys,
             (SELECT oid FROM pg_database WHERE datname = current_database())::text AS oid`
    .then(([r]) => `${r.sys}.${r.oid}`)
    .catch((e) => {
      identity = undefined; // try again on the next read
      throw e;
    });
  return identity;
}
