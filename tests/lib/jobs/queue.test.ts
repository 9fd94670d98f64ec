import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { enqueueTick, slotKey } from "@/lib/jobs/cron";
import { claim, enqueue, waitForWork } from "@/lib/jobs/queue";
import { runDueJobs } from "@/lib/jobs/worker";
import { useTestDatabase } from "../../support/db";

useTestDatabase();

describe("job queue", () => {
  it("runs due jobs once and leaves future ones waiting", async () => {
    const seen: unknown[] = [];
    await enqueue(getDb(), "t.now", { n: 1 });
    await enqueue(getDb(), "t.now", { n: 2 }, { runAt: new Date(Date.now() + 60_000) });
    const ran = await runDueJobs({ "t.now": async (p) => void seen.push(p) });
    expect(ran).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await runDueJobs({ "t.now": async (p) => void seen.push(p) })).toBe(0);
  });

  it("wakes a waiting worker for a job due now, and lets it sleep through one due later", async () => {
    const woken = async (enqueueing: () => Promise<void>) => {
      const t0 = performance.now();
      const waiting = waitForWork(3_000);
      await enqueueing();
      await waiting;
      return performance.now() - t0 < 1_500;
    };
    expect(await woken(() => enqueue(getDb(), "t.wake", { n: 1 }, { runAt: new Date(Date.now() + 60_000) }))).toBe(false);
    expect(await woken(() => enqueue(getDb(), "t.wake", { n: 2 }))).toBe(true);
  });

  it("never hands one job to two workers at once", async () => {
    for (let i = 0; i < 20; i++) await enqueue(getDb(), "t.claim", { i });
    const batches = await Promise.all([1, 2, 3, 4].map((w) => claim({ queues: ["t.claim"], limit: 20, workerId: `w${w}` })));
    const ids = batches.flat().map((j) => String(j.id));
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it("retries a failing job with backoff and gives up after maxAttempts", async () => {
    await enqueue(getDb(), "t.fail", {}, { maxAttempts: 2 });
    let calls = 0;
    const handlers = { "t.fail": async () => void (calls++, (() => { throw new Error("boom"); })()) };
    await runDueJobs(handlers);
    let row = await getDb().job.findFirstOrThrow({ where: { queue: "t.fail" } });
    expect(row.doneAt).toBeNull();
    expect(row.lastError).toContain("boom");
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now());
    // Make it due again: the second failure is the last.
    await getDb().job.update({ where: { id: row.id }, data: { runAt: new Date(0) } });
    await runDueJobs(handlers);
    row = await getDb().job.findFirstOrThrow({ where: { queue: "t.fail" } });
    expect(calls).toBe(2);
    expect(row.doneAt).not.toBeNull();
    expect(row.lastError).toMatch(/^gave up/);
  });

  it("re-runs a job whose worker died (lock expired)", async () => {
    await enqueue(getDb(), "t.crash", {});
    const [job] = await claim({ queues: ["t.crash"], limit: 1, workerId: "dead", lockSeconds: 60 });
    expect(job).toBeDefined();
    expect(await runDueJobs({ "t.crash": async () => {} })).toBe(0); // still locked
    await getDb().job.update({ where: { id: job.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await runDueJobs({ "t.crash": async () => {} })).toBe(1);
  });

  it("lets a handler wait by rescheduling itself", async () => {
    await enqueue(getDb(), "t.wait", {});
    const later = new Date(Date.now() + 3_600_000);
    await runDueJobs({ "t.wait": async () => ({ rescheduleAt: later }) });
    const row = await getDb().job.findFirstOrThrow({ where: { queue: "t.wait" } });
    expect(row.doneAt).toBeNull();
    expect(row.runAt.toISOString()).toBe(later.toISOString());
  });

  it("keeps one job per singleton key, however often and concurrently it is enqueued", async () => {
    await Promise.all(Array.from({ length: 10 }, () => enqueue(getDb(), "t.single", {}, { singletonKey: "only-one" })));
    expect(await getDb().job.count({ where: { singletonKey: "only-one" } })).toBe(1);
  });

  it("enqueues one recurring tick per time slot across instances", async () => {
    const now = Date.UTC(2026, 10, 24, 8, 0, 30);
    await Promise.all([enqueueTick("t.cron", 60_000, now), enqueueTick("t.cron", 60_000, now + 10_000), enqueueTick("t.cron", 60_000, now + 40_000)]);
    expect(await getDb().job.count({ where: { queue: "t.cron" } })).toBe(2);
    expect(slotKey("t.cron", 60_000, now)).not.toBe(slotKey("t.cron", 60_000, now + 40_000));
  });
});
