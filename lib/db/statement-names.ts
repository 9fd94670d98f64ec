import "server-only";
// Names for Prisma's statements, so node-postgres prepares each one once per connection and
// Postgres plans it once (later with its generic plan when that is no worse) instead of
// parsing and planning it on every execution. Planning was most of the database's work on
// the hot reads: an order's token lookup took 300 µs of Postgres CPU unnamed and 130 µs
// named, its store + SKU read 400 µs and 170 µs (bench: Postgres CPU per order).
//
// Bounded: a statement whose text varies (an IN list of a new length) would otherwise
// leave one more prepared statement on every connection, forever. The first MAX_NAMED
// distinct texts get a name, the rest run unnamed, as every statement did before.
// Turned off with DATABASE_PREPARED_STATEMENTS=false, for a pooler in transaction mode
// that cannot follow named statements across connections (PgBouncer before 1.21).
import crypto from "node:crypto";

export const MAX_NAMED = 500;

export function createStatementNamer(max = MAX_NAMED) {
  const names = new Map<string, string>();
  return (sql: string): string | undefined => {
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= max) return undefined;
      name = `ls_${crypto.createHash("sha1").update(sql).digest("base64url")}`;
      names.set(sql, name);
    }
    return name;
  };
}
