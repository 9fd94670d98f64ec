import "server-only";
// Recurring jobs: each period gets one job, keyed by its time slot, so with several app
// instances exactly one of them enqueues (and runs) each tick.
import { db } from "@/lib/db/client";
import { enqueue } from "./queue";

export function slotKey(name: string, everyMs: number, now = Date.now()) {
  return `cron:${name}:${Math.floor(now / everyMs)}`;
}

export async function enqueueTick(name: string, everyMs: number, now = Date.now()) {
  await enqueue(db, name, {}, { singletonKey: slotKey(name, everyMs, now), maxAttempts: 1 });
}

/** Enqueues each recurring job at the start of its slot; returns a stop function. */
export function startCron(entries: { name: string; everyMs: number }[]): () => void {
  const timers = entries.map(({ name, everyMs }) => {
    const tick = () => void enqueueTick(name, everyMs).catch(() => {});
    tick();
    return setInterval(tick, Math.min(everyMs, 30_000));
  });
  return () => timers.forEach(clearInterval);
}
