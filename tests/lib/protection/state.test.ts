// The two state machines as tables, exhaustively: every transition from every status (and
// type) — legal ones move the request, keep Order.openCases in step, append one event and
// schedule the new status's timer; illegal ones change nothing at all. Also: the case trail
// is append-only, and what each party may do (abilities) follows the same table.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { AfterSaleStatus, AfterSaleType, ComplaintStatus } from "@/lib/db/generated/enums";
import { abilitiesFor } from "@/lib/protection/abilities";
import { complaintTransitions, tryMoveComplaint, type ComplaintTransition } from "@/lib/protection/complaint-state";
import { isOpenRequest } from "@/lib/protection/constants";
import { deadlineField, requestTransitions, SYSTEM, tryMoveRequest, type RequestTransition } from "@/lib/protection/request-state";
import { useTestDatabase } from "../../support/db";
import { authWorld } from "../../support/fixtures";
import { usePaymentsInProcess } from "../../support/payments";
import { paidOrder } from "./support";

useTestDatabase();
usePaymentsInProcess();

const STATUSES: AfterSaleStatus[] = ["AWAITING_SELLER", "OFFER_PENDING", "AWAITING_RETURN", "RETURN_SHIPPED", "REFUNDING", "REFUNDED", "REFUND_FAILED", "REJECTED", "ESCALATED", "WITHDRAWN", "CLOSED"];
const TYPES: AfterSaleType[] = ["REFUND_ONLY", "RETURN_AND_REFUND"];

let w: Awaited<ReturnType<typeof authWorld>>;
let order: { orderId: string; lineIds: string[] };
let n = 0;
beforeAll(async () => {
  w = await authWorld();
  order = await paidOrder(w);
});

/** A request written straight into the given status (with every deadline in the future), counted in openCases as the app would. */
async function requestIn(status: AfterSaleStatus, type: AfterSaleType) {
  const db = getDb();
  const future = new Date(Date.now() + 86_400_000);
  const r = await db.afterSaleRequest.create({
    data: {
      caseNo: `ST${Date.now()}${n++}`,
      orderId: order.orderId,
      storeId: w.storeA.id,
      buyerId: w.buyer.userId,
      type,
      status,
      reason: "QUALITY",
      description: "状态机",
      requestedFen: 100,
      sellerDueAt: future,
      buyerDueAt: future,
      escalateBy: future,
      lines: { create: [{ orderLineId: order.lineIds[0] }] },
    },
    select: { id: true },
  });
  if (isOpenRequest(status)) await db.order.update({ where: { id: order.orderId }, data: { openCases: { increment: 1 } } });
  return r.id;
}

const openCases = async () => (await getDb().order.findUniqueOrThrow({ where: { id: order.orderId }, select: { openCases: true } })).openCases;

describe("the request state machine", () => {
  it("applies exactly the table: every transition from every status and type", async () => {
    const db = getDb();
    let legal = 0;
    let illegal = 0;
    for (const [t, rule] of Object.entries(requestTransitions) as [RequestTransition, (typeof requestTransitions)[RequestTransition]][]) {
      for (const status of STATUSES) {
        for (const type of TYPES) {
          const id = await requestIn(status, type);
          const before = await openCases();
          const moved = await db.$transaction((tx) => tryMoveRequest(tx, { requestId: id, transition: t, actor: SYSTEM }));
          const row = await db.afterSaleRequest.findUniqueOrThrow({ where: { id }, select: { status: true, closedAt: true } });
          const events = await db.caseEvent.findMany({ where: { requestId: id } });
          const allowed = rule.from.includes(status) && (!rule.types || rule.types.includes(type));
          if (allowed) {
            legal++;
            expect(moved, `${t} from ${status} (${type})`).toMatchObject({ from: status, to: rule.to });
            expect(row.status).toBe(rule.to);
            expect(events).toHaveLength(1);
            expect(events[0]).toMatchObject({ type: t, fromStatus: status, toStatus: rule.to, actorKind: "SYSTEM" });
            expect(await openCases(), `openCases after ${t} from ${status}`).toBe(before + (isOpenRequest(rule.to) ? 1 : 0) - (isOpenRequest(status) ? 1 : 0));
            if (!isOpenRequest(rule.to)) expect(row.closedAt).not.toBeNull();
            const field = deadlineField(rule.to);
            const jobs = await db.job.count({ where: { singletonKey: { startsWith: `case.deadline:${id}:${rule.to}:` } } });
            expect(jobs, `timer for ${rule.to}`).toBe(field ? 1 : 0);
          } else {
            illegal++;
            expect(moved, `${t} from ${status} (${type}) must be refused`).toBeNull();
            expect(row.status).toBe(status);
            expect(events).toHaveLength(0);
            expect(await openCases()).toBe(before);
          }
        }
      }
    }
    expect(legal).toBeGreaterThan(30);
    expect(illegal).toBeGreaterThan(300);
  });

  it("refuses a transition whose extra condition no longer holds (a deadline moved), changing nothing", async () => {
    const id = await requestIn("AWAITING_SELLER", "REFUND_ONLY");
    const moved = await getDb().$transaction((tx) => tryMoveRequest(tx, { requestId: id, transition: "AUTO_ACCEPT_REFUND", actor: SYSTEM, where: { sellerDueAt: { lte: new Date() } } }));
    expect(moved).toBeNull();
    expect((await getDb().afterSaleRequest.findUniqueOrThrow({ where: { id } })).status).toBe("AWAITING_SELLER");
  });

  it("keeps the case trail append-only", async () => {
    const id = await requestIn("AWAITING_SELLER", "REFUND_ONLY");
    await getDb().$transaction((tx) => tryMoveRequest(tx, { requestId: id, transition: "SELLER_REJECT", actor: SYSTEM }));
    const e = await getDb().caseEvent.findFirstOrThrow({ where: { requestId: id } });
    await expect(getDb().caseEvent.update({ where: { id: e.id }, data: { type: "FORGED" } })).rejects.toThrow();
    await expect(getDb().caseEvent.delete({ where: { id: e.id } })).rejects.toThrow();
  });
});

describe("the complaint state machine", () => {
  it("applies exactly the table: every transition from every status", async () => {
    const db = getDb();
    const statuses: ComplaintStatus[] = ["OPEN", "AWAITING_EVIDENCE", "SETTLED", "WITHDRAWN"];
    for (const [t, rule] of Object.entries(complaintTransitions) as [ComplaintTransition, (typeof complaintTransitions)[ComplaintTransition]][]) {
      for (const status of statuses) {
        const requestId = await requestIn("ESCALATED", "REFUND_ONLY");
        const c = await db.complaint.create({
          data: { caseNo: `SC${Date.now()}${n++}`, requestId, orderId: order.orderId, storeId: w.storeA.id, buyerId: w.buyer.userId, statement: "x", status, slaDueAt: new Date(Date.now() + 3600_000), evidenceDueAt: new Date(Date.now() + 3600_000) },
        });
        const moved = await db.$transaction((tx) => tryMoveComplaint(tx, { complaintId: c.id, transition: t, actor: SYSTEM }));
        const after = await db.complaint.findUniqueOrThrow({ where: { id: c.id } });
        const events = await db.caseEvent.count({ where: { complaintId: c.id } });
        if (rule.from.includes(status)) {
          expect(moved, `${t} from ${status}`).toMatchObject({ from: status, to: rule.to });
          expect(after.status).toBe(rule.to);
          expect(events).toBe(1);
          if (rule.to === "AWAITING_EVIDENCE") expect(await db.job.count({ where: { singletonKey: { startsWith: `case.evidence:${c.id}:` } } })).toBe(1);
        } else {
          expect(moved, `${t} from ${status} must be refused`).toBeNull();
          expect(after.status).toBe(status);
          expect(events).toBe(0);
        }
      }
    }
  });
});

describe("abilities follow the table and the clock", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const soon = new Date(now.getTime() + 3600_000);
  const past = new Date(now.getTime() - 1000);
  const state = (status: AfterSaleStatus, over: Partial<Parameters<typeof abilitiesFor>[1]> = {}) => ({ type: "RETURN_AND_REFUND" as AfterSaleType, status, sellerDueAt: soon, buyerDueAt: soon, escalateBy: soon, complaint: null, ...over });

  it("gives each party only its own controls", () => {
    const waiting = state("AWAITING_SELLER");
    expect(abilitiesFor("SELLER", waiting, now)).toMatchObject({ accept: true, reject: true, offer: true, withdraw: false, settle: false });
    expect(abilitiesFor("BUYER", waiting, now)).toMatchObject({ accept: false, reject: false, withdraw: true, escalate: false });
    expect(abilitiesFor("ADMIN", waiting, now)).toMatchObject({ accept: false, withdraw: false, settle: false, message: true });
    const escalated = state("ESCALATED", { complaint: { status: "AWAITING_EVIDENCE", evidenceFrom: "SELLER" } });
    expect(abilitiesFor("SELLER", escalated, now).submitEvidence).toBe(true);
    expect(abilitiesFor("BUYER", escalated, now).submitEvidence).toBe(false);
    expect(abilitiesFor("ADMIN", escalated, now)).toMatchObject({ settle: true, requestEvidence: false });
  });

  it("hides what a passed deadline forbids", () => {
    expect(abilitiesFor("SELLER", state("AWAITING_SELLER", { sellerDueAt: past }), now)).toMatchObject({ accept: true, reject: false, offer: false });
    expect(abilitiesFor("BUYER", state("OFFER_PENDING", { buyerDueAt: past }), now)).toMatchObject({ acceptOffer: false, declineOffer: true });
    expect(abilitiesFor("BUYER", state("REJECTED", { escalateBy: past }), now)).toMatchObject({ escalate: false });
    expect(abilitiesFor("BUYER", state("CLOSED", { escalateBy: soon }), now)).toMatchObject({ escalate: true, message: true, withdraw: false });
    expect(abilitiesFor("BUYER", state("CLOSED", { escalateBy: null }), now)).toMatchObject({ escalate: false, message: false });
  });
});
