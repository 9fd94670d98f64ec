import "server-only";
// The admin's platform view: GMV and orders across stores, the complaint queue and its SLA,
// store applications waiting, and the stores with the highest complaint and refund rates.
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation";
import { listDays, rangeInput, resolveRange, type DayRange, type RangeInput } from "./days";
import { ratio } from "./figures";
import { platformApplications, platformComplaintQueue, platformDailyRows, platformStoreRates, type PlatformDailyRow, type StoreRate } from "./queries";

export interface PlatformOverview {
  range: DayRange;
  totals: { paidOrders: number; paidFen: number; refunds: number; refundFen: number; complaints: number; avgOrderFen: number | null; refundRate: number | null; complaintRate: number | null };
  series: { day: string; paidFen: number; paidOrders: number; sellingStores: number }[];
  complaints: { open: number; atRisk: number; overdue: number };
  applications: { waiting: number; oldestSubmittedAt: Date | null };
  highestComplaintRates: StoreRate[];
  highestRefundRates: StoreRate[];
  generatedAt: Date;
}

export async function getPlatformOverview(actor: Actor | null, input: RangeInput = {}, now = new Date()): Promise<PlatformOverview> {
  requireAdmin(actor);
  const range = resolveRange(parseInput(rangeInput, input), now);
  const [rows, complaints, applications, rates] = await Promise.all([
    platformDailyRows(range.from, range.to),
    platformComplaintQueue(now),
    platformApplications(),
    platformStoreRates(range.from, range.to),
  ]);
  const sum = (k: keyof Omit<PlatformDailyRow, "day" | "sellingStores">) => rows.reduce((s, r) => s + r[k], 0);
  const paidOrders = sum("paidOrders");
  const paidFen = sum("paidFen");
  const refunds = sum("refunds");
  const complaintsOpened = sum("complaints");
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return {
    range,
    totals: {
      paidOrders,
      paidFen,
      refunds,
      refundFen: sum("refundFen"),
      complaints: complaintsOpened,
      avgOrderFen: paidOrders > 0 ? Math.round(paidFen / paidOrders) : null,
      refundRate: ratio(refunds, paidOrders),
      complaintRate: ratio(complaintsOpened, paidOrders),
    },
    series: listDays(range.from, range.to).map((day) => ({ day, paidFen: byDay.get(day)?.paidFen ?? 0, paidOrders: byDay.get(day)?.paidOrders ?? 0, sellingStores: byDay.get(day)?.sellingStores ?? 0 })),
    complaints,
    applications,
    highestComplaintRates: rates.complaints,
    highestRefundRates: rates.refunds,
    generatedAt: now,
  };
}
