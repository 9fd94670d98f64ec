import { describe, expect, it } from "vitest";
import { dailySeries, storeFigures, sumRows, zeroTotals } from "@/lib/metrics/figures";
import enMetrics from "@/lib/i18n/messages/en/metrics.json";
import zhMetrics from "@/lib/i18n/messages/zh-CN/metrics.json";
import enFields from "@/lib/i18n/messages/en/fields-metrics.json";
import zhFields from "@/lib/i18n/messages/zh-CN/fields-metrics.json";

const row = (day: string, o: Partial<ReturnType<typeof zeroTotals>> = {}) => ({ day, ...zeroTotals(), ...o });

describe("dashboard figures", () => {
  it("sums only the rows inside the range", () => {
    const rows = [row("2025-03-01", { paidOrders: 1, paidFen: 100 }), row("2025-03-02", { paidOrders: 2, paidFen: 250, itemViews: 10 }), row("2025-03-03", { paidOrders: 4, paidFen: 1000 })];
    expect(sumRows(rows, "2025-03-02", "2025-03-03")).toMatchObject({ paidOrders: 6, paidFen: 1250, itemViews: 10 });
  });

  it("derives average order value, conversion and rates; nothing to divide by gives null, not 0 or NaN", () => {
    const f = storeFigures({ ...zeroTotals(), paidOrders: 3, paidFen: 1000, itemViews: 60, refunds: 1, complaints: 2 }, 2);
    expect(f).toMatchObject({ avgOrderFen: 333, conversion: 0.05, refundRate: 1 / 3, complaintRate: 2 / 3, payingBuyers: 2 });
    expect(storeFigures(zeroTotals(), 0)).toMatchObject({ avgOrderFen: null, conversion: null, refundRate: null, complaintRate: null });
    // Views but no orders: a real 0 % conversion.
    expect(storeFigures({ ...zeroTotals(), itemViews: 5 }, 0).conversion).toBe(0);
  });

  it("charts every day of the range, zero where there is no row", () => {
    const s = dailySeries([{ ...row("2025-03-02", { paidOrders: 2, paidFen: 500, refunds: 1, refundFen: 100 }) }], "2025-03-01", "2025-03-03");
    expect(s).toEqual([
      { day: "2025-03-01", paidFen: 0, paidOrders: 0, refundFen: 0, refunds: 0 },
      { day: "2025-03-02", paidFen: 500, paidOrders: 2, refundFen: 100, refunds: 1 },
      { day: "2025-03-03", paidFen: 0, paidOrders: 0, refundFen: 0, refunds: 0 },
    ]);
  });
});

describe("metrics messages", () => {
  const keys = (o: object, p = ""): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v, `${p}${k}.`) : [`${p}${k}`])).sort();
  it("has the same keys in English and Chinese", () => {
    expect(keys(zhMetrics)).toEqual(keys(enMetrics));
    expect(keys(zhFields)).toEqual(keys(enFields));
  });
});
