import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Capture what cachedRead hands to Next's data cache (there is no Next server in tests).
const calls: { keyParts: string[]; options: { tags?: string[]; revalidate?: number | false } }[] = [];
vi.mock("next/cache", () => ({
  revalidateTag: vi.fn(),
  unstable_cache: (fn: () => Promise<unknown>, keyParts: string[], options: { tags?: string[]; revalidate?: number | false }) => {
    calls.push({ keyParts, options });
    return fn;
  },
}));
vi.mock("@/lib/db/identity", () => ({ databaseIdentity: async () => "db-1" }));

const { BACKSTOP_REVALIDATE_S, cachedRead, invalidate, tagGenerations, tags } = await import("@/lib/cache");

describe("cachedRead", () => {
  beforeEach(() => {
    calls.length = 0;
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
  });
  afterEach(() => vi.unstubAllEnvs());

  it("keys the entry by the database and the arguments, and tags it", async () => {
    const read = cachedRead("item-page", async (storeId: string, itemId: string) => `${storeId}/${itemId}`, { tags: (s, i) => [tags.item(i), tags.store(s)] });
    expect(await read("s1", "i1")).toBe("s1/i1");
    expect(calls[0].keyParts).toEqual(["read", "db-1", "item-page", "s1", "i1", tagGenerations(["item:i1", "store:s1"])]);
    expect(calls[0].options.tags).toEqual(["item:i1", "store:s1"]);
  });

  // A read that began before a change and stored its result after it must not be served as fresh.
  it("keys entries by their tags' generations, which invalidating one of the tags moves on", async () => {
    const read = cachedRead("home", async (storeId: string) => storeId, { tags: (s) => [tags.store(s)] });
    await read("s7");
    await read("s8");
    invalidate(tags.store("s7"));
    await read("s7");
    await read("s8");
    const key = (i: number) => calls[i].keyParts.at(-1);
    expect(key(2)).not.toBe(key(0)); // s7 changed: a new key, the old entry is never read again
    expect(key(3)).toBe(key(1)); // s8 did not
  });

  // Tag invalidation reaches only the process that made the change: with several app
  // instances, an entry that never expired would stay stale on the others for good.
  it("lets no entry live longer than the backstop unless it asks for a window of its own", async () => {
    await cachedRead("a", async () => 1, { tags: () => [] })();
    await cachedRead("b", async () => 2, { tags: () => [], revalidate: 300 })();
    expect(calls.map((c) => c.options.revalidate)).toEqual([BACKSTOP_REVALIDATE_S, 300]);
    expect(BACKSTOP_REVALIDATE_S).toBeGreaterThan(0);
    expect(BACKSTOP_REVALIDATE_S).toBeLessThanOrEqual(60);
  });

  it("reads straight from the loader outside a Next server", async () => {
    vi.stubEnv("NEXT_RUNTIME", "");
    expect(await cachedRead("c", async () => 3, { tags: () => [] })()).toBe(3);
    expect(calls).toEqual([]);
  });
});
