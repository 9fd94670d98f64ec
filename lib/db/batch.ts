// Batching of concurrent single calls into one database statement ("group commit" for
// writes, DataLoader-style for reads): a call made while fewer than `maxInFlight` statements
// are running goes at once, alone, so a quiet server waits for nothing; calls made while all
// are busy wait, and go together when one ends, so under load the batches grow by themselves
// and each statement's round trip, planning and commit are paid once for many callers.
import { isDatabaseUnavailable } from "./errors";

/**
 * Limits for batched reads: a few statements in flight, so that under load lookups wait for
 * one and share it, while the pool keeps connections for everything else.
 */
export const READ_BATCH = { maxInFlight: 4, maxBatch: 100 } as const;

interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Queues single calls and hands them to `send` in batches: at once while fewer than
 * `maxInFlight` batches are running, else together when one ends. `send` answers one result
 * per item, in order. When a batch fails as a whole, each of its items is sent again alone,
 * so that one item's fault is its own (unless the database is unreachable).
 */
export function batcher<T, R>(send: (items: T[]) => Promise<R[]>, opts: { maxInFlight: number; maxBatch: number; onBatchFailed?: (size: number, error: unknown) => void }) {
  const queue: Waiting<T, R>[] = [];
  let inFlight = 0;

  function pump() {
    while (inFlight < opts.maxInFlight && queue.length) {
      const batch = queue.splice(0, opts.maxBatch);
      inFlight++;
      run(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  async function run(batch: Waiting<T, R>[]): Promise<void> {
    let results: R[];
    try {
      results = await send(batch.map((w) => w.item));
    } catch (e) {
      // Unreachable, the database would fail each item alone as well, and only after waiting
      // for a connection again: every item gets the error now (a 503 its caller can retry).
      if (batch.length === 1 || isDatabaseUnavailable(e)) return batch.forEach((w) => w.reject(e));
      opts.onBatchFailed?.(batch.length, e);
      await Promise.all(batch.map((w) => run([w])));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]));
  }

  const submit = (item: T): Promise<R> =>
    new Promise((resolve, reject) => {
      queue.push({ item, resolve, reject });
      pump();
    });
  /** Items waiting for a free statement. */
  submit.waiting = () => queue.length;
  return submit;
}
