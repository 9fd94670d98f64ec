import { describe, expect, it } from "vitest";
import { json } from "@/lib/api/endpoint";

// Next's response compression skips answers marked no-transform; those that fit in one round trip should be.
describe("json responses", () => {
  it("marks answers under 8 KB no-transform, keeping any Cache-Control the handler set", async () => {
    const small = json({ ok: true }, { status: 201, headers: { "Cache-Control": "no-store" } });
    expect(small.status).toBe(201);
    expect(small.headers.get("content-type")).toBe("application/json");
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await small.json()).toEqual({ ok: true });
    expect(json({ a: 1 }).headers.get("cache-control")).toBe("no-transform");
  });

  it("leaves larger answers compressible", async () => {
    const body = { items: Array.from({ length: 400 }, (_, i) => ({ id: `item-${i}`, title: "龙井茶" })) };
    const big = json(body);
    expect(big.headers.get("cache-control")).toBeNull();
    expect(await big.json()).toEqual(body);
  });
});
