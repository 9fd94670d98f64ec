// The Postgres connection pool behind Prisma. pg-pool's `pool.query` throws away the
// connection after ANY failed query, an ordinary SQL error included, so every refused
// checkout (ls_place_order raising SOLD_OUT when a flash sale's last unit goes to someone
// else, a unique-key collision on a retried submit) cost a new Postgres backend: a fork and
// a cold catalogue cache, ~15 ms, while the sale's other buyers queued for the pool. Seen as
// 1000 concurrent checkouts for 10 units taking 17 s and timing out in the pool. This pool
// keeps a connection after an error the server answered normally (ERROR severity: the
// statement failed, the session did not) and drops it for anything else — a broken socket, a
// FATAL, a client-side timeout — as pg-pool does.
import pg from "pg";

/** True when the connection that raised `err` can serve the next query. */
export function connectionSurvives(err: unknown): boolean {
  return err instanceof pg.DatabaseError && err.severity === "ERROR";
}

type QueryArgs = [text: string | pg.QueryConfig, values?: unknown[]];

export class Pool extends pg.Pool {
  // Prisma's adapter calls query(config) and awaits the promise; the callback forms keep
  // pg-pool's own behaviour.
  override query(...args: unknown[]): never {
    if (args.some((a) => typeof a === "function")) return (super.query as (...a: unknown[]) => never)(...args);
    return this.queryKeepingConnection(...(args as QueryArgs)) as never;
  }

  private async queryKeepingConnection(text: string | pg.QueryConfig, values?: unknown[]) {
    const client = await this.connect();
    let released = false;
    const release = (err?: unknown) => {
      if (released) return;
      released = true;
      client.release(err === undefined || connectionSurvives(err) ? undefined : (err as Error));
    };
    // A connection lost mid-query is reported on the client too; without a listener that
    // event would crash the process.
    const onError = (err: Error) => release(err);
    client.once("error", onError);
    try {
      const result = await client.query(text as pg.QueryConfig, values);
      release();
      return result;
    } catch (err) {
      release(err);
      throw err;
    } finally {
      client.removeListener("error", onError);
    }
  }
}
