import "server-only";
// The one Prisma client of the process: real Postgres through @prisma/adapter-pg when
// DATABASE_URL is set, else embedded PGlite persisted under PGLITE_DATA_DIR.
import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";
import { openPglite } from "./driver";
import { Pool } from "./pool";
import { nulGuard } from "./nul-guard";
import { createStatementNamer } from "./statement-names";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

interface Holder {
  client?: PrismaClient;
  pglite?: Promise<PGlite>;
}
// Survives module reloads in `next dev`.
const holder = ((globalThis as { __littleStoreDb?: Holder }).__littleStoreDb ??= {});

const transactionOptions = { maxWait: 10_000, timeout: 20_000 } as const;

// The client type stays PrismaClient: the extension changes answers, not the API.
const guarded = (client: PrismaClient) => client.$extends(nulGuard) as unknown as PrismaClient;

function createClient(): PrismaClient {
  const e = env();
  if (e.DATABASE_URL) {
    return guarded(new PrismaClient({
      adapter: new PrismaPg(
        new Pool({
          connectionString: e.DATABASE_URL,
          max: e.DATABASE_POOL_SIZE,
          // When Postgres is unreachable, fail in seconds (a 503 the client can retry), never hang.
          connectionTimeoutMillis: 15_000,
          idleTimeoutMillis: 30_000,
        }),
        {
          onPoolError: () => {},
          disposeExternalPool: true,
          ...(e.DATABASE_PREPARED_STATEMENTS ? { statementNameGenerator: prismaStatementNamer() } : {}),
        },
      ),
      transactionOptions,
    }));
  }
  // PGlite opens asynchronously; the adapter factory below waits for it on first use.
  holder.pglite ??= openPglite(e.PGLITE_DATA_DIR);
  const pglite = holder.pglite;
  const factory = {
    provider: "postgres" as const,
    adapterName: "pglite-prisma-adapter",
    async connect() {
      const { PrismaPGlite } = await import("pglite-prisma-adapter");
      return new PrismaPGlite(await pglite).connect();
    },
    async connectToShadowDb() {
      throw new Error("no shadow database for PGlite");
    },
  };
  return guarded(new PrismaClient({ adapter: factory as never, transactionOptions }));
}

/**
 * The adapter types its generator as always returning a name, but hands the result straight
 * to pg as `name`, where undefined means "unnamed": what the namer answers past its bound.
 */
function prismaStatementNamer() {
  const nameOf = createStatementNamer();
  return (query: { sql: string }) => nameOf(query.sql) as string;
}

/** The process-wide Prisma client. */
export function getDb(): PrismaClient {
  holder.client ??= createClient();
  return holder.client;
}

/** The PGlite instance behind the client, when running embedded. */
export async function getPglite(): Promise<PGlite | null> {
  if (env().DATABASE_URL) return null;
  getDb();
  return holder.pglite ?? null;
}

export async function disconnectDb() {
  const { client, pglite } = holder;
  holder.client = undefined;
  holder.pglite = undefined;
  await client?.$disconnect();
  if (pglite) await (await pglite).close();
}

/** `db.item.findMany(…)`: a getter so importing this module opens nothing. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = getDb() as unknown as Record<PropertyKey, unknown>;
    const value = client[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});
