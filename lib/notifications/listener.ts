import "server-only";
// Each app instance keeps ONE listener on the "notifications" channel and fans what it
// hears out, in process, to that instance's open streams. notifyUsers() raises
// pg_notify('notifications', userId) inside the creating transaction, so Postgres delivers
// it to every instance's listener at commit — and never for a rolled-back transaction.
//
// Real Postgres: a dedicated pg.Client doing LISTEN (not a pooled connection: LISTEN is a
// session's state), with keep-alive and a periodic health check; when the connection
// drops it reconnects with backoff and tells every subscriber to re-read (whatever was
// committed meanwhile is in the database). PGlite: the embedded instance's listen API.
import type { PGlite } from "@electric-sql/pglite";
import type { Client } from "pg";
import { getPglite } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { NOTIFY_CHANNEL } from "./notify";

export interface ListenHandlers {
  /** A notification for this user was committed (or their read state changed). */
  user(userId: string): void;
  /** The listener was down for a while: everyone should re-read. */
  resync(): void;
}

export interface ListenSource {
  /** Resolves once LISTEN is in force (rejects if it cannot be set up). */
  start(h: ListenHandlers): Promise<void>;
  stop(): Promise<void>;
}

/** LISTEN on a dedicated Postgres connection, reconnecting when it drops. */
export function pgListenSource(connectionString: string, opts: { healthCheckMs?: number; maxBackoffMs?: number } = {}): ListenSource {
  const healthCheckMs = opts.healthCheckMs ?? 30_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  let handlers: ListenHandlers | null = null;
  let client: Client | null = null;
  let stopped = false;
  let attempt = 0;
  let health: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  async function connect(): Promise<void> {
    const { default: pg } = await import("pg");
    const c = new pg.Client({ connectionString, keepAlive: true, query_timeout: 10_000, application_name: "little-store-notifications" });
    c.on("notification", (m) => {
      if (m.channel === NOTIFY_CHANNEL && m.payload) handlers?.user(m.payload);
    });
    c.on("error", (e) => lost(c, e));
    c.on("end", () => lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
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
    log.warn("notification listener lost its connection; reconnecting", { error });
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
        log.warn("notification listener could not reconnect", { error, attempt });
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
export function pgliteListenSource(instance: () => Promise<PGlite>): ListenSource {
  let unlisten: (() => Promise<void>) | null = null;
  return {
    async start(h) {
      const pg = await instance();
      unlisten = await pg.listen(NOTIFY_CHANNEL, (payload) => {
        if (payload) h.user(payload);
      });
    },
    async stop() {
      const u = unlisten;
      unlisten = null;
      await u?.().catch(() => {});
    },
  };
}

type Callback = () => void;

/** One listener, fanned out to any number of in-process subscribers per user. */
export class NotificationHub {
  private readonly subscribers = new Map<string, Set<Callback>>();
  private ready: Promise<void> | null = null;

  constructor(private readonly source: ListenSource) {}

  /** Calls `onChange` whenever something for `userId` is committed; resolves once listening. */
  async subscribe(userId: string, onChange: Callback): Promise<() => void> {
    let set = this.subscribers.get(userId);
    if (!set) this.subscribers.set(userId, (set = new Set()));
    set.add(onChange);
    const unsubscribe = () => {
      const s = this.subscribers.get(userId);
      if (!s) return;
      s.delete(onChange);
      if (!s.size) this.subscribers.delete(userId);
    };
    try {
      await (this.ready ??= this.source.start({ user: (u) => this.fire(u), resync: () => this.fireAll() }).catch((e) => {
        this.ready = null;
        throw e;
      }));
    } catch (e) {
      unsubscribe();
      throw e;
    }
    return unsubscribe;
  }

  /** How many callbacks are subscribed (for tests and health checks). */
  get size(): number {
    let n = 0;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    const wasStarted = this.ready;
    this.ready = null;
    if (wasStarted) await this.source.stop();
  }

  private fire(userId: string) {
    for (const cb of [...(this.subscribers.get(userId) ?? [])]) call(cb);
  }

  private fireAll() {
    for (const set of [...this.subscribers.values()]) for (const cb of [...set]) call(cb);
  }
}

function call(cb: Callback) {
  try {
    cb();
  } catch (error) {
    log.error("notification subscriber failed", { error });
  }
}

// One hub per process (it survives module reloads in `next dev`, like the database client).
const holder = globalThis as { __littleStoreNotificationHub?: NotificationHub };

export function notificationHub(): NotificationHub {
  if (!holder.__littleStoreNotificationHub) {
    const url = env().DATABASE_URL;
    holder.__littleStoreNotificationHub = new NotificationHub(
      url
        ? pgListenSource(url)
        : pgliteListenSource(async () => {
            const pg = await getPglite();
            if (!pg) throw new Error("PGlite is not open");
            return pg;
          }),
    );
  }
  return holder.__littleStoreNotificationHub;
}

/** Stops this process's listener (shutdown, tests). */
export async function closeNotificationHub(): Promise<void> {
  const hub = holder.__littleStoreNotificationHub;
  holder.__littleStoreNotificationHub = undefined;
  await hub?.close();
}
