import "server-only";
// LISTEN on one Postgres channel, for the signals every app instance must hear: new
// notifications (lib/notifications/listener.ts) and storefront cache invalidations
// (lib/cache-sync.ts). A NOTIFY raised inside a transaction is delivered at commit, and
// never for a rolled-back one.
//
// Real Postgres: a dedicated pg.Client doing LISTEN (not a pooled connection: LISTEN is a
// session's state), with keep-alive and a periodic health check; when the connection
// drops it reconnects with backoff and calls resync() (whatever was sent meanwhile is
// lost, so listeners must assume anything changed). PGlite: the embedded instance's listen API.
import type { PGlite } from "@electric-sql/pglite";
import type { Client } from "pg";
import { log } from "@/lib/log";

export interface ChannelHandlers {
  /** A NOTIFY's payload on the channel. */
  message(payload: string): void;
  /** The listener was down for a while and may have missed messages. */
  resync(): void;
}

export interface ChannelSource {
  /** Resolves once LISTEN is in force (rejects if it cannot be set up). */
  start(h: ChannelHandlers): Promise<void>;
  stop(): Promise<void>;
}

/** Channel names are interpolated into LISTEN (it takes no parameters): only plain identifiers. */
function checkChannel(channel: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
}

/** LISTEN on a dedicated Postgres connection, reconnecting when it drops. */
export function pgChannelSource(
  connectionString: string,
  opts: { channel: string; applicationName: string; healthCheckMs?: number; maxBackoffMs?: number },
): ChannelSource {
  checkChannel(opts.channel);
  const healthCheckMs = opts.healthCheckMs ?? 30_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  let handlers: ChannelHandlers | null = null;
  let client: Client | null = null;
  let stopped = false;
  let attempt = 0;
  let health: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  async function connect(): Promise<void> {
    const { default: pg } = await import("pg");
    const c = new pg.Client({ connectionString, keepAlive: true, query_timeout: 10_000, application_name: opts.applicationName });
    c.on("notification", (m) => {
      if (m.channel === opts.channel && m.payload) handlers?.message(m.payload);
    });
    c.on("error", (e) => lost(c, e));
    c.on("end", () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${opts.channel}`);
    } catch (e) {
      c.removeAllListeners("end");
      c.removeAllListeners("notification");
      c.on("error", () => {});
      await c.end().catch(() => {});
      throw e;
    }
    if (stopped) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    attempt = 0;
    clearInterval(health);
    // A connection can die without telling us (a silent network partition): ask it.
    health = setInterval(() => {
      c.query("SELECT 1").catch((e) => lost(c, e));
    }, healthCheckMs);
    health.unref?.();
  }

  function lost(c: Client, error?: unknown) {
    if (client !== c) return; // an old connection's late event
    client = null;
    clearInterval(health);
    c.removeAllListeners("notification");
    c.on("error", () => {});
    c.end().catch(() => {});
    if (stopped) return;
    log.warn("listener lost its connection; reconnecting", { channel: opts.channel, error });
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (stopped || retry) return;
    const delay = Math.min(maxBackoffMs, 250 * 2 ** attempt++);
    retry = setTimeout(async () => {
      retry = undefined;
      try {
        await connect();
        if (!stopped) handlers?.resync();
      } catch (error) {
        log.warn("listener could not reconnect", { channel: opts.channel, error, attempt });
        scheduleReconnect();
      }
    }, delay);
    retry.unref?.();
  }

  return {
    async start(h) {
      handlers = h;
      stopped = false;
      await connect();
    },
    async stop() {
      stopped = true;
      clearInterval(health);
      clearTimeout(retry);
      retry = undefined;
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on("error", () => {});
        await c.end().catch(() => {});
      }
    },
  };
}

/** The embedded PGlite instance's own LISTEN (one process owns it). */
export function pgliteChannelSource(instance: () => Promise<PGlite>, channel: string): ChannelSource {
  checkChannel(channel);
  let unlisten: (() => Promise<void>) | null = null;
  return {
    async start(h) {
      const pg = await instance();
      unlisten = await pg.listen(channel, (payload) => {
        if (payload) h.message(payload);
      });
    },
    async stop() {
      const u = unlisten;
      unlisten = null;
      await u?.().catch(() => {});
    },
  };
}
