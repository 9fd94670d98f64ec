// Orders for purchase-protection tests: placed and paid through the real checkout and the
// in-process WeChat Pay sandbox (so refunds can really be settled), shipped and confirmed
// through the order lifecycle. Deadlines are passed by moving them (and their jobs) into
// the past and running the queue — no sleeping.
import { expect } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { jobHandlers } from "@/lib/jobs/registry";
import { runDueJobs } from "@/lib/jobs/worker";
import { confirmReceipt, shipOrder } from "@/lib/orders/lifecycle";
import { deadlineField } from "@/lib/protection/request-state";
import { createItemWithSkus } from "../../support/catalog";
import { deliverSandbox, orderStatus, payInSandbox, placeTestOrder } from "../../support/payments";

export interface World {
  buyer: Actor;
  sellerA: Actor;
  storeA: { id: string };
}

/** A paid order of `buyer` in store A with one line per price (quantity 1 unless given), optionally with flat postage. */
export async function paidOrder(w: World, opts: { prices?: number[]; quantities?: number[]; postageFen?: number; buyer?: Actor } = {}) {
  const prices = opts.prices ?? [1000];
  const buyer = opts.buyer ?? w.buyer;
  const skuIds: string[] = [];
  for (const [i, priceFen] of prices.entries()) {
    // One item per line; only the first carries the postage (a flat fee per order for that item).
    const { skuIds: ids } = await createItemWithSkus(w.storeA.id, {
      title: `商品${i + 1}`,
      skus: [{ priceFen, stock: 100 }],
      postage: i === 0 && opts.postageFen ? { mode: "FLAT", fen: opts.postageFen } : undefined,
    });
    skuIds.push(ids[0]);
  }
  const order = await placeTestOrder(buyer, w.storeA.id, skuIds.map((skuId, i) => ({ skuId, quantity: opts.quantities?.[i] ?? 1 })));
  await payInSandbox(buyer, order.id);
  await deliverSandbox(async () => (await orderStatus(order.id)) === "PAID");
  const lines = await getDb().orderLine.findMany({ where: { orderId: order.id }, select: { id: true, skuId: true, lineTotalFen: true } });
  // In the order the prices were given.
  const lineIds = skuIds.map((s) => lines.find((l) => l.skuId === s)!.id);
  return { orderId: order.id, lineIds, totalFen: order.totalFen };
}

export async function ship(w: World, orderId: string) {
  await shipOrder(w.sellerA, w.storeA.id, orderId, { carrier: "SF", trackingNo: "SF1234567890" });
}

export async function complete(w: World, orderId: string, buyer: Actor = w.buyer) {
  await ship(w, orderId);
  await confirmReceipt(buyer, orderId);
}

/** Sends due refunds to the sandbox and delivers its notifications until no refund of the order is PROCESSING. */
export async function settleRefunds(orderId: string) {
  const handlers = await jobHandlers();
  await deliverSandbox(async () => {
    await runDueJobs(handlers);
    return (await getDb().refund.count({ where: { orderId, status: "PROCESSING" } })) === 0;
  });
}

/** Moves the request's current deadline (and its timer) into the past and runs the due jobs. */
export async function passDeadline(requestId: string) {
  const db = getDb();
  const r = await db.afterSaleRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true } });
  const field = deadlineField(r.status);
  if (!field) throw new Error(`no deadline in ${r.status}`);
  const past = new Date(Date.now() - 1000);
  await db.afterSaleRequest.update({ where: { id: requestId }, data: { [field]: past } });
  const n = await db.job.updateMany({ where: { singletonKey: { startsWith: `case.deadline:${requestId}:${r.status}:` }, doneAt: null }, data: { runAt: past } });
  expect(n.count, "a timer was scheduled for this deadline").toBeGreaterThan(0);
  await runDueJobs(await jobHandlers());
}

/** Moves the complaint's evidence deadline (and its timer) into the past and runs the due jobs. */
export async function passEvidenceDeadline(complaintId: string) {
  const db = getDb();
  const past = new Date(Date.now() - 1000);
  await db.complaint.update({ where: { id: complaintId }, data: { evidenceDueAt: past } });
  const n = await db.job.updateMany({ where: { singletonKey: { startsWith: `case.evidence:${complaintId}:` }, doneAt: null }, data: { runAt: past } });
  expect(n.count, "a timer was scheduled for the evidence deadline").toBeGreaterThan(0);
  await runDueJobs(await jobHandlers());
}

export async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (x) => x,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${e}`);
  return e.code;
}

export async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x) => x,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${e}`);
  return e;
}

export async function requestRow(id: string) {
  return getDb().afterSaleRequest.findUniqueOrThrow({ where: { id }, include: { lines: true, complaint: true } });
}

export async function orderRow(id: string) {
  return getDb().order.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { id: "asc" } } } });
}

export async function eventTypes(requestId: string) {
  return (await getDb().caseEvent.findMany({ where: { requestId }, orderBy: { id: "asc" }, select: { type: true } })).map((e) => e.type);
}

/** Money invariants that must hold for any order at any time. */
export async function expectMoneyConsistent(orderId: string) {
  const db = getDb();
  const o = await db.order.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true, refunds: true } });
  const committed = o.refunds.filter((r) => r.status === "PROCESSING" || r.status === "SUCCESS").reduce((n, r) => n + r.amountFen, 0);
  const paid = o.refunds.filter((r) => r.status === "SUCCESS").reduce((n, r) => n + r.amountFen, 0);
  expect(committed, "refunds in flight or paid never exceed the total").toBeLessThanOrEqual(o.totalFen);
  expect(o.refundedFen).toBe(paid);
  for (const l of o.lines) expect(l.refundedFen).toBeLessThanOrEqual(l.lineTotalFen);
  const linesRefunded = o.lines.reduce((n, l) => n + l.refundedFen, 0);
  expect(linesRefunded, "line refunds never exceed the order's refunded total").toBeLessThanOrEqual(o.refundedFen);
  expect(o.refundedFen - linesRefunded, "the rest is postage").toBeLessThanOrEqual(o.postageFen);
  const open = await db.afterSaleRequest.count({ where: { orderId, status: { in: ["AWAITING_SELLER", "OFFER_PENDING", "AWAITING_RETURN", "RETURN_SHIPPED", "REFUNDING", "REFUND_FAILED", "REJECTED", "ESCALATED"] } } });
  expect(o.openCases, "openCases counts the open requests").toBe(open);
}
