import "server-only";
// Each app instance keeps ONE listener on the "notifications" channel and fans what it
// hears out, in process, to that instance's open streams. notifyUsers() raises
// pg_notify('notifications', userId) inside the creating transaction, so Postgres delivers
// it to every instance's listener at commit — and never for a rolled-back transaction.
//
// The listening connection itself (reconnects, health checks, PGlite) is lib/db/listen.ts;
// after a reconnect every subscriber is told to re-read (whatever was committed meanwhile is
// in the database).
import type { PGlite } from "@electric-sql/pglite";
import { pgChannelSource, pgliteChannelSource, type ChannelSource } from "@/lib/db/listen";
import { getPglite } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { NOTIFY_CHANNEL } from "./notify";

/** Where the hub hears of notifications: a channel whose payloads are user ids. */
export type ListenSource = ChannelSource;

/** LISTEN on the notifications channel over a dedicated Postgres connection, reconnecting when it drops. */
export function pgListenSource(connectionString: string, opts: { healthCheckMs?: number; maxBackoffMs?: number } = {}): ListenSource {
  return pgChannelSource(connectionString, { ...opts, channel: NOTIFY_CHANNEL, applicationName: "little-store-notifications" });
}

/** The embedded PGlite instance's own LISTEN (one process owns it). */
export function pgliteListenSource(instance: () => Promise<PGlite>): ListenSource {
  return pgliteChannelSource(instance, NOTIFY_CHANNEL);
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
      await (this.ready ??= this.source.start({ message: (userId) => this.fire(userId), resync: () => this.fireAll() }).catch((e) => {
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
