import "server-only";
// Runs queued jobs. In the app a loop polls (and wakes on local enqueues); tests call
// runDueJobs() to drain deterministically.
import crypto from "node:crypto";
import { log } from "@/lib/log";
import { claim, complete, fail, reschedule, waitForWork, type ClaimedJob } from "./queue";

export type JobResult = void | { rescheduleAt: Date };
export type JobHandler = (payload: unknown, job: ClaimedJob) => Promise<JobResult>;
export type Handlers = Record<string, JobHandler>;

const workerId = `${process.pid}-${crypto.randomBytes(3).toString("hex")}`;

async function runOne(job: ClaimedJob, handlers: Handlers) {
  const handler = handlers[job.queue];
  try {
    if (!handler) throw new Error(`no handler for queue ${job.queue}`);
    const result = await handler(job.payload, job);
    if (result && "rescheduleAt" in result) await reschedule(job.id, result.rescheduleAt);
    else await complete(job.id);
  } catch (e) {
    log.warn("job failed", { queue: job.queue, id: String(job.id), attempt: job.attempts, error: e });
    await fail(job, e);
  }
}

/** Claims and runs due jobs until none are due; returns how many ran. */
export async function runDueJobs(handlers: Handlers, { batch = 10, concurrency = 4 } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const jobs = await claim({ queues: Object.keys(handlers), limit: batch, workerId });
    if (!jobs.length) return total;
    total += jobs.length;
    for (let i = 0; i < jobs.length; i += concurrency) {
      await Promise.all(jobs.slice(i, i + concurrency).map((j) => runOne(j, handlers)));
    }
  }
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

/** The background loop of one app instance. */
export function startWorker(handlers: Handlers, { pollMs = 1000 } = {}): WorkerHandle {
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const ran = await runDueJobs(handlers);
        if (ran === 0) await waitForWork(pollMs);
      } catch (e) {
        log.error("job loop error", { error: e });
        await waitForWork(pollMs * 5);
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
