import { describe, expect, it } from "vitest";
import Handler, { markAllInvalidated, markInvalidated } from "@/lib/cache-handler.mjs";
import { applyInvalidationMessage, invalidate } from "@/lib/cache";

// Entries shaped as Next hands them over: a rendered page carries its tags in a header, a
// data entry (unstable_cache) in the set() context.
const page = (tags: string[], html = "<html>…</html>") => ({ kind: "APP_PAGE", html, rscData: Buffer.from("rsc"), headers: { "x-next-cache-tags": tags.join(",") }, status: 200 });
const data = (value: unknown) => ({ kind: "FETCH", data: { body: JSON.stringify(value) }, revalidate: 60 });
const pageCtx = { cacheControl: { revalidate: 60, expire: undefined } };

async function render(h: Handler, key: string, value: unknown, ctx?: Parameters<Handler["set"]>[2], during?: () => void) {
  // A miss, then the render, then its result stored: the order Next follows.
  await h.get(key);
  during?.();
  await h.set(key, value, ctx);
}

describe("the cache handler", () => {
  // Next makes a handler per request: what one stored, the next must find.
  it("shares its entries between the handlers of one process", async () => {
    await render(new Handler(), "/zh-CN/s/shared", page(["store:s0"]), pageCtx);
    expect(await new Handler().get("/zh-CN/s/shared")).not.toBeNull();
  });

  it("serves what was stored until one of its tags is invalidated", async () => {
    const h = new Handler();
    await render(h, "/zh-CN/s/shop", page(["store:s1", "_N_T_/layout"]), pageCtx);
    expect((await h.get("/zh-CN/s/shop"))?.value).toMatchObject({ kind: "APP_PAGE" });
    markInvalidated(["store:other"]);
    expect(await h.get("/zh-CN/s/shop")).not.toBeNull();
    markInvalidated(["store:s1"]);
    expect(await h.get("/zh-CN/s/shop")).toBeNull();
  });

  it("expires data entries by the tags Next passes with them", async () => {
    const h = new Handler();
    await render(h, "k1", data({ a: 1 }), { tags: ["item:i1"], fetchCache: true });
    expect(await h.get("k1")).not.toBeNull();
    markInvalidated(["item:i1"]);
    expect(await h.get("k1")).toBeNull();
  });

  // The case Next's own cache gets wrong: the render read the old data, the change landed,
  // then the render's result was stored — with a newer timestamp than the change.
  it("does not store a render during which one of its tags was invalidated", async () => {
    const h = new Handler();
    await render(h, "/en/s/shop", page(["store:s2"]), pageCtx, () => markInvalidated(["store:s2"]));
    expect(await h.get("/en/s/shop")).toBeNull();
    // The next render, begun after the change, is stored.
    await render(h, "/en/s/shop", page(["store:s2"]), pageCtx);
    expect(await h.get("/en/s/shop")).not.toBeNull();
  });

  // Seen in the browser journeys: a seller's page prefetched the store's home while they
  // published, and the buyer was served the old shelf. Two renders of one page were in flight
  // (the page and its prefetch); one stored before the change, and the other, begun before
  // the change too, stored after it — and was taken as begun after it.
  it("does not store a render begun before a change when another render of the page finished first", async () => {
    const h = new Handler();
    const key = "/en/s/race";
    await h.get(key); // render A begins
    await h.get(key); // render B begins (both read the old shelf)
    await h.set(key, page(["store:s7"], "old A"), pageCtx); // A finishes first
    markInvalidated(["store:s7"]); // the shelf is published
    await h.set(key, page(["store:s7"], "old B"), pageCtx); // B finishes after the change
    expect(await h.get(key)).toBeNull();
    // A render begun after the change is stored.
    await render(h, key, page(["store:s7"], "new"), pageCtx);
    expect(((await h.get(key))?.value as { html: string }).html).toBe("new");
  });

  it("does not count a render that finished first as the later one's start", async () => {
    const h = new Handler();
    const key = "/en/s/race2";
    await h.get(key); // A begins, before the change
    markInvalidated(["store:s8"]);
    await h.get(key); // B begins, after it
    await h.set(key, page(["store:s8"], "new B"), pageCtx); // B finishes first
    await h.set(key, page(["store:s8"], "old A"), pageCtx); // then A, with what it read before
    expect(await h.get(key)).toBeNull();
  });

  it("treats a result stored without a lookup as begun as long ago as a render may take", async () => {
    const h = new Handler();
    markInvalidated(["store:s9"]);
    await h.set("/en/s/unasked", page(["store:s9"]), pageCtx);
    expect(await h.get("/en/s/unasked")).toBeNull();
    await h.set("/en/s/unasked-other", page(["store:s10"]), pageCtx);
    expect(await h.get("/en/s/unasked-other")).not.toBeNull();
  });

  it("drops everything rendered before markAllInvalidated (a missed invalidation)", async () => {
    const h = new Handler();
    await render(h, "a", page(["store:s3"]), pageCtx);
    await render(h, "b", data(1), { tags: ["item:i3"], fetchCache: true });
    markAllInvalidated();
    expect(await h.get("a")).toBeNull();
    expect(await h.get("b")).toBeNull();
  });

  // Background jobs and other instances (lib/cache-sync.ts) invalidate outside any request,
  // where Next's revalidateTag cannot: their changes must reach cached pages too.
  it("hears invalidations from lib/cache, including another instance's", async () => {
    const h = new Handler();
    await render(h, "p1", page(["item:i4"]), pageCtx);
    await render(h, "p2", page(["item:i5"]), pageCtx);
    invalidate("item:i4");
    expect(await h.get("p1")).toBeNull();
    expect(await h.get("p2")).not.toBeNull();
    applyInvalidationMessage(JSON.stringify({ from: "another-instance", tags: ["item:i5"] }));
    expect(await h.get("p2")).toBeNull();
  });

  it("evicts the least recently used entries beyond its byte budget", async () => {
    const h = new Handler({ maxBytes: 20_000, isolated: true });
    for (const key of ["x", "y", "z"]) await render(h, key, page([`store:${key}`], "h".repeat(5_000)), pageCtx);
    await h.get("x"); // x is now the most recently used
    await render(h, "w", page(["store:w"], "h".repeat(5_000)), pageCtx);
    expect(await h.get("y")).toBeNull();
    expect(await h.get("x")).not.toBeNull();
    expect(h.bytes).toBeLessThanOrEqual(20_000);
  });

  it("honours revalidateTag from Next (a request's own invalidation)", async () => {
    const h = new Handler();
    await render(h, "q", page(["store:s6"]), pageCtx);
    await h.revalidateTag("store:s6");
    expect(await h.get("q")).toBeNull();
  });
});
