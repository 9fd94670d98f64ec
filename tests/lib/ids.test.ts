import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";

describe("newId", () => {
  it("makes cuid-shaped ids that do not repeat", () => {
    const ids = Array.from({ length: 50_000 }, newId);
    for (const id of ids.slice(0, 1000)) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  // The pool of random bytes is refilled many times over here; a refill that reused bytes,
  // or a modulo bias, would show as characters far off 1/36 each.
  it("uses every character equally often in every position", () => {
    const n = 36_000;
    const counts = Array.from({ length: 24 }, () => new Map<string, number>());
    for (let i = 0; i < n; i++) {
      const id = newId();
      for (let p = 0; p < 24; p++) counts[p].set(id[p + 1], (counts[p].get(id[p + 1]) ?? 0) + 1);
    }
    for (const c of counts) {
      expect(c.size).toBe(36);
      // Chi-square, 35 degrees of freedom: above 85 by chance about once in 300,000 positions
      // (this test: once in ~12,000 runs); plain `byte % 36` scores ~105.
      const chi = [...c.values()].reduce((s, k) => s + (k - n / 36) ** 2 / (n / 36), 0);
      expect(chi).toBeLessThan(85);
    }
  });
});
