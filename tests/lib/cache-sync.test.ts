// Storefront caches across app instances: an invalidation broadcast on the database reaches
// every instance's listener and moves on that instance's cache keys; a listener that lost
// its connection (or could not start) expires everything once it is back, since it may
// have missed messages. Real Postgres where the run has it; the embedded database otherwise.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { CACHE_CHANNEL, invalidate, invalidationPayloads, tagGenerations } from "@/lib/cache";
import { startCacheSync } from "@/lib/cache-sync";
import { getDb, getPglite } from "@/lib/db/client";
import { pgChannelSource, pgliteChannelSource, type ChannelSource } from "@/lib/db/listen";
import { env } from "@/lib/env";
import { useTestDatabase } from "../support/db";
import { waitFor } from "./notifications/support";

// No Next server here: revalidateTag has no request to act on.
vi.mock("next/cache", () => ({ revalidateTag: vi.fn(), unstable_cache: vi.fn() }));

useTestDatabase();

const postgres = () => !!env().DATABASE_URL;
const APP_NAME = "little-store-cache-sync-test";
function source(): ChannelSource {
  const url = env().DATABASE_URL;
  return url ? pgChannelSource(url, { channel: CACHE_CHANNEL, applicationName: APP_NAME, maxBackoffMs: 200, healthCheckMs: 500 }) : pgliteChannelSource(async () => (await getPglite())!, CACHE_CHANNEL);
}

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(stops.map((s) => s()));
});
afterEach(() => vi.unstubAllEnvs());

async function running(s = source()) {
  const sync = startCacheSync(s, { retryMs: 50 });
  stops.push(sync.stop);
  await sync.ready;
  return sync;
}

/** Another instance's broadcast, sent as it would send it. */
async function broadcastFromAnotherInstance(tagList: string[]) {
  for (const payload of invalidationPayloads(tagList, "another-instance")) await getDb().$executeRaw`SELECT pg_notify(${CACHE_CHANNEL}, ${payload})`;
}

describe("cache sync", () => {
  it("moves on this instance's keys for exactly the tags another instance invalidated", async () => {
    await running();
    const before = { a: tagGenerations(["store:sync-a"]), b: tagGenerations(["store:sync-b"]) };
    await broadcastFromAnotherInstance(["store:sync-a"]);
    await waitFor(() => tagGenerations(["store:sync-a"]) !== before.a, 5_000, "the broadcast");
    expect(tagGenerations(["store:sync-b"])).toBe(before.b);
  });

  // The sending side: invalidate() in a server on Postgres reaches a listener on another connection.
  it.runIf(!!process.env.DATABASE_URL)("broadcasts what a server process invalidates to listeners on other connections", async () => {
    const heard: string[] = [];
    const other = source();
    stops.push(() => other.stop());
    await other.start({ message: (p) => heard.push(p), resync: () => {} });
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    invalidate("store:sent-1", "item:sent-2");
    await waitFor(() => heard.length === 1, 5_000, "the broadcast");
    expect(JSON.parse(heard[0]).tags).toEqual(["store:sent-1", "item:sent-2"]);
  });

  it.runIf(!!process.env.DATABASE_URL)("expires every cached read after its connection drops and comes back", async () => {
    await running();
    const before = tagGenerations(["store:sync-c"]);
    const killed = await getDb().$queryRaw<{ n: bigint }[]>`
      SELECT count(pg_terminate_backend(pid))::bigint AS n FROM pg_stat_activity
      WHERE application_name = ${APP_NAME} AND datname = current_database()`;
    expect(Number(killed[0].n)).toBeGreaterThan(0);
    await waitFor(() => tagGenerations(["store:sync-c"]) !== before, 10_000, "the resync");
    // And it is listening again.
    const after = tagGenerations(["store:sync-d"]);
    await broadcastFromAnotherInstance(["store:sync-d"]);
    await waitFor(() => tagGenerations(["store:sync-d"]) !== after, 10_000, "a broadcast after reconnecting");
  });

  it("keeps trying when it cannot start listening, and expires everything once it can", async () => {
    const real = source();
    let failures = 2;
    const flaky: ChannelSource = {
      start: (h) => (failures-- > 0 ? Promise.reject(new Error("database not reachable")) : real.start(h)),
      stop: () => real.stop(),
    };
    const before = tagGenerations(["store:sync-e"]);
    await running(flaky);
    expect(failures).toBeLessThan(0);
    expect(tagGenerations(["store:sync-e"])).not.toBe(before);
    const now = tagGenerations(["store:sync-f"]);
    await broadcastFromAnotherInstance(["store:sync-f"]);
    await waitFor(() => tagGenerations(["store:sync-f"]) !== now, 5_000, "the broadcast");
  });
});
