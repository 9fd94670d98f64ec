// The Postgres connection pool behind Prisma. pg-pool's `pool.query` throws away the
// connection after ANY failed query, an ordinary SQL error included, so every refused
// checkout (the checkout statement then raised SOLD_OUT when a flash sale's last unit went to
// someone else; a unique-key collision still can) cost a new Postgres backend: a fork and
// a cold catalogue cache, ~15 ms, while the sale's other buyers queued for the pool. Seen as
// 1000 concurrent checkouts for 10 units taking 17 s and timing out in the pool. This pool
// keeps a connection after an error the server answered normally (ERROR severity: the
// statement failed, the session did not) and drops it for anything else — a broken socket, a
// FATAL, a client-side timeout — as pg-pool does.
//
// It also hands out connections that run one query at a time. Inside an interactive
// transaction Prisma's query interpreter fetches a write's included relations with
// Promise.all on the transaction's one connection (prisma/orm#29468); pg queues them, warns
// that this is deprecated, and pg@9 refuses it. The connections from connect() send each
// query once the one before it has finished, in the order they were asked for.
import pg from "pg";

/** True when the connection that raised `err` can serve the next query. */
export function connectionSurvives(err: unknown): boolean {
  return err instanceof pg.DatabaseError && err.severity === "ERROR";
}

type QueryArgs = [text: string | pg.QueryConfig, values?: unknown[]];

const serialised = Symbol("littleStoreSerialisedQueries");

/**
 * Makes `client` run its promise-returning queries one after another. Callback forms and
 * submittable queries (cursors, streams) go straight through, as they manage their own flow.
 */
export function serialiseQueries<C extends pg.ClientBase>(client: C): C {
  const c = client as C & { [serialised]?: true };
  if (c[serialised]) return client;
  c[serialised] = true;
  const query = client.query.bind(client) as (...a: unknown[]) => unknown;
  let last: Promise<unknown> = Promise.resolve();
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | undefined;
    if (args.some((a) => typeof a === "function") || typeof first?.submit === "function") return query(...args);
    const run = () => query(...args) as Promise<unknown>;
    const result = last.then(run, run);
    last = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
  return client;
}

export class Pool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(...args: unknown[]): Promise<pg.PoolClient> | void {
    if (args.length) return (super.connect as (...a: unknown[]) => void)(...args);
    return super.connect().then(serialiseQueries);
  }

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
