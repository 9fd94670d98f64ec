// Coupon arithmetic (pure): what each kind takes off, the split over lines by largest
// remainder, and which coupon checkout picks.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportion, bestCoupon, claimValidity, couponDiscount, type CouponTerms } from "@/lib/promotions/coupon-math";

const terms = (t: Partial<CouponTerms>): CouponTerms => ({ kind: "AMOUNT", amountOffFen: null, thresholdFen: 0, percentOff: null, capFen: null, itemIds: [], coversPostage: false, ...t });
const line = (key: string, itemId: string, lineTotalFen: number) => ({ key, itemId, lineTotalFen });

describe("apportion", () => {
  it("splits by largest remainder: whole fen that add up exactly, none above its weight, in proportion to the fen", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, f) => {
        const total = weights.reduce((n, w) => n + w, 0);
        const amount = Math.floor(total * f);
        const parts = apportion(amount, weights);
        expect(parts.reduce((n, p) => n + p, 0)).toBe(amount);
        parts.forEach((p, i) => {
          expect(Number.isInteger(p)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(weights[i]);
          if (total > 0) expect(Math.abs(p - (amount * weights[i]) / total)).toBeLessThan(1);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("gives the leftover fen to the largest remainders, ties to the earlier line", () => {
    // 100 over 3 equal lines: 33.33 each, the first gets the leftover fen.
    expect(apportion(100, [500, 500, 500])).toEqual([34, 33, 33]);
    // 10 over 7300 / 2700: 7.3 / 2.7 → the second's .7 beats the first's .3.
    expect(apportion(10, [7300, 2700])).toEqual([7, 3]);
    expect(apportion(0, [5, 5])).toEqual([0, 0]);
  });

  it("refuses an amount above the weights, negative or fractional amounts", () => {
    expect(() => apportion(11, [5, 5])).toThrow(RangeError);
    expect(() => apportion(-1, [5])).toThrow(RangeError);
    expect(() => apportion(1.5, [5])).toThrow(RangeError);
  });
});

describe("what a coupon takes off", () => {
  it("满减: the amount once the covered items reach the threshold (postage never counts toward it)", () => {
    const c = terms({ kind: "THRESHOLD", thresholdFen: 10000, amountOffFen: 1500 });
    expect(couponDiscount(c, [line("a", "i1", 9999)], 2000)).toMatchObject({ discountFen: 0, reason: "BELOW_THRESHOLD" });
    const d = couponDiscount(c, [line("a", "i1", 6000), line("b", "i2", 4000)], 800);
    expect(d).toMatchObject({ discountFen: 1500, postageFen: 0, reason: null });
    expect(d.lines).toEqual([{ key: "a", discountFen: 900 }, { key: "b", discountFen: 600 }]);
  });

  it("折扣: the percentage rounded down to the fen, at most the cap", () => {
    const c = terms({ kind: "PERCENT", percentOff: 15, capFen: 2000 });
    expect(couponDiscount(c, [line("a", "i1", 3333)], 0).discountFen).toBe(499); // 499.95 → 499
    expect(couponDiscount(c, [line("a", "i1", 100000)], 0).discountFen).toBe(2000);
  });

  it("covers only the chosen items, and the postage only when it says so", () => {
    const c = terms({ kind: "AMOUNT", amountOffFen: 500, itemIds: ["i2"] });
    const d = couponDiscount(c, [line("a", "i1", 3000), line("b", "i2", 1000)], 600);
    expect(d.lines).toEqual([{ key: "a", discountFen: 0 }, { key: "b", discountFen: 500 }]);
    expect(couponDiscount(c, [line("a", "i1", 3000)], 600)).toMatchObject({ discountFen: 0, reason: "NO_ELIGIBLE_ITEMS" });
    const withPostage = couponDiscount(terms({ kind: "PERCENT", percentOff: 50, coversPostage: true }), [line("a", "i1", 1000)], 1000);
    expect(withPostage).toMatchObject({ discountFen: 1000, postageFen: 500, lines: [{ key: "a", discountFen: 500 }] });
  });

  it("never takes off more than the covered items, and always leaves a fen to pay", () => {
    expect(couponDiscount(terms({ kind: "AMOUNT", amountOffFen: 5000 }), [line("a", "i1", 1200), line("b", "i2", 800)], 0).discountFen).toBe(1999);
    expect(couponDiscount(terms({ kind: "AMOUNT", amountOffFen: 5000, itemIds: ["i1"] }), [line("a", "i1", 1200), line("b", "i2", 800)], 0).discountFen).toBe(1200);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.record({ kind: fc.constantFrom("THRESHOLD", "PERCENT", "AMOUNT" as const), amountOffFen: fc.integer({ min: 1, max: 2_000_000 }), thresholdFen: fc.integer({ min: 0, max: 2_000_000 }), percentOff: fc.integer({ min: 1, max: 99 }), coversPostage: fc.boolean() }),
        (totals, postage, t) => {
          const lines = totals.map((n, i) => line(String(i), `i${i}`, n));
          const d = couponDiscount(terms({ ...t, kind: t.kind as CouponTerms["kind"], thresholdFen: t.kind === "AMOUNT" ? 0 : t.thresholdFen }), lines, postage);
          const order = totals.reduce((n, x) => n + x, 0) + postage;
          expect(d.discountFen).toBeLessThan(order);
          expect(d.lines.reduce((n, l) => n + l.discountFen, 0) + d.postageFen).toBe(d.discountFen);
          d.lines.forEach((l, i) => expect(l.discountFen).toBeLessThanOrEqual(totals[i]));
          expect(d.postageFen).toBeLessThanOrEqual(t.coversPostage ? postage : 0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("choosing and dating coupons", () => {
  const lines = [line("a", "i1", 20000)];
  const later = new Date("2027-01-10T00:00:00Z");
  const sooner = new Date("2027-01-05T00:00:00Z");
  it("picks the one that takes most off; of equals, the one that expires first; none when none applies", () => {
    const claims = [
      { claimId: "small", validUntil: sooner, terms: terms({ kind: "AMOUNT", amountOffFen: 500 }) },
      { claimId: "big-late", validUntil: later, terms: terms({ kind: "THRESHOLD", thresholdFen: 15000, amountOffFen: 3000 }) },
      { claimId: "big-soon", validUntil: sooner, terms: terms({ kind: "PERCENT", percentOff: 15 }) },
      { claimId: "too-high", validUntil: sooner, terms: terms({ kind: "THRESHOLD", thresholdFen: 30000, amountOffFen: 9000 }) },
    ];
    expect(bestCoupon(claims, lines, 0)?.claim.claimId).toBe("big-soon");
    expect(bestCoupon([claims[3]], lines, 0)).toBeNull();
  });

  it("is usable in the coupon's window, or for N days from claiming", () => {
    const c = { startsAt: new Date("2027-01-01T00:00:00Z"), endsAt: new Date("2027-02-01T00:00:00Z"), validDays: null };
    const at = new Date("2027-01-15T08:00:00Z");
    expect(claimValidity(c, at)).toEqual({ validFrom: c.startsAt, validUntil: c.endsAt });
    expect(claimValidity({ ...c, validDays: 3 }, at)).toEqual({ validFrom: at, validUntil: new Date("2027-01-18T08:00:00Z") });
  });
});
