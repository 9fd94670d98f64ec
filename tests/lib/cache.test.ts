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
// What invalidate() broadcasts to the other app instances (pg_notify through the app's client).
const notified: { channel: unknown; payload: unknown }[] = [];
vi.mock("@/lib/db/client", () => ({
  db: { $executeRaw: async (_sql: TemplateStringsArray, channel: unknown, payload: unknown) => (notified.push({ channel, payload }), 1) },
}));

const { BACKSTOP_REVALIDATE_S, CACHE_CHANNEL, applyInvalidationMessage, cachedRead, expireAllCachedReads, invalidate, invalidationPayloads, tagGenerations, tags } = await import("@/lib/cache");
const { resetEnvForTests } = await import("@/lib/env");

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

describe("invalidation across app instances", () => {
  beforeEach(() => {
    notified.length = 0;
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  const ownId = () => tagGenerations([]).split(":")[0];

  it("broadcasts every invalidation on Postgres, tagged with this process, for the other instances", async () => {
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/somewhere");
    resetEnvForTests();
    invalidate(tags.store("s1"), tags.item("i1"));
    await vi.waitFor(() => expect(notified).toHaveLength(1));
    expect(notified[0].channel).toBe(CACHE_CHANNEL);
    expect(JSON.parse(String(notified[0].payload))).toEqual({ from: ownId(), tags: ["store:s1", "item:i1"] });
  });

  it("broadcasts nothing on the embedded database (one process) or outside a server", async () => {
    vi.stubEnv("DATABASE_URL", "");
    resetEnvForTests();
    invalidate(tags.store("s1"));
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/somewhere");
    vi.stubEnv("NEXT_RUNTIME", "");
    resetEnvForTests();
    invalidate(tags.store("s1"));
    await new Promise((r) => setTimeout(r, 20));
    expect(notified).toEqual([]);
  });

  it("moves on exactly the tags another instance invalidated, and ignores its own broadcasts", () => {
    const before = { a: tagGenerations(["store:a"]), b: tagGenerations(["store:b"]) };
    for (const payload of invalidationPayloads(["store:a"], "another-instance")) applyInvalidationMessage(payload);
    expect(tagGenerations(["store:a"])).not.toBe(before.a);
    expect(tagGenerations(["store:b"])).toBe(before.b);
    const now = tagGenerations(["store:a"]);
    for (const payload of invalidationPayloads(["store:a"])) applyInvalidationMessage(payload); // ours, echoed back by Postgres
    expect(tagGenerations(["store:a"])).toBe(now);
  });

  it("expires every cached read on a message it cannot read, or when asked to (after missing messages)", () => {
    const first = tagGenerations(["store:c"]);
    applyInvalidationMessage("not json");
    const second = tagGenerations(["store:c"]);
    expect(second).not.toBe(first);
    applyInvalidationMessage(JSON.stringify({ from: "x", tags: [] }));
    expect(tagGenerations(["store:c"])).not.toBe(second);
    const third = tagGenerations(["store:c"]);
    expireAllCachedReads();
    expect(tagGenerations(["store:c"])).not.toBe(third);
  });

  it("never fails the caller's (already committed) write over a tag it cannot broadcast", async () => {
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/somewhere");
    resetEnvForTests();
    const before = tagGenerations(["store:long"]);
    expect(() => invalidate("store:long", `item:${"x".repeat(9000)}`)).not.toThrow();
    expect(tagGenerations(["store:long"])).not.toBe(before); // still applied here
    expect(notified).toEqual([]);
  });

  it("splits a large invalidation into payloads Postgres accepts (under 8000 bytes), losing no tag", () => {
    const many = Array.from({ length: 600 }, (_, i) => tags.item(`item-${String(i).padStart(20, "0")}`));
    const payloads = invalidationPayloads([...many, many[0]]);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => JSON.parse(p).tags)).toEqual(many);
  });
});
