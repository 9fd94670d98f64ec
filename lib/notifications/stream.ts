import "server-only";
// The live notification stream of one open page (Server-Sent Events). It subscribes to
// this instance's listener first, then reads from the database everything after the
// page's last event id, then follows: every signal for the user re-reads the database, so
// the database — not the signal — is what is sent, and nothing is lost between the two.
//
// Ids come from one sequence but transactions commit in any order: a notification with a
// lower id may commit just after one with a higher id was sent. So each read looks back
// over a window (LATE_WINDOW_MS, well above the longest transaction) below the newest id
// sent, and skips what this stream already sent. A page that reconnects may therefore get
// a few recent notifications again (it drops ids it has); it never misses one.
//
// Events:  `event: notification` with `id: <notification id>` and the item as JSON data;
//          `event: unread` with {count} (sent at start and whenever it changes);
//          `event: resync` when the page missed more than a catch-up holds (reload the list).
//          A comment line every HEARTBEAT_MS keeps proxies from closing the connection.
import { isInt8Id } from "@/lib/validation";
import { requireActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { NotificationItem } from "./format";
import { notificationHub, type NotificationHub } from "./listener";
import { notificationSelect, toItem } from "./queries";

export const HEARTBEAT_MS = 20_000;
/** Longer than any transaction may run (Prisma's interactive timeout here is 20 s). */
export const LATE_WINDOW_MS = 60_000;
/** At most this many notifications are replayed to a reconnecting page. */
export const CATCH_UP_MAX = 200;
/** Streams end after this long; the browser reconnects at once (and is re-authenticated). */
export const MAX_STREAM_MS = 15 * 60_000;
const RETRY_MS = 3_000;
const BATCH = 100;
/**
 * Streams one user may hold open on this instance at once (tabs, devices); more are refused
 * (429) until one closes. Each holds a connection, timers and a listener slot for 15 minutes.
 */
export const MAX_STREAMS_PER_USER = 10;
const openPerUser = new Map<string, number>();

export interface StreamOptions {
  /** The page's Last-Event-ID (or ?lastEventId): the newest notification id it has. */
  lastEventId?: string | null;
  signal?: AbortSignal;
  hub?: NotificationHub;
  heartbeatMs?: number;
  maxDurationMs?: number;
}

export function parseEventId(v: string | null | undefined): bigint | null {
  return v && (v.trim() === "0" || isInt8Id(v.trim())) ? BigInt(v.trim()) : null;
}

const encoder = new TextEncoder();
const max = (a: bigint, b: bigint) => (a > b ? a : b);

function frame(fields: { event?: string; id?: string; data?: unknown; comment?: string; retry?: number }): Uint8Array {
  let s = "";
  if (fields.comment !== undefined) s += `: ${fields.comment}\n`;
  if (fields.retry !== undefined) s += `retry: ${fields.retry}\n`;
  if (fields.id !== undefined) s += `id: ${fields.id}\n`;
  if (fields.event) s += `event: ${fields.event}\n`;
  if (fields.data !== undefined) s += `data: ${JSON.stringify(fields.data)}\n`;
  return encoder.encode(`${s}\n`);
}

/**
 * Opens the signed-in user's stream. Resolves once it is listening (so a notification
 * committed after this resolves is certain to be sent); throws UNAUTHENTICATED without a user.
 */
export async function openNotificationStream(actor: Actor | null, opts: StreamOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const me = requireActor(actor);
  const userId = me.userId;
  const hub = opts.hub ?? notificationHub();
  const open = openPerUser.get(userId) ?? 0;
  if (open >= MAX_STREAMS_PER_USER) {
    throw new AppError("RATE_LIMITED", "Too many open notification streams; close a tab or try again later.", { details: { retryAfterSeconds: RETRY_MS / 1000 } });
  }
  openPerUser.set(userId, open + 1);

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let unsubscribe: (() => void) | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;

  // What has been sent: the newest id, when that one was created, and every id above the
  // look-back floor (so a late one is sent once, and a re-read sends nothing twice).
  let newest = 0n;
  let newestAt: Date | null = null;
  let floor = 0n;
  /** Never look back below this (set when a long absence was cut short: the page reloads instead). */
  let minFloor = 0n;
  const sent = new Set<bigint>();
  let lastCount: number | null = null;
  let started = false;

  const send = (chunk: Uint8Array) => {
    if (closed) return;
    try {
      controller.enqueue(chunk);
    } catch {
      close();
    }
  };

  function close() {
    if (closed) return;
    closed = true;
    const left = (openPerUser.get(userId) ?? 1) - 1;
    if (left > 0) openPerUser.set(userId, left);
    else openPerUser.delete(userId);
    unsubscribe?.();
    unsubscribe = null;
    clearInterval(heartbeat);
    clearTimeout(deadline);
    opts.signal?.removeEventListener("abort", close);
    try {
      controller.close();
    } catch {
      // already closed or errored
    }
  }

  async function lookBackFloor(): Promise<bigint> {
    if (!newestAt) return 0n;
    const before = new Date(newestAt.getTime() - LATE_WINDOW_MS);
    const row = await db.notification.findFirst({
      where: { userId, id: { lte: newest }, createdAt: { lt: before } },
      orderBy: { id: "desc" },
      select: { id: true },
    });
    return row?.id ?? 0n;
  }

  async function readOnce() {
    let after = floor;
    for (;;) {
      const rows = await db.notification.findMany({ where: { userId, id: { gt: after } }, orderBy: { id: "asc" }, take: BATCH, select: notificationSelect });
      if (closed) return;
      for (const row of rows) {
        if (sent.has(row.id)) continue;
        sent.add(row.id);
        const item: NotificationItem = toItem(row);
        send(frame({ id: item.id, event: "notification", data: item }));
        if (row.id > newest) {
          newest = row.id;
          newestAt = row.createdAt;
        }
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    floor = max(await lookBackFloor(), minFloor);
    for (const id of sent) if (id <= floor) sent.delete(id);
    const count = await db.notification.count({ where: { userId, readAt: null } });
    if (count !== lastCount && !closed) {
      lastCount = count;
      send(frame({ event: "unread", data: { count } }));
    }
  }

  // Reads never overlap; a signal during a read causes exactly one more read after it.
  let running: Promise<void> | null = null;
  let again = false;
  function read(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await readOnce();
        } while (again && !closed);
      } catch (error) {
        log.warn("notification stream read failed; closing it (the page reconnects)", { userId, error });
        close();
      } finally {
        running = null;
      }
    })();
    return running;
  }

  /** Where this page stands: it has everything up to `last` (but maybe not late ones). */
  async function start(last: bigint | null) {
    const mark = await db.notification.findFirst({
      where: { userId, ...(last !== null ? { id: { lte: last } } : {}) },
      orderBy: { id: "desc" },
      select: { id: true, createdAt: true },
    });
    newest = last ?? mark?.id ?? 0n;
    newestAt = mark?.createdAt ?? null;
    if (mark) sent.add(mark.id); // the page has its newest one; only later (or late) ones go
    floor = await lookBackFloor();
    if (last === null) {
      // A page that names no last event starts from now: what is already there counts as
      // seen (a late one still comes when it commits).
      const seen = await db.notification.findMany({ where: { userId, id: { gt: floor, lte: newest } }, select: { id: true } });
      for (const r of seen) sent.add(r.id);
    }
    // Away for long: replay only the newest CATCH_UP_MAX and tell the page to reload its list.
    const cut = await db.notification.findFirst({ where: { userId, id: { gt: floor } }, orderBy: { id: "desc" }, skip: CATCH_UP_MAX, select: { id: true } });
    if (cut) {
      floor = minFloor = cut.id;
      send(frame({ event: "resync", data: {} }));
    }
  }

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      close();
    },
  });

  if (opts.signal?.aborted) {
    close();
    return stream;
  }
  opts.signal?.addEventListener("abort", close);
  try {
    // Signals before the starting point is known are covered by the first read below.
    const off = await hub.subscribe(userId, () => void (started && read()));
    if (closed) {
      off(); // the page went away while we were subscribing
      return stream;
    }
    unsubscribe = off;
    send(frame({ retry: RETRY_MS, comment: "notifications" }));
    await start(parseEventId(opts.lastEventId));
  } catch (e) {
    close();
    throw e;
  }
  if (closed) return stream;
  started = true;
  void read();
  heartbeat = setInterval(() => send(frame({ comment: "ping" })), opts.heartbeatMs ?? HEARTBEAT_MS);
  deadline = setTimeout(close, opts.maxDurationMs ?? MAX_STREAM_MS);
  return stream;
}
