import crypto from "node:crypto";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { openPgPool } from "@/lib/db/driver";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { placeOrder } from "@/lib/orders/checkout";
import * as numbers from "@/lib/orders/numbers";
import { MAX_IN_FLIGHT, placeInBatch } from "@/lib/orders/place-batch";
import { useTestDatabase } from "../../support/db";
import { createItemWithSkus, ledgerBalances } from "../../support/catalog";
import { actorFor, authWorld, createUser } from "../../support/fixtures";

// Lets one test hand a checkout an order number that is already taken.
vi.mock("@/lib/orders/numbers", async (original) => {
  const real = await original<typeof import("@/lib/orders/numbers")>();
  return { ...real, newOrderNo: vi.fn(real.newOrderNo) };
});
vi.mock("@/lib/cache", async (original) => ({ ...(await original<typeof import("@/lib/cache")>()), invalidate: vi.fn() }));

const onPostgres = inject("dbKind") === "postgres";
useTestDatabase();

const address = { recipient: "王小明", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号" };
const key = () => crypto.randomUUID();

describe.runIf(onPostgres)("checkouts batched into one statement", () => {
  let w: Awaited<ReturnType<typeof authWorld>>;
  beforeAll(async () => {
    w = await authWorld();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const newBuyer = async (): Promise<Actor> => actorFor((await createUser("BUYER")).id);
  const order = (buyer: Actor, skuId: string, quantity = 1, idempotencyKey = key()) => placeOrder(buyer, { storeId: w.storeA.id, lines: [{ skuId, quantity }], address, idempotencyKey });
  const settle = <T,>(p: Promise<T>) => p.then((v) => ({ ok: v }), (e: unknown) => ({ error: e }));

  /**
   * Holds every checkout statement of this process busy — MAX_IN_FLIGHT orders of a SKU that
   * another connection has locked — while `queue` starts more checkouts, which then wait in
   * the batcher; releases the lock once they all wait, so they go as one statement.
   */
  async function batchedBehindBusyStatements<T>(queue: () => Promise<T>[]): Promise<{ blockers: string[]; queued: T[] }> {
    const blocker = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 100, stock: 100 }] });
    // Two connections: one holds the lock, the other watches who waits on it.
    const admin = await openPgPool(process.env.DATABASE_URL!, 2);
    const lockHolder = await admin.connect();
    try {
      await lockHolder.query("BEGIN");
      await lockHolder.query(`SELECT 1 FROM "Sku" WHERE id = $1 FOR UPDATE`, [blocker.skuIds[0]]);
      const buyers = await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, () => newBuyer()));
      const blocked = buyers.map((b) => order(b, blocker.skuIds[0]));
      await vi.waitFor(async () => {
        const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        expect(rows[0].n).toBe(MAX_IN_FLIGHT);
      });
      const promises = queue();
      await vi.waitFor(() => expect(placeInBatch.waiting()).toBe(promises.length), { timeout: 5000 });
      await lockHolder.query("COMMIT");
      const blockers = (await Promise.all(blocked)).map((o) => o.id);
      return { blockers, queued: await Promise.all(promises) };
    } finally {
      lockHolder.release();
      await admin.end();
    }
  }

  const xminOf = async (orderIds: string[]) =>
    new Set((await getDb().$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM "Order" WHERE id = ANY(${orderIds}::text[])`).map((r) => r.xmin));

  it("places the orders that queued behind busy statements in one transaction, answering each for itself", async () => {
    const hot = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 990, stock: 10 }] });
    const scarce = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 500, stock: 1 }] });
    const limited = await createItemWithSkus(w.storeA.id, { buyLimit: 1, skus: [{ priceFen: 300, stock: 10 }] });
    const [a, b, c, d, e] = await Promise.all([newBuyer(), newBuyer(), newBuyer(), newBuyer(), newBuyer()]);
    const twinKey = key();

    const { blockers, queued } = await batchedBehindBusyStatements(() => [
      settle(order(a, hot.skuIds[0], 1, twinKey)),
      settle(order(a, hot.skuIds[0], 1, twinKey)), // the same submit twice: one order
      settle(order(b, hot.skuIds[0], 2)),
      settle(order(c, scarce.skuIds[0])), // two buyers for the last unit
      settle(order(e, scarce.skuIds[0])),
      settle(order(d, limited.skuIds[0])),
      settle(order(d, limited.skuIds[0])), // over the buy limit of 1, with the order just before
    ]);

    const idOf = (r: (typeof queued)[number]) => (r as { ok: { id: string } }).ok.id;
    const errorOf = (r: (typeof queued)[number]) => (r as { error: AppError }).error;
    const [twin1, twin2, bOrder, last1, last2, limit1, limit2] = queued;
    expect(idOf(twin1)).toBe(idOf(twin2));
    expect([twin1, twin2].map((r) => (r as { ok: { replayed: boolean } }).ok.replayed).sort()).toEqual([false, true]);
    expect(idOf(bOrder)).toEqual(expect.any(String));
    const lastUnit = [last1, last2];
    expect(lastUnit.filter((r) => "ok" in r)).toHaveLength(1);
    expect(errorOf(lastUnit.find((r) => "error" in r)!)).toMatchObject({ code: "SOLD_OUT", details: expect.objectContaining({ available: 0 }) });
    const limits = [limit1, limit2];
    expect(limits.filter((r) => "ok" in r)).toHaveLength(1);
    expect(errorOf(limits.find((r) => "error" in r)!)).toMatchObject({ code: "BUY_LIMIT", details: expect.objectContaining({ limit: 1, already: 1 }) });

    // Everything placed from the queue was written by one transaction, not the blockers'.
    const placedIds = [idOf(twin1), idOf(bOrder), idOf(lastUnit.find((r) => "ok" in r)!), idOf(limits.find((r) => "ok" in r)!)];
    const batchXmin = await xminOf(placedIds);
    expect(batchXmin.size).toBe(1);
    expect([...(await xminOf(blockers))].filter((x) => batchXmin.has(x))).toEqual([]);

    // The refused orders wrote nothing; the placed ones took exactly their stock.
    expect(await ledgerBalances(hot.skuIds[0])).toEqual({ stock: 7, ledgerSum: 7, lastResulting: 7 });
    expect(await ledgerBalances(scarce.skuIds[0])).toEqual({ stock: 0, ledgerSum: 0, lastResulting: 0 });
    expect(await ledgerBalances(limited.skuIds[0])).toEqual({ stock: 9, ledgerSum: 9, lastResulting: 9 });
    expect(await getDb().order.count({ where: { buyerId: { in: [a, b, c, d, e].map((x) => x.userId) } } })).toBe(4);
  }, 60_000);

  it("places the rest of a batch when one of its orders makes the statement fail", async () => {
    const hot = await createItemWithSkus(w.storeA.id, { skus: [{ priceFen: 990, stock: 10 }] });
    const taken = await order(await newBuyer(), hot.skuIds[0]);
    const takenNo = (await getDb().order.findUniqueOrThrow({ where: { id: taken.id }, select: { orderNo: true } })).orderNo;
    const buyers = await Promise.all(Array.from({ length: 4 }, () => newBuyer()));
    const warn = vi.spyOn(log, "warn");

    const { queued } = await batchedBehindBusyStatements(() => {
      // The next order prepared draws an order number already in use: its insert fails, and with
      // it the whole statement.
      vi.mocked(numbers.newOrderNo).mockReturnValueOnce(takenNo);
      return buyers.map((b) => order(b, hot.skuIds[0]));
    });

    expect(warn).toHaveBeenCalledWith("checkout batch failed; placing its orders one by one", expect.objectContaining({ orders: 4 }));
    expect(new Set(queued.map((o) => o.id)).size).toBe(4);
    const numbersPlaced = await getDb().order.findMany({ where: { id: { in: queued.map((o) => o.id) } }, select: { orderNo: true } });
    expect(numbersPlaced.map((o) => o.orderNo)).not.toContain(takenNo);
    expect(await ledgerBalances(hot.skuIds[0])).toEqual({ stock: 5, ledgerSum: 5, lastResulting: 5 });
  }, 60_000);

  // Batches lock every SKU they touch before writing, in id order; carts over the same SKUs in
  // any order, in batches running side by side, must never wait on each other in a cycle (a
  // deadlock would fail the statement, logged as a failed batch).
  it("never deadlocks when batches of multi-SKU carts over the same SKUs run at once", async () => {
    const { skuIds } = await createItemWithSkus(w.storeA.id, { skus: Array.from({ length: 4 }, () => ({ priceFen: 100, stock: 10_000 })) });
    const buyers = await Promise.all(Array.from({ length: 40 }, () => newBuyer()));
    const warn = vi.spyOn(log, "warn");
    // 40 buyers each ordering again as soon as answered keep every statement busy and the
    // batches overlapping; each cart takes two or three of the four SKUs.
    const taken: string[] = [];
    const placed: string[] = [];
    await Promise.all(
      buyers.map(async (buyer, b) => {
        for (let i = 0; i < 10; i++) {
          const n = b * 10 + i;
          const cart = [...new Set([skuIds[n % 4], skuIds[(n * 7 + 1) % 4], skuIds[(n * 3 + 2) % 4]])];
          const o = await placeOrder(buyer, { storeId: w.storeA.id, lines: cart.map((skuId) => ({ skuId, quantity: 1 })), address, idempotencyKey: key() });
          taken.push(...cart);
          placed.push(o.id);
        }
      }),
    );
    expect(placed).toHaveLength(400);
    // They did go in batches, several at a time.
    expect((await xminOf(placed)).size).toBeLessThan(200);
    expect(warn).not.toHaveBeenCalledWith("checkout batch failed; placing its orders one by one", expect.anything());
    for (const id of skuIds) {
      const n = taken.filter((s) => s === id).length;
      expect(await ledgerBalances(id)).toEqual({ stock: 10_000 - n, ledgerSum: 10_000 - n, lastResulting: 10_000 - n });
    }
  }, 60_000);
});
