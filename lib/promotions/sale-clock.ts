import "server-only";
// The storefront's cached pages show flash-sale prices, so they must change exactly when a
// sale starts or ends. A job would do it once, on one instance, a poll interval late, and
// then reach the others by message; instead every instance keeps a timer for each start and
// end coming up and, when it fires, expires its own cached pages of that store and items
// (invalidateHere). Timers are armed at start-up and every few minutes for the boundaries of
// the next HORIZON_MS, and again at once whenever any instance schedules or stops a sale
// (tags.flashSales(), heard through lib/cache-sync.ts). A page rendered just before the moment
// and stored just after is stored under the old cache key (lib/cache.ts), never served.
import { invalidateHere, onInvalidated, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

export const HORIZON_MS = 10 * 60_000;
/** How often the next HORIZON_MS is read again: well inside it, so no boundary goes unarmed. */
const REFRESH_MS = 4 * 60_000;

export interface SaleBoundary {
  storeId: string;
  itemIds: string[];
  at: Date;
}

type ClockState = { timers: Map<string, NodeJS.Timeout>; fired: number };
const state: ClockState = ((globalThis as { __littleStoreSaleClock?: ClockState }).__littleStoreSaleClock ??= { timers: new Map(), fired: 0 });

function expireAt(b: SaleBoundary) {
  invalidateHere(tags.store(b.storeId), ...b.itemIds.map(tags.item));
  state.fired++;
}

/** Arms a timer for each boundary still to come within the horizon (once per store, item set and moment). */
export function armSaleBoundaries(list: SaleBoundary[], now = Date.now()) {
  for (const b of list) {
    const delay = b.at.getTime() - now;
    if (delay < 0 || delay > HORIZON_MS) continue;
    const key = `${b.storeId}|${b.at.getTime()}|${[...b.itemIds].sort().join(",")}`;
    if (state.timers.has(key)) continue;
    const timer = setTimeout(() => {
      state.timers.delete(key);
      expireAt(b);
    }, delay);
    timer.unref();
    state.timers.set(key, timer);
  }
}

/** Every start and end of a sale within the horizon, per sale. */
export async function upcomingBoundaries(now = new Date()): Promise<SaleBoundary[]> {
  const until = new Date(now.getTime() + HORIZON_MS);
  const sales = await db.flashSale.findMany({
    where: { OR: [{ startsAt: { gte: now, lte: until } }, { endsAt: { gte: now, lte: until } }] },
    select: { storeId: true, startsAt: true, endsAt: true, skus: { select: { itemId: true } } },
    take: 5000,
  });
  return sales.flatMap((s) => {
    const itemIds = [...new Set(s.skus.map((k) => k.itemId))];
    return [s.startsAt, s.endsAt].filter((at) => at >= now && at <= until).map((at) => ({ storeId: s.storeId, itemIds, at }));
  });
}

async function refresh() {
  try {
    armSaleBoundaries(await upcomingBoundaries());
  } catch (error) {
    log.warn("could not read upcoming flash-sale boundaries", { error });
  }
}

/** Starts this instance's clock (lib/boot.ts). Returns its stop. */
export function startSaleClock(): () => void {
  void refresh();
  const interval = setInterval(() => void refresh(), REFRESH_MS);
  interval.unref();
  const unsubscribe = onInvalidated(tags.flashSales(), () => void refresh());
  return () => {
    clearInterval(interval);
    unsubscribe();
    for (const t of state.timers.values()) clearTimeout(t);
    state.timers.clear();
  };
}

/** For tests: how many boundaries are armed, and how many have fired. */
export function saleClockState() {
  return { armed: state.timers.size, fired: state.fired };
}
