// Batching of concurrent single calls into one database statement ("group commit" for
// writes, DataLoader-style for reads): a call made while fewer than `maxInFlight` statements
// are running goes at once, alone, so a quiet server waits for nothing; calls made while all
// are busy wait, and go together when one ends, so under load the batches grow by themselves
// and each statement's round trip, planning and commit are paid once for many callers.
interface Waiting<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Queues single calls and hands them to `send` in batches: at once while fewer than
 * `maxInFlight` batches are running, else together when one ends. `send` answers one result
 * per item, in order. When a batch fails as a whole, each of its items is sent again alone,
 * so that one item's fault is its own.
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
      if (batch.length === 1) return batch[0].reject(e);
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
