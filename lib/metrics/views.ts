import "server-only";
// Item page views: counted in memory and flushed in one batch every few seconds into
// ItemDailyStat.views and StoreDailyStat.itemViews, so a storefront page never waits on a
// write. Several app instances each flush their own counts (the upserts add up). Counts not
// yet flushed when a process dies are lost: views are a traffic measure, not money.
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { shanghaiDay } from "./days";

export const VIEW_FLUSH_MS = 5_000;
/** Distinct (item, day) counters held at most; beyond this, a flush starts at once. */
const MAX_PENDING_KEYS = 5_000;

interface Pending {
  counts: Map<string, number>;
  timer?: ReturnType<typeof setTimeout>;
  flushing?: Promise<void>;
}
// One per process, surviving module reloads in `next dev`.
const pending: Pending = ((globalThis as { __littleStoreViews?: Pending }).__littleStoreViews ??= { counts: new Map() });

const keyOf = (storeId: string, itemId: string, day: string) => `${storeId}|${itemId}|${day}`;

/** One viewer's views of one item count once per this period (reloads and scripted POSTs do not inflate them). */
export const VIEW_DEDUPE_MS = 30 * 60_000;
/** Viewers remembered at most (per process; the oldest are forgotten first). */
const MAX_SEEN = 200_000;
const seen: Map<string, number> = ((globalThis as { __littleStoreViewsSeen?: Map<string, number> }).__littleStoreViewsSeen ??= new Map());

/** True the first time `viewer` looks at `itemId` in a period (per app instance). */
function firstLookInPeriod(viewer: string, itemId: string, now: number): boolean {
  const key = `${viewer}|${itemId}`;
  const last = seen.get(key);
  if (last !== undefined && now - last < VIEW_DEDUPE_MS) return false;
  seen.delete(key); // re-inserted last: the Map's order is oldest first
  seen.set(key, now);
  if (seen.size > MAX_SEEN) seen.delete(seen.keys().next().value!);
  return true;
}

/**
 * Counts one view of an item page (cheap: a map increment; the write happens later), at most
 * once per `viewer` (a user id, or a guest's address) and item per VIEW_DEDUPE_MS. Without a
 * viewer (a guest whose address is unknown) every view counts: they cannot be told apart.
 */
export function countItemView(storeId: string, itemId: string, at = new Date(), viewer: string | null = null): void {
  if (viewer && !firstLookInPeriod(viewer, itemId, at.getTime())) return;
  const key = keyOf(storeId, itemId, shanghaiDay(at));
  pending.counts.set(key, (pending.counts.get(key) ?? 0) + 1);
  if (pending.counts.size >= MAX_PENDING_KEYS) void flushItemViews();
  else if (!pending.timer) {
    pending.timer = setTimeout(() => void flushItemViews(), VIEW_FLUSH_MS);
    pending.timer.unref?.();
  }
}

/** Writes the counted views now (also what the timer calls). Resolves when they are stored. */
export async function flushItemViews(): Promise<void> {
  if (pending.timer) clearTimeout(pending.timer);
  pending.timer = undefined;
  // One flush at a time; whatever arrives meanwhile goes in the next one.
  while (pending.flushing) await pending.flushing;
  if (pending.counts.size === 0) return;
  const batch = pending.counts;
  pending.counts = new Map();
  pending.flushing = writeViews(batch)
    .catch((e) => {
      // Keep the counts for the next flush rather than lose them on a passing outage.
      for (const [k, n] of batch) pending.counts.set(k, (pending.counts.get(k) ?? 0) + n);
      log.warn("item views not flushed; will retry", { error: String(e), keys: batch.size });
      if (!pending.timer) {
        pending.timer = setTimeout(() => void flushItemViews(), VIEW_FLUSH_MS);
        pending.timer.unref?.();
      }
    })
    .finally(() => {
      pending.flushing = undefined;
    });
  await pending.flushing;
}

async function writeViews(batch: Map<string, number>) {
  const items = [...batch].map(([k, n]) => {
    const [storeId, itemId, day] = k.split("|");
    return { storeId, itemId, day, n };
  });
  const byStoreDay = new Map<string, { storeId: string; day: string; n: number }>();
  for (const v of items) {
    const k = `${v.storeId}|${v.day}`;
    const s = byStoreDay.get(k) ?? { storeId: v.storeId, day: v.day, n: 0 };
    s.n += v.n;
    byStoreDay.set(k, s);
  }
  // Same lock order as the order-driven rollups: store rows first (sorted), then item rows (sorted).
  const stores = [...byStoreDay.values()].sort((a, b) => (a.storeId + a.day < b.storeId + b.day ? -1 : 1));
  items.sort((a, b) => (a.itemId + a.day < b.itemId + b.day ? -1 : 1));
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "StoreDailyStat" ("storeId", day, "itemViews")
      SELECT s, d::date, n FROM unnest(${stores.map((s) => s.storeId)}::text[], ${stores.map((s) => s.day)}::text[], ${stores.map((s) => s.n)}::int[]) WITH ORDINALITY AS v(s, d, n, i)
      WHERE EXISTS (SELECT 1 FROM "Store" WHERE id = s)
      ORDER BY i
      ON CONFLICT ("storeId", day) DO UPDATE SET "itemViews" = "StoreDailyStat"."itemViews" + EXCLUDED."itemViews"`;
    await tx.$executeRaw`
      INSERT INTO "ItemDailyStat" ("itemId", "storeId", day, views)
      SELECT it, s, d::date, n FROM unnest(${items.map((v) => v.itemId)}::text[], ${items.map((v) => v.storeId)}::text[], ${items.map((v) => v.day)}::text[], ${items.map((v) => v.n)}::int[]) WITH ORDINALITY AS v(it, s, d, n, i)
      ORDER BY i
      ON CONFLICT ("itemId", day) DO UPDATE SET views = "ItemDailyStat".views + EXCLUDED.views`;
  });
}
