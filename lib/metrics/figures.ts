// The dashboard's derived figures from daily rollup rows. Pure, so the definitions are
// unit-tested on their own:
// - average order value = paid GMV ÷ paid orders (rounded to the fen);
// - view-to-paid conversion = paid orders ÷ item views;
// - refund rate = refunded orders ÷ paid orders; complaint rate = complaints ÷ paid orders
//   (both over the same range; an order refunded in the range may have been paid before it).
// A rate with nothing to divide by is null ("—"), never 0 or NaN.
import { listDays } from "./days";
import type { DailyRow } from "./queries";

export interface Totals {
  paidOrders: number;
  paidFen: number;
  refunds: number;
  refundFen: number;
  complaints: number;
  shippedOrders: number;
  shippedLate: number;
  itemViews: number;
  /** Paid orders before promotions, and what coupons and flash-sale prices took off them. */
  grossFen: number;
  couponDiscountFen: number;
  saleDiscountFen: number;
  couponOrders: number;
}

export interface StoreFigures extends Totals {
  payingBuyers: number;
  avgOrderFen: number | null;
  conversion: number | null;
  refundRate: number | null;
  complaintRate: number | null;
}

export const zeroTotals = (): Totals => ({
  paidOrders: 0,
  paidFen: 0,
  refunds: 0,
  refundFen: 0,
  complaints: 0,
  shippedOrders: 0,
  shippedLate: 0,
  itemViews: 0,
  grossFen: 0,
  couponDiscountFen: 0,
  saleDiscountFen: 0,
  couponOrders: 0,
});

/** Sums the rows whose day lies in [from, to]. */
export function sumRows(rows: readonly (Totals & { day: string })[], from: string, to: string): Totals {
  const t = zeroTotals();
  for (const r of rows) {
    if (r.day < from || r.day > to) continue;
    for (const k of Object.keys(t) as (keyof Totals)[]) t[k] += r[k];
  }
  return t;
}

export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function storeFigures(t: Totals, payingBuyers: number): StoreFigures {
  return {
    ...t,
    payingBuyers,
    avgOrderFen: t.paidOrders > 0 ? Math.round(t.paidFen / t.paidOrders) : null,
    conversion: ratio(t.paidOrders, t.itemViews),
    refundRate: ratio(t.refunds, t.paidOrders),
    complaintRate: ratio(t.complaints, t.paidOrders),
  };
}

export interface SeriesPoint {
  day: string;
  paidFen: number;
  paidOrders: number;
  refundFen: number;
  refunds: number;
}

/** One point per day from `from` to `to` (days without a row are zero). */
export function dailySeries(rows: readonly DailyRow[], from: string, to: string): SeriesPoint[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return listDays(from, to).map((day) => {
    const r = byDay.get(day);
    return { day, paidFen: r?.paidFen ?? 0, paidOrders: r?.paidOrders ?? 0, refundFen: r?.refundFen ?? 0, refunds: r?.refunds ?? 0 };
  });
}
