import "server-only";
// A store's dashboard: the figures for a range of Shanghai days, the charts, the top items,
// and what needs doing now. Read straight from the rollups (real time: they are written with
// the order changes), in parallel; nothing here scans orders.
import { requireStoreMember, type Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation";
import { addDays, rangeInput, resolveRange, type DayRange, type RangeInput } from "./days";
import { dailySeries, storeFigures, sumRows, type SeriesPoint, type StoreFigures } from "./figures";
import { storeDailyRows, storeLowStock, storePayingBuyers, storePromotions, storeShippingQueue, storeTopItems, type LowStockSku, type PromotionFigures, type TopItem } from "./queries";

/** Charts show at least this many days (a one-day range is charted with the days before it). */
export const MIN_CHART_DAYS = 7;

export interface StoreDashboard {
  range: DayRange;
  figures: StoreFigures;
  /** Daily points from chartFrom to range.to. */
  series: SeriesPoint[];
  topItems: TopItem[];
  /** Coupons and flash sales with anything in the range, most discount first. */
  promotions: PromotionFigures[];
  live: { awaitingShipment: number; overdueShipment: number; lowStockCount: number; lowStock: LowStockSku[] };
  generatedAt: Date;
}

export async function getStoreDashboard(actor: Actor | null, storeId: string, input: RangeInput = {}, now = new Date()): Promise<StoreDashboard> {
  requireStoreMember(actor, storeId);
  const range = resolveRange(parseInput(rangeInput, input), now);
  const chartFrom = range.days >= MIN_CHART_DAYS ? range.from : addDays(range.to, -(MIN_CHART_DAYS - 1));
  const [rows, payingBuyers, topItems, promotions, shipping, lowStock] = await Promise.all([
    storeDailyRows(storeId, chartFrom, range.to),
    storePayingBuyers(storeId, range.from, range.to),
    storeTopItems(storeId, range.from, range.to),
    storePromotions(storeId, range.from, range.to),
    storeShippingQueue(storeId, now),
    storeLowStock(storeId),
  ]);
  return {
    range,
    figures: storeFigures(sumRows(rows, range.from, range.to), payingBuyers),
    series: dailySeries(rows, chartFrom, range.to),
    topItems,
    promotions,
    live: { awaitingShipment: shipping.awaiting, overdueShipment: shipping.overdue, lowStockCount: lowStock.count, lowStock: lowStock.skus },
    generatedAt: now,
  };
}
