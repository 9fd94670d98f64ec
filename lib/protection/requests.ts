import "server-only";
// After-sale requests between buyer and seller: the buyer opens one on some lines of a paid
// order; the seller accepts, rejects or offers a partial refund; returns go back with a
// carrier and tracking number and the seller confirms receipt. One transaction per action,
// each starting with the order's row lock, each a guarded transition (request-state.ts).
import { requireRole, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { buyerCase, assertCaseImagesUsable, sellerCase } from "./access";
import { newCaseNo } from "./case-no";
import { moveComplaint } from "./complaint-state";
import { DAY, HOUR, OFFER_RESPONSE_HOURS, OPEN_REQUEST_STATUSES, RETURN_RECEIPT_DAYS, RETURN_SHIP_DAYS, typesFor } from "./constants";
import { tellBuyer, tellStore } from "./notify";
import { protectionWindow, termsOf } from "./policy";
import { aboveRefundable, nothingToRefund, refundRoom, startCaseRefund } from "./refunds";
import { lockOrder, moveRequest, recordCaseEvent, scheduleRequestDeadline, type CaseActor } from "./request-state";
import {
  openRequestInput,
  sellerAcceptInput,
  sellerOfferInput,
  sellerRejectInput,
  shipReturnInput,
  type OpenRequestInput,
  type ReturnAddress,
} from "./schemas";

function invalidState(messageKey: string, message: string): AppError {
  return new AppError("INVALID_STATE", message, { details: { messageKey } });
}

function fieldError(field: string, key: string, message = "Please correct the highlighted fields."): AppError {
  return new AppError("VALIDATION", message, { fieldErrors: { [field]: [key] } });
}

/** The deadline of the status the action answers has not passed (a timer that is late must not be overtaken). */
function beforeDeadline(at: Date | null, now: Date) {
  if (at && at.getTime() <= now.getTime()) throw invalidState("deadlinePassed", "The deadline for this has passed.");
}

/** The store's saved return address, when it is complete. */
export function storeReturnAddress(s: { returnRecipient: string | null; returnPhone: string | null; returnAddress: string | null }): ReturnAddress | null {
  return s.returnRecipient && s.returnPhone && s.returnAddress ? { recipient: s.returnRecipient, phone: s.returnPhone, address: s.returnAddress } : null;
}

// ───────────────────────────── Opening ─────────────────────────────

/**
 * The buyer opens a request on one or more lines of their paid, shipped or completed order
 * (completed: within the frozen window after receipt). The amount may be at most what those
 * lines cost less what was refunded for them (plus the postage when every line is included).
 */
export async function openRequest(actor: Actor | null, input: OpenRequestInput): Promise<{ id: string; caseNo: string }> {
  const buyer = requireRole(actor, "BUYER");
  const data = parseInput(openRequestInput, input);
  const own = await db.order.findFirst({ where: { id: data.orderId, buyerId: buyer.userId }, select: { id: true, storeId: true } });
  if (!own) throw new AppError("NOT_FOUND", "Order not found");
  const by: CaseActor = { kind: "BUYER", id: buyer.userId };
  return db.$transaction(async (tx) => {
    await lockOrder(tx, own.id);
    const now = new Date();
    const order = await tx.order.findUniqueOrThrow({
      where: { id: own.id },
      select: { status: true, completedAt: true, protectionTerms: true, orderNo: true, lines: { select: { id: true } } },
    });
    if (!protectionWindow(order, now).open) throw invalidState("protectionWindowClosed", "After-sale requests are no longer possible for this order.");
    if (!typesFor(order.status).includes(data.type)) throw fieldError("type", "typeNotAllowed");
    const lineIds = [...new Set(data.lineIds)];
    const known = new Set(order.lines.map((l) => l.id));
    if (lineIds.some((id) => !known.has(id))) throw fieldError("lineIds", "lineUnknown");
    const busy = await tx.afterSaleLine.findFirst({ where: { orderLineId: { in: lineIds }, request: { status: { in: [...OPEN_REQUEST_STATUSES] } } }, select: { orderLineId: true } });
    if (busy) throw fieldError("lineIds", "lineHasOpenCase");
    const terms = termsOf(order.protectionTerms);
    if (data.evidenceImageIds.length > terms.maxEvidenceImages) throw fieldError("evidenceImageIds", "tooManyImages");
    await assertCaseImagesUsable(tx, { by, storeId: own.storeId, imageIds: data.evidenceImageIds, field: "evidenceImageIds" });
    const room = await refundRoom(tx, own.id, lineIds);
    if (room.maxFen <= 0) throw nothingToRefund();
    if (data.amountFen > room.maxFen) throw aboveRefundable(room.maxFen);

    const request = await tx.afterSaleRequest.create({
      data: {
        caseNo: await newCaseNo(tx, "AS", now),
        orderId: own.id,
        storeId: own.storeId,
        buyerId: buyer.userId,
        type: data.type,
        status: "AWAITING_SELLER",
        reason: data.reason,
        description: data.description,
        evidenceImageIds: [...new Set(data.evidenceImageIds)],
        requestedFen: data.amountFen,
        sellerDueAt: new Date(now.getTime() + terms.sellerResponseHours * HOUR),
        lines: { create: lineIds.map((orderLineId) => ({ orderLineId })) },
      },
      select: { id: true, caseNo: true, status: true, sellerDueAt: true, buyerDueAt: true, escalateBy: true },
    });
    await tx.order.update({ where: { id: own.id }, data: { openCases: { increment: 1 } } });
    await recordCaseEvent(tx, { requestId: request.id, type: "OPEN", toStatus: "AWAITING_SELLER", actor: by, data: { type: data.type, reason: data.reason, amountFen: data.amountFen, lineIds } });
    await scheduleRequestDeadline(tx, request);
    await tellStore(tx, { id: request.id, caseNo: request.caseNo, storeId: own.storeId, buyerId: buyer.userId }, "OPEN", "AFTER_SALE_OPENED", { orderNo: order.orderNo, amountFen: data.amountFen });
    return { id: request.id, caseNo: request.caseNo };
  });
}

// ───────────────────────────── The seller answers ─────────────────────────────

async function loadForAnswer(tx: Tx, requestId: string) {
  return tx.afterSaleRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      type: true,
      status: true,
      requestedFen: true,
      offeredFen: true,
      sellerDueAt: true,
      buyerDueAt: true,
      escalateBy: true,
      lines: { select: { orderLineId: true } },
      order: { select: { protectionTerms: true } },
      store: { select: { returnRecipient: true, returnPhone: true, returnAddress: true } },
      complaint: { select: { id: true, status: true } },
    },
  });
}

/**
 * The seller accepts: a refund-only request is refunded now; a return gets the return
 * address (the one given, else the store's saved one) frozen onto it and the buyer a
 * deadline to ship it back.
 */
export async function sellerAccept(actor: Actor | null, storeId: string, requestId: string, input: { returnAddress?: ReturnAddress } = {}) {
  const { key, by } = await sellerCase(actor, storeId, requestId);
  const data = parseInput(sellerAcceptInput, input);
  await db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const now = new Date();
    const r = await loadForAnswer(tx, requestId);
    if (r.type === "REFUND_ONLY") {
      const moved = await moveRequest(tx, { requestId, transition: "SELLER_ACCEPT_REFUND", actor: by, data: { sellerDueAt: null } });
      await startCaseRefund(tx, { requestId, amountFen: r.requestedFen, exact: false, cause: "AFTER_SALE", actor: by });
      await tellBuyer(tx, moved, "SELLER_ACCEPT_REFUND");
      return;
    }
    const address = data.returnAddress ?? storeReturnAddress(r.store);
    if (!address) throw fieldError("returnAddress", "returnAddressRequired");
    const moved = await moveRequest(tx, {
      requestId,
      transition: "SELLER_ACCEPT_RETURN",
      actor: by,
      data: { returnAddress: JSON.stringify(address), buyerDueAt: new Date(now.getTime() + RETURN_SHIP_DAYS * DAY), sellerDueAt: null },
      event: { returnAddress: address },
    });
    await tellBuyer(tx, moved, "SELLER_ACCEPT_RETURN");
  });
}

/** The seller rejects, with a reason the buyer sees; the buyer may complain to the platform until escalateBy. */
export async function sellerReject(actor: Actor | null, storeId: string, requestId: string, input: { reason: string }) {
  await sellerRefuses(actor, storeId, requestId, input, { transition: "SELLER_REJECT", answering: "AWAITING_SELLER" });
}

/** The seller offers a partial refund (less than asked; the buyer keeps the goods if they accept). */
export async function sellerOffer(actor: Actor | null, storeId: string, requestId: string, input: { amountFen: number; note?: string }) {
  const { key, by } = await sellerCase(actor, storeId, requestId);
  const data = parseInput(sellerOfferInput, input);
  await db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const now = new Date();
    const r = await loadForAnswer(tx, requestId);
    if (r.status === "AWAITING_SELLER") beforeDeadline(r.sellerDueAt, now);
    if (data.amountFen >= r.requestedFen) throw fieldError("amount", "offerNotPartial");
    const room = await refundRoom(tx, key.orderId, r.lines.map((l) => l.orderLineId), requestId);
    if (data.amountFen > room.maxFen) throw aboveRefundable(room.maxFen);
    const moved = await moveRequest(tx, {
      requestId,
      transition: "SELLER_OFFER",
      actor: by,
      where: { sellerDueAt: { gt: now } },
      data: { offeredFen: data.amountFen, sellerDueAt: null, buyerDueAt: new Date(now.getTime() + OFFER_RESPONSE_HOURS * HOUR) },
      event: { amountFen: data.amountFen, note: data.note || null },
    });
    await tellBuyer(tx, moved, "SELLER_OFFER", "CASE_UPDATED", { amountFen: data.amountFen });
  });
}

/** The buyer accepts the seller's offer: the offered amount is refunded. */
export async function buyerAcceptOffer(actor: Actor | null, requestId: string) {
  const { key, by } = await buyerCase(actor, requestId);
  await db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const now = new Date();
    const r = await loadForAnswer(tx, requestId);
    if (r.status === "OFFER_PENDING") beforeDeadline(r.buyerDueAt, now);
    const moved = await moveRequest(tx, { requestId, transition: "BUYER_ACCEPT_OFFER", actor: by, where: { buyerDueAt: { gt: now } }, data: { buyerDueAt: null }, event: { amountFen: r.offeredFen } });
    await startCaseRefund(tx, { requestId, amountFen: r.offeredFen ?? 0, exact: true, cause: "AFTER_SALE", actor: by });
    await tellStore(tx, moved, "BUYER_ACCEPT_OFFER");
  });
}

/** The buyer declines the offer: like a rejection, they may now complain to the platform. */
export async function buyerDeclineOffer(actor: Actor | null, requestId: string) {
  const { key, by } = await buyerCase(actor, requestId);
  await db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const now = new Date();
    const r = await loadForAnswer(tx, requestId);
    const days = termsOf(r.order.protectionTerms).complaintDaysAfterRejection;
    const moved = await moveRequest(tx, {
      requestId,
      transition: "BUYER_DECLINE_OFFER",
      actor: by,
      data: { buyerDueAt: null, escalateBy: new Date(now.getTime() + days * DAY) },
      event: { amountFen: r.offeredFen },
    });
    await tellStore(tx, moved, "BUYER_DECLINE_OFFER");
  });
}

// ───────────────────────────── Returns ─────────────────────────────

/** The buyer ships the return back with a carrier and tracking number; the seller then has a deadline to confirm receipt. */
export async function buyerShipReturn(actor: Actor | null, requestId: string, input: { carrier: string; trackingNo: string }) {
  const { key, by } = await buyerCase(actor, requestId);
  const data = parseInput(shipReturnInput, input);
  await db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const now = new Date();
    const r = await loadForAnswer(tx, requestId);
    if (r.status === "AWAITING_RETURN") beforeDeadline(r.buyerDueAt, now);
    const moved = await moveRequest(tx, {
      requestId,
      transition: "BUYER_SHIP_RETURN",
      actor: by,
      where: { buyerDueAt: { gt: now } },
      data: { returnCarrier: data.carrier, returnTrackingNo: data.trackingNo, returnShippedAt: now, buyerDueAt: null, sellerDueAt: new Date(now.getTime() + RETURN_RECEIPT_DAYS * DAY) },
      event: { carrier: data.carrier, trackingNo: data.trackingNo },
    });
    await tellStore(tx, moved, "BUYER_SHIP_RETURN");
  });
}

/** The seller confirms the return arrived: what the buyer asked for is refunded. */
export async function sellerConfirmReturn(actor: Actor | null, storeId: string, requestId: string) {
  const { key, by } = await sellerCase(actor, storeId, requestId);
  await db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const r = await loadForAnswer(tx, requestId);
    const moved = await moveRequest(tx, { requestId, transition: "SELLER_CONFIRM_RETURN", actor: by, data: { returnReceivedAt: new Date(), sellerDueAt: null } });
    await startCaseRefund(tx, { requestId, amountFen: r.requestedFen, exact: false, cause: "AFTER_SALE", actor: by });
    await tellBuyer(tx, moved, "SELLER_CONFIRM_RETURN");
  });
}

/** The seller refuses the returned goods (e.g. not what was sent), with a reason; the buyer may complain. */
export async function sellerRejectReturn(actor: Actor | null, storeId: string, requestId: string, input: { reason: string }) {
  await sellerRefuses(actor, storeId, requestId, input, { transition: "SELLER_REJECT_RETURN", answering: "RETURN_SHIPPED", data: (now) => ({ returnReceivedAt: now }) });
}

/**
 * A seller's refusal with a reason (of the request, or of the returned goods), before their
 * deadline while `answering`; the buyer may complain to the platform until escalateBy.
 */
async function sellerRefuses(
  actor: Actor | null,
  storeId: string,
  requestId: string,
  input: { reason: string },
  how: { transition: "SELLER_REJECT" | "SELLER_REJECT_RETURN"; answering: "AWAITING_SELLER" | "RETURN_SHIPPED"; data?: (now: Date) => { returnReceivedAt: Date } },
) {
  const { key, by } = await sellerCase(actor, storeId, requestId);
  const data = parseInput(sellerRejectInput, input);
  await db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const now = new Date();
    const r = await loadForAnswer(tx, requestId);
    if (r.status === how.answering) beforeDeadline(r.sellerDueAt, now);
    const days = termsOf(r.order.protectionTerms).complaintDaysAfterRejection;
    const moved = await moveRequest(tx, {
      requestId,
      transition: how.transition,
      actor: by,
      where: { sellerDueAt: { gt: now } },
      data: { rejectReason: data.reason, ...how.data?.(now), sellerDueAt: null, escalateBy: new Date(now.getTime() + days * DAY) },
      event: { reason: data.reason },
    });
    await tellBuyer(tx, moved, how.transition);
  });
}

// ───────────────────────────── Withdrawing ─────────────────────────────

/** The buyer withdraws the request (and its complaint, if escalated) any time before settlement. */
export async function withdrawRequest(actor: Actor | null, requestId: string) {
  const { key, by } = await buyerCase(actor, requestId);
  await db.$transaction(async (tx) => {
    await lockOrder(tx, key.orderId);
    const r = await loadForAnswer(tx, requestId);
    let complaintId: string | null = null;
    if (r.status === "ESCALATED" && r.complaint) {
      complaintId = (await moveComplaint(tx, { complaintId: r.complaint.id, transition: "WITHDRAW", actor: by, data: { evidenceFrom: null, evidenceNote: null, evidenceDueAt: null } })).id;
    }
    const moved = await moveRequest(tx, { requestId, transition: "BUYER_WITHDRAW", actor: by, complaintId, data: { sellerDueAt: null, buyerDueAt: null, escalateBy: null } });
    await tellStore(tx, moved, "BUYER_WITHDRAW");
  });
}
