import "server-only";
// A Postgres-backed job queue: jobs are rows, workers claim due ones with
// SELECT … FOR UPDATE SKIP LOCKED, so any number of app instances share the work and a
// job runs on one of them at a time. The same SQL runs on PGlite (one process).
// Delivery is at-least-once: a worker that dies mid-job leaves a lock that expires and
// the job runs again, so handlers must be idempotent (ours are guarded state changes).
import type { Db, Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job ever exists per key; enqueueing it again is a no-op. */
  singletonKey?: string;
  maxAttempts?: number;
}

export async function enqueue(client: Tx | Db, queue: string, payload: Prisma.InputJsonValue, opts: EnqueueOptions = {}): Promise<void> {
  const runAt = opts.runAt ?? new Date();
  const maxAttempts = opts.maxAttempts ?? 10;
  if (opts.singletonKey) {
    await client.$executeRaw`INSERT INTO "Job" (queue, payload, "runAt", "maxAttempts", "singletonKey")
      VALUES (${queue}, ${JSON.stringify(payload)}::jsonb, ${runAt}, ${maxAttempts}, ${opts.singletonKey})
      ON CONFLICT ("singletonKey") DO NOTHING`;
  } else {
    await client.job.create({ data: { queue, payload, runAt, maxAttempts } });
  }
  // A job due later is found by the workers' regular polls; waking them for it costs a poll.
  if (runAt.getTime() <= Date.now()) wake();
}

export interface ClaimedJob {
  id: bigint;
  queue: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/** Claims up to `limit` due jobs of the given queues for `lockSeconds`. */
export async function claim(opts: { queues: string[]; limit: number; workerId: string; lockSeconds?: number }): Promise<ClaimedJob[]> {
  // Longer than any handler runs (notification delivery times out at 5 s), short enough that a
  // crashed instance's jobs are picked up again within half a minute.
  const lock = opts.lockSeconds ?? 30;
  return db.$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET "lockedUntil" = now() + make_interval(secs => ${lock}), "lockedBy" = ${opts.workerId}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "Job"
      WHERE "doneAt" IS NULL AND "runAt" <= now() AND ("lockedUntil" IS NULL OR "lockedUntil" < now()) AND queue = ANY(${opts.queues})
      ORDER BY "runAt" LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, queue, payload, attempts, "maxAttempts"`;
}

export async function complete(id: bigint) {
  await db.$executeRaw`UPDATE "Job" SET "doneAt" = now(), "lockedUntil" = NULL, "lastError" = NULL WHERE id = ${id}`;
}

/** Runs the job again at `at` (a handler that is waiting for something, not failing). */
export async function reschedule(id: bigint, at: Date) {
  await db.$executeRaw`UPDATE "Job" SET "runAt" = ${at}, "lockedUntil" = NULL WHERE id = ${id}`;
}

/** A failed attempt: back off exponentially (5s, 10s, 20s … capped at 10 min), or give up. */
export async function fail(job: ClaimedJob, error: unknown) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (job.attempts >= job.maxAttempts) {
    await db.$executeRaw`UPDATE "Job" SET "doneAt" = now(), "lockedUntil" = NULL, "lastError" = ${`gave up: ${message}`} WHERE id = ${job.id}`;
    return;
  }
  const delay = Math.min(600, 5 * 2 ** (job.attempts - 1));
  await db.$executeRaw`UPDATE "Job" SET "runAt" = now() + make_interval(secs => ${delay}), "lockedUntil" = NULL, "lastError" = ${message} WHERE id = ${job.id}`;
}

// Workers in this process sleep between polls; enqueueing here wakes them at once.
const sleepers = new Set<() => void>();
export function wake() {
  for (const s of sleepers) s();
}
export function waitForWork(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sleepers.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    sleepers.add(done);
  });
}
