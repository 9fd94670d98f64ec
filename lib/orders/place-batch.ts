import "server-only";
// Group commit for checkout. Orders that arrive while this process's checkout statements are
// running wait for the next one and go to Postgres together, as one ls_place_orders call
// (prisma/sql/20-checkout.sql): one statement, one transaction, one commit for all of them.
// With nothing else in flight an order goes at once, alone, so a quiet store waits for
// nothing; under a flash sale's crowd the batches grow by themselves. On one hot SKU every
// transaction queues on the row's lock, and a batch pays for the lock, the round trip and the
// commit once for all its orders instead of once each.
import { batcher } from "@/lib/db/batch";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";

export type PlaceOutcome =
  | { id: string; soldOut: boolean; dueNow: boolean; refused?: undefined }
  | { refused: "SOLD_OUT" | "BUY_LIMIT" | "SALE_LIMIT" | "SALE_SOLD_OUT" | "UNPAID_LIMIT" | "STORE_NOT_OPEN" | "COUPON_UNAVAILABLE" | "DUPLICATE"; detail: Record<string, unknown> };

/** The orders ls_place_orders takes, as checkout prepares them; only what batching itself needs is typed. */
export interface BatchableOrder {
  buyerId: string;
  idempotencyKey: string;
}

/**
 * Statements in flight at once per process. More than one, so checkouts of different SKUs
 * (which do not wait on each other's locks) still run side by side on several cores; few, so
 * that on a hot SKU most orders wait here, where waiting is free and builds the next batch,
 * rather than in Postgres's lock queue, one backend each.
 */
export const MAX_IN_FLIGHT = 3;
/** Orders per statement at most: the batch holds its SKUs' locks until it commits. */
export const MAX_BATCH = 50;

/** Places one order, in one statement with whatever orders are waiting when a statement is free. */
export const placeInBatch = batcher(placeOrders, {
  maxInFlight: MAX_IN_FLIGHT,
  maxBatch: MAX_BATCH,
  // Nothing of a failed statement was written, so each order goes again alone (a clashing
  // order number, say, is then that order's error only). A lost connection is not retried
  // here: each caller answers 503, and a retry with its idempotency key finds the order if
  // the statement committed after all.
  onBatchFailed: (orders, error) => log.warn("checkout batch failed; placing its orders one by one", { orders, error }),
});

/** One ls_place_orders statement: an outcome per order, in the orders' order. */
export async function placeOrders(orders: BatchableOrder[]): Promise<PlaceOutcome[]> {
  const [row] = await db.$queryRaw<{ result: string }[]>`SELECT ls_place_orders(${JSON.stringify(orders)}::jsonb) AS result`;
  const outcomes = JSON.parse(row.result) as PlaceOutcome[];
  if (outcomes.length !== orders.length) throw new Error(`ls_place_orders answered ${outcomes.length} outcomes for ${orders.length} orders`);
  return outcomes;
}
