import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keptParts, platformFee } from "@/lib/payments/fees";

describe("the platform fee", () => {
  it("is the rate of what the store keeps, rounded once, half up", () => {
    expect(platformFee([{ keptFen: 10_000, rateBps: 100 }], null)).toBe(100); // 1% of ¥100
    expect(platformFee([{ keptFen: 50, rateBps: 100 }], null)).toBe(1); // 0.5 fen rounds up
    expect(platformFee([{ keptFen: 49, rateBps: 100 }], null)).toBe(0); // 0.49 fen rounds down
    expect(platformFee([], null)).toBe(0);
  });

  it("rounds the whole order, not each line: three 0.4-fen lines make one fen, not zero", () => {
    const lines = [40, 40, 40].map((keptFen) => ({ keptFen, rateBps: 100 }));
    expect(platformFee(lines, null)).toBe(1);
  });

  it("applies each line's own frozen rate", () => {
    expect(platformFee([{ keptFen: 10_000, rateBps: 500 }, { keptFen: 10_000, rateBps: 100 }, { keptFen: 1000, rateBps: 0 }], null)).toBe(600);
  });

  it("never takes more than the sub-merchant's agreed maximum share, rounded down", () => {
    expect(platformFee([{ keptFen: 999, rateBps: 5000 }], 3000)).toBe(299); // 50% asked, 30% allowed: 299.7 → 299
    expect(platformFee([{ keptFen: 999, rateBps: 100 }], 0)).toBe(0);
  });

  it("is at most the rate's exact value + ½ fen, never negative, never above what is kept (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ keptFen: fc.integer({ min: 0, max: 2_000_000_000 }), rateBps: fc.integer({ min: 0, max: 10_000 }) }), { maxLength: 30 }),
        fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
        (parts, cap) => {
          const fee = platformFee(parts, cap);
          const exact = parts.reduce((s, p) => s + (p.keptFen * p.rateBps) / 10_000, 0);
          const kept = parts.reduce((s, p) => s + p.keptFen, 0);
          expect(Number.isInteger(fee)).toBe(true);
          expect(fee).toBeGreaterThanOrEqual(0);
          expect(fee).toBeLessThanOrEqual(kept);
          if (cap === null) expect(Math.abs(fee - exact)).toBeLessThanOrEqual(0.5 + 1e-6 * Math.max(1, exact));
          else expect(fee).toBeLessThanOrEqual((kept * cap) / 10_000 + 1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("refuses what is not money or a rate", () => {
    expect(() => platformFee([{ keptFen: -1, rateBps: 100 }], null)).toThrow(RangeError);
    expect(() => platformFee([{ keptFen: 1.5, rateBps: 100 }], null)).toThrow(RangeError);
    expect(() => platformFee([{ keptFen: 1, rateBps: 10_001 }], null)).toThrow(RangeError);
  });
});

describe("what the store keeps", () => {
  it("takes line refunds off their lines, and a refund beyond the lines off the postage", () => {
    const order = { postageFen: 800, feeRateBps: 100, refundedFen: 0, lines: [{ lineTotalFen: 5000, refundedFen: 0, feeRateBps: 300 }, { lineTotalFen: 2000, refundedFen: 0, feeRateBps: 100 }] };
    expect(keptParts(order)).toEqual([{ keptFen: 5000, rateBps: 300 }, { keptFen: 2000, rateBps: 100 }, { keptFen: 800, rateBps: 100 }]);
    const refunded = { ...order, refundedFen: 2500, lines: [{ ...order.lines[0] }, { ...order.lines[1], refundedFen: 2000 }] };
    expect(keptParts(refunded)).toEqual([{ keptFen: 5000, rateBps: 300 }, { keptFen: 0, rateBps: 100 }, { keptFen: 300, rateBps: 100 }]);
    // Refunded in full: nothing kept, no fee.
    const all = { ...order, refundedFen: 7800, lines: order.lines.map((l) => ({ ...l, refundedFen: l.lineTotalFen })) };
    expect(platformFee(keptParts(all), 3000)).toBe(0);
  });

  it("takes a refund tied to no line off the postage, then off the lines in proportion to what is left of them", () => {
    const order = { postageFen: 800, feeRateBps: 100, refundedFen: 0, lines: [{ lineTotalFen: 6000, discountFen: 1000, refundedFen: 0, feeRateBps: 300 }, { lineTotalFen: 2000, refundedFen: 1000, feeRateBps: 100 }] };
    // ¥18.00 refunded on the order, ¥10.00 of it on line 2: ¥8.00 off the postage, nothing off the lines.
    expect(keptParts({ ...order, refundedFen: 1800 })).toEqual([{ keptFen: 5000, rateBps: 300 }, { keptFen: 1000, rateBps: 100 }, { keptFen: 0, rateBps: 100 }]);
    // ¥48.00: ¥30.00 beyond lines and postage, split 5:1 over what is left of the lines.
    expect(keptParts({ ...order, refundedFen: 4800 })).toEqual([{ keptFen: 2500, rateBps: 300 }, { keptFen: 500, rateBps: 100 }, { keptFen: 0, rateBps: 100 }]);
    // Kept always adds up to paid less refunded; never below zero.
    for (const refundedFen of [0, 1, 999, 1801, 4321, 6799, 6800]) {
      const parts = keptParts({ ...order, refundedFen: 1000 + refundedFen });
      expect(parts.reduce((s, p) => s + p.keptFen, 0)).toBe(6800 - refundedFen);
      expect(parts.every((p) => p.keptFen >= 0)).toBe(true);
    }
  });
});
