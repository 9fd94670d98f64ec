import { describe, expect, it, vi } from "vitest";
import { batcher } from "@/lib/db/batch";

/** A promise and its resolve, to hold a fake statement open until the test lets it end. */
function gate<T = void>() {
  let open!: (v: T) => void;
  const p = new Promise<T>((r) => (open = r));
  return { p, open };
}

describe("batcher", () => {
  it("sends an item at once and alone while a statement is free", async () => {
    const sent: number[][] = [];
    const submit = batcher(async (xs: number[]) => (sent.push(xs), xs.map((x) => x * 10)), { maxInFlight: 2, maxBatch: 10 });
    expect(await submit(1)).toBe(10);
    expect(await submit(2)).toBe(20);
    expect(sent).toEqual([[1], [2]]);
  });

  it("sends what queued while every statement was busy together, in arrival order, at most maxBatch at a time", async () => {
    const sent: number[][] = [];
    const gates = [gate(), gate()];
    const submit = batcher(
      async (xs: number[]) => {
        sent.push(xs);
        if (sent.length <= 2) await gates[sent.length - 1].p;
        return xs.map((x) => -x);
      },
      { maxInFlight: 2, maxBatch: 3 },
    );
    const first = [submit(1), submit(2)];
    const queued = [3, 4, 5, 6, 7].map((x) => submit(x));
    expect(submit.waiting()).toBe(5);
    gates[0].open();
    gates[1].open();
    expect(await Promise.all([...first, ...queued])).toEqual([-1, -2, -3, -4, -5, -6, -7]);
    expect(sent).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    expect(submit.waiting()).toBe(0);
  });

  it("sends each item of a failed batch again alone, so one item's fault is its own", async () => {
    const sent: number[][] = [];
    const busy = gate();
    const failed = vi.fn();
    const submit = batcher(
      async (xs: number[]) => {
        sent.push(xs);
        if (sent.length === 1) await busy.p;
        if (xs.includes(13)) throw new Error("13 is refused");
        return xs;
      },
      { maxInFlight: 1, maxBatch: 10, onBatchFailed: failed },
    );
    const all = [1, 12, 13, 14].map((x) => submit(x).then((v) => ({ ok: v }), (e: Error) => ({ error: e.message })));
    busy.open();
    expect(await Promise.all(all)).toEqual([{ ok: 1 }, { ok: 12 }, { error: "13 is refused" }, { ok: 14 }]);
    expect(sent).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
    expect(failed).toHaveBeenCalledWith(3, expect.any(Error));
  });
  it("fails every item of a batch at once when the database is unreachable, without retrying each", async () => {
    const busy = gate();
    let calls = 0;
    const submit = batcher(
      async (xs: number[]) => {
        calls++;
        if (calls === 1) return busy.p.then(() => xs);
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      },
      { maxInFlight: 1, maxBatch: 10 },
    );
    const first = submit(1);
    const rest = [2, 3, 4].map((x) => submit(x).then(() => "ok", (e: Error) => e.message));
    busy.open();
    expect(await first).toBe(1);
    expect(await Promise.all(rest)).toEqual(Array(3).fill("connect ECONNREFUSED 127.0.0.1:5432"));
    expect(calls).toBe(2);
  });
});
