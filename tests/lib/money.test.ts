import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fenToYuanString, formatFen, formatFenRange, parseYuan } from "@/lib/money";

describe("money", () => {
  it.each([
    ["12.30", 1230],
    ["12.3", 1230],
    ["12", 1200],
    ["0.01", 1],
    ["¥1,234.50", 123450],
    [" 7.05 ", 705],
  ])("parses %s as %i fen", (input, fen) => expect(parseYuan(input)).toBe(fen));

  it.each(["", "abc", "1.234", "-1", "1e3", "12.", ".5", "NaN"])("rejects %s", (input) => expect(parseYuan(input)).toBeNull());

  it("round-trips every amount through the input format", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999 }), (fen) => parseYuan(fenToYuanString(fen)) === fen));
  });

  it("formats for display", () => {
    expect(formatFen(123450)).toBe("¥1,234.50");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFenRange(100, 100)).toBe("¥1.00");
    expect(formatFenRange(100, 2500)).toBe("¥1.00 – 25.00");
  });
});
