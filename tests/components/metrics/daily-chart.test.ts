// The dashboard chart's axes: with nothing (or a few fen) to show, the money axis still runs to
// ¥1 so its ticks read ¥0, ¥0.3 … ¥1 rather than "¥0" five times.
import { describe, expect, it } from "vitest";
import { axisTop } from "@/components/metrics/daily-chart";

describe("the chart's axis top", () => {
  it("is at least ¥1 for money and 4 for counts, and the data's when higher", () => {
    expect(axisTop("fen", 0)).toBe(100);
    expect(axisTop("fen", 3)).toBe(100);
    expect(axisTop("fen", 123_456)).toBe(123_456);
    expect(axisTop("count", 0)).toBe(4);
    expect(axisTop("count", 17)).toBe(17);
    expect(axisTop("fen", Number.NaN)).toBe(100);
  });

  it("gives five distinct labels on an empty money axis", () => {
    const compact = new Intl.NumberFormat("zh-CN", { notation: "compact", maximumFractionDigits: 1 });
    const top = axisTop("fen", 0);
    const labels = [0, 0.25, 0.5, 0.75, 1].map((f) => `¥${compact.format((f * top) / 100)}`);
    expect(new Set(labels).size).toBe(5);
  });
});
