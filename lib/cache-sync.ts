import "server-only";
// Keeps this app instance's storefront cache in step with the others: every invalidate()
// anywhere is broadcast on Postgres's "cache_invalidations" channel (lib/cache.ts), and
// each instance listens there from boot. Without it, another instance kept showing an item
// taken off sale, a republished shelf or a suspended store until its cached read expired.
import { applyInvalidationMessage, CACHE_CHANNEL, expireAllCachedReads } from "@/lib/cache";
import { pgChannelSource, type ChannelSource } from "@/lib/db/listen";
import { log } from "@/lib/log";

/**
 * Starts applying other instances' invalidations. If the listener cannot start (or later
 * loses its connection) it keeps trying, and once it is back everything cached here is
 * expired: it may have missed messages meanwhile. Returns a stop function.
 */
export function startCacheSync(source: ChannelSource, opts: { retryMs?: number } = {}): { ready: Promise<void>; stop: () => Promise<void> } {
  const retryMs = opts.retryMs ?? 5_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const handlers = { message: applyInvalidationMessage, resync: expireAllCachedReads };
  const ready = new Promise<void>((resolve) => {
    const attempt = (first: boolean) =>
      source.start(handlers).then(
        () => {
          if (!first) expireAllCachedReads();
          resolve();
        },
        (error) => {
          if (stopped) return;
          log.warn("cache sync could not listen; retrying", { error });
          timer = setTimeout(() => attempt(false), retryMs);
          timer.unref?.();
        },
      );
    void attempt(true);
  });
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await source.stop();
    },
  };
}

/** The listener a server process runs on real Postgres (with PGlite there is only one process). */
export function postgresCacheSync(connectionString: string) {
  return startCacheSync(pgChannelSource(connectionString, { channel: CACHE_CHANNEL, applicationName: "little-store-cache-sync" }));
}
