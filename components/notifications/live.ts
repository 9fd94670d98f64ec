"use client";
// One live connection per browser tab, shared by everything on the page that wants it
// (the bell, the notification centre, a dashboard that refreshes on new orders). It opens
// an EventSource on /api/notifications/stream starting after the newest notification the
// page was rendered with; the browser reconnects by itself with Last-Event-ID, and the
// server replays what was missed. The same notification may arrive twice after a
// reconnect: it is handed out once.
import { compareIds, type NotificationItem } from "@/lib/notifications/format";

export interface LiveHandlers {
  notification?(n: NotificationItem): void;
  unread?(count: number): void;
  /** The page missed more than the stream replays: reload the list. */
  resync?(): void;
}

export const STREAM_URL = "/api/notifications/stream";
const RECENT_MAX = 50;

const handlers = new Set<LiveHandlers>();
let source: EventSource | null = null;
let from: string | null = null;
let opening = false;
let closeTimer: ReturnType<typeof setTimeout> | undefined;
const seen = new Set<string>();
// The latest arrivals, replayed to a component that subscribes after they came (a page
// rendered on the server just before they were created, subscribing just after).
let recent: NotificationItem[] = [];
let lastCount: number | null = null;
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function each(fn: (h: LiveHandlers) => void) {
  for (const h of [...handlers]) {
    try {
      fn(h);
    } catch (e) {
      console.error(e);
    }
  }
}

function open() {
  opening = false;
  if (source || !handlers.size || typeof EventSource === "undefined") return;
  // Without a starting point (no subscriber rendered a list) the stream starts from now.
  const es = new EventSource(from === null ? STREAM_URL : `${STREAM_URL}?${new URLSearchParams({ lastEventId: from })}`);
  es.addEventListener("notification", (e) => {
    const n = JSON.parse((e as MessageEvent<string>).data) as NotificationItem;
    if (seen.has(n.id)) return;
    seen.add(n.id);
    if (seen.size > 5_000) seen.delete(seen.values().next().value!);
    recent = [n, ...recent].slice(0, RECENT_MAX);
    each((h) => h.notification?.(n));
  });
  es.addEventListener("unread", (e) => {
    const { count } = JSON.parse((e as MessageEvent<string>).data) as { count: number };
    lastCount = count;
    each((h) => h.unread?.(count));
  });
  es.addEventListener("resync", () => each((h) => h.resync?.()));
  es.addEventListener("open", () => (failures = 0));
  // The browser retries a dropped connection by itself, but gives up after an error answer
  // (a deploy, an overloaded instance): then try again later, from the newest one we have.
  es.addEventListener("error", () => {
    if (es.readyState !== EventSource.CLOSED || source !== es) return;
    es.close();
    source = null;
    const newest = [...seen].reduce<string | null>((a, b) => (a === null || compareIds(b, a) > 0 ? b : a), null);
    if (newest && (from === null || compareIds(newest, from) > 0)) from = newest;
    const delay = Math.min(300_000, 5_000 * 2 ** failures++);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(open, delay);
  });
  source = es;
}

/**
 * Subscribes to the tab's live notifications. `latestId` is the newest notification the
 * component was rendered with: it gets anything newer that already arrived, then live ones.
 * Without one, it gets only what arrives from now on.
 */
export function subscribeLive(h: LiveHandlers, latestId?: string): () => void {
  clearTimeout(closeTimer);
  handlers.add(h);
  if (latestId !== undefined) for (const n of [...recent].reverse()) if (compareIds(n.id, latestId) > 0) h.notification?.(n);
  if (lastCount !== null) h.unread?.(lastCount);
  if (!source) {
    if (latestId !== undefined && (from === null || compareIds(latestId, from) < 0)) from = latestId;
    // Open after this render's effects, so every component on the page has said where it stands.
    if (!opening) {
      opening = true;
      queueMicrotask(open);
    }
  }
  return () => {
    handlers.delete(h);
    if (handlers.size) return;
    // Leaving one page for another keeps the connection if the next page wants it too.
    closeTimer = setTimeout(() => {
      if (handlers.size) return;
      clearTimeout(retryTimer);
      source?.close();
      source = null;
      from = null;
      lastCount = null;
    }, 2_000);
  };
}
