import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayStart, daysBetween, listDays, MAX_RANGE_DAYS, rangeInput, resolveRange, shanghaiDay } from "@/lib/metrics/days";

describe("Shanghai days", () => {
  it("puts 23:59:59 and 00:00:00 China time on different days, whatever the UTC date says", () => {
    expect(shanghaiDay(new Date("2025-03-06T23:59:59+08:00"))).toBe("2025-03-06");
    expect(shanghaiDay(new Date("2025-03-07T00:00:00+08:00"))).toBe("2025-03-07");
    // 16:00 UTC is already tomorrow in Shanghai.
    expect(shanghaiDay(new Date("2025-03-06T16:00:00Z"))).toBe("2025-03-07");
  });

  it("round-trips: every instant lies within the day it is attributed to", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), (at) => {
        const day = shanghaiDay(at);
        expect(dayStart(day).getTime()).toBeLessThanOrEqual(at.getTime());
        expect(dayStart(addDays(day, 1)).getTime()).toBeGreaterThan(at.getTime());
      }),
    );
  });

  it("counts and lists days inclusively, across month and leap-year ends", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(3);
    expect(listDays("2024-12-30", "2025-01-02")).toEqual(["2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02"]);
    expect(listDays("2025-01-02", "2025-01-01")).toEqual([]);
  });
});

describe("dashboard ranges", () => {
  const now = new Date("2025-03-10T01:00:00+08:00"); // early morning in Shanghai, still 03-09 in UTC

  it("resolves the presets to Shanghai days ending today", () => {
    expect(resolveRange(rangeInput.parse({ range: "today" }), now)).toEqual({ kind: "today", from: "2025-03-10", to: "2025-03-10", days: 1 });
    expect(resolveRange(rangeInput.parse({ range: "7d" }), now)).toEqual({ kind: "7d", from: "2025-03-04", to: "2025-03-10", days: 7 });
    expect(resolveRange(rangeInput.parse({ range: "30d" }), now)).toMatchObject({ from: "2025-02-09", to: "2025-03-10", days: 30 });
    expect(resolveRange(rangeInput.parse({}), now).kind).toBe("7d");
  });

  it("accepts a custom range and rejects missing, reversed, malformed or over-long ones with message keys", () => {
    expect(resolveRange(rangeInput.parse({ range: "custom", from: "2025-01-01", to: "2025-01-31" }), now)).toEqual({ kind: "custom", from: "2025-01-01", to: "2025-01-31", days: 31 });
    const issues = (v: unknown) => (rangeInput.safeParse(v).error?.issues ?? []).map((i) => `${i.path.join(".")}:${i.message}`);
    expect(issues({ range: "custom" })).toEqual(["from:required", "to:required"]);
    expect(issues({ range: "custom", from: "2025-02-01", to: "2025-01-01" })).toEqual(["to:rangeOrder"]);
    expect(issues({ range: "custom", from: "2025-02-30", to: "2025-03-01" })).toEqual(["from:invalid"]);
    expect(issues({ range: "custom", from: "2024-01-01", to: addDays("2024-01-01", MAX_RANGE_DAYS) })).toEqual(["to:rangeTooLong"]);
    expect(issues({ range: "custom", from: "2024-01-01", to: addDays("2024-01-01", MAX_RANGE_DAYS - 1) })).toEqual([]);
    expect(issues({ range: "year" })).toEqual(["range:invalid"]);
  });
});
