import "server-only";
// Reading cases: a buyer reads their own, a seller their store's, an admin any (with the
// evidence bundle). Lists are one query each (plus a count), never a query per row.
import { requireAdmin, requireRole, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { AfterSaleStatus } from "@/lib/db/generated/enums";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { abilitiesFor, heldByWechat, type Abilities, type Viewer } from "./abilities";
import { adminCase, buyerCase, sellerCase } from "./access";
import { AT_RISK_HOURS, HOUR, OPEN_REQUEST_STATUSES, typesFor } from "./constants";
import { parseReturnAddress, type ReturnAddressView } from "./format";
import { protectionWindow, termsOf } from "./policy";
import { refundRoom } from "./refunds";
import { deadlineField } from "./request-state";
import { storeReturnAddress } from "./requests";

// ───────────────────────────── One case ─────────────────────────────

const caseSelect = {
  id: true,
  caseNo: true,
  type: true,
  status: true,
  reason: true,
  description: true,
  evidenceImageIds: true,
  requestedFen: true,
  offeredFen: true,
  approvedFen: true,
  sellerDueAt: true,
  buyerDueAt: true,
  escalateBy: true,
  rejectReason: true,
  returnAddress: true,
  returnCarrier: true,
  returnTrackingNo: true,
  returnShippedAt: true,
  returnReceivedAt: true,
  closedAt: true,
  createdAt: true,
  updatedAt: true,
  order: { select: { id: true, orderNo: true, status: true, totalFen: true, itemsFen: true, postageFen: true, refundedFen: true, openCases: true } },
  store: { select: { id: true, name: true, slug: true, returnRecipient: true, returnPhone: true, returnAddress: true } },
  buyer: { select: { id: true, name: true } },
  lines: {
    select: {
      orderLineId: true,
      amountFen: true,
      orderLine: { select: { title: true, specKey: true, imageId: true, unitPriceFen: true, quantity: true, lineTotalFen: true, refundedFen: true } },
    },
    orderBy: { orderLineId: "asc" },
  },
  complaint: {
    select: {
      id: true,
      caseNo: true,
      status: true,
      statement: true,
      slaDueAt: true,
      evidenceFrom: true,
      evidenceNote: true,
      evidenceDueAt: true,
      outcome: true,
      settledFen: true,
      decisionReason: true,
      settledAt: true,
      createdAt: true,
    },
  },
  events: { select: { id: true, type: true, fromStatus: true, toStatus: true, actorKind: true, data: true, createdAt: true, complaintId: true }, orderBy: { id: "asc" } },
  messages: { select: { id: true, authorRole: true, body: true, imageIds: true, createdAt: true, complaintId: true, author: { select: { name: true } } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  refunds: { select: { id: true, outRefundNo: true, amountFen: true, status: true, cause: true, createdAt: true, settledAt: true, refundId: true }, orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.AfterSaleRequestSelect;

type CaseRow = Prisma.AfterSaleRequestGetPayload<{ select: typeof caseSelect }>;

export interface CaseView extends Omit<CaseRow, "returnAddress" | "store" | "lines" | "messages" | "events" | "refunds"> {
  viewer: Viewer;
  refunds: Omit<CaseRow["refunds"][number], "refundId">[];
  /** The last refund is held by WeChat Pay as ABNORMAL: settled in the merchant platform, not sent again. */
  refundHeldByWechat: boolean;
  returnAddress: ReturnAddressView | null;
  store: { id: string; name: string; slug: string };
  /** The store's saved return address (for the seller's accept form). */
  storeReturnAddress: ReturnAddressView | null;
  lines: { orderLineId: string; amountFen: number; title: string; specKey: string; imageId: string | null; unitPriceFen: number; quantity: number; lineTotalFen: number; refundedFen: number }[];
  events: { id: string; type: string; fromStatus: string | null; toStatus: string | null; actorKind: string; data: unknown; createdAt: Date; complaintId: string | null }[];
  messages: { id: string; authorRole: string; authorName: string | null; body: string; imageIds: string[]; createdAt: Date; complaintId: string | null }[];
  /** The deadline the current status runs against, and whose it is. */
  deadline: { at: Date; party: "SELLER" | "BUYER" } | null;
  /** The most that could be refunded for this request's lines now (for offers and partial settlements). */
  maxRefundFen: number;
  can: Abilities;
}

function toView({ refunds, ...r }: CaseRow, viewer: Viewer, maxRefundFen: number, now: Date): CaseView {
  const field = deadlineField(r.status);
  const at = field ? r[field] : null;
  const refundHeldByWechat = heldByWechat(refunds.at(-1));
  return {
    ...r,
    refunds: refunds.map(({ refundId: _id, ...x }) => x),
    refundHeldByWechat,
    viewer,
    returnAddress: parseReturnAddress(r.returnAddress),
    store: { id: r.store.id, name: r.store.name, slug: r.store.slug },
    storeReturnAddress: viewer === "SELLER" ? storeReturnAddress(r.store) : null,
    lines: r.lines.map((l) => ({ orderLineId: l.orderLineId, amountFen: l.amountFen, ...l.orderLine })),
    events: r.events.map((e) => ({ ...e, id: String(e.id) })),
    // Admin names stay with admins; buyers and sellers see "the platform".
    messages: r.messages.map(({ author, ...m }) => ({ ...m, authorName: m.authorRole === "ADMIN" && viewer !== "ADMIN" ? null : author.name })),
    deadline: at ? { at, party: field === "buyerDueAt" || field === "escalateBy" ? "BUYER" : "SELLER" } : null,
    maxRefundFen,
    can: abilitiesFor(viewer, { ...r, refundHeldByWechat }, now),
  };
}

async function loadCase(requestId: string, viewer: Viewer): Promise<CaseView> {
  const r = await db.afterSaleRequest.findUnique({ where: { id: requestId }, select: caseSelect });
  if (!r) throw new AppError("NOT_FOUND", "Case not found");
  const room = await refundRoom(
    db,
    r.order.id,
    r.lines.map((l) => l.orderLineId),
    r.id,
  );
  return toView(r, viewer, room.maxFen, new Date());
}

/** The buyer's own case. */
export async function getBuyerCase(actor: Actor | null, requestId: string): Promise<CaseView> {
  await buyerCase(actor, requestId);
  return loadCase(requestId, "BUYER");
}

/** A case of the seller's store. */
export async function getSellerCase(actor: Actor | null, storeId: string, requestId: string): Promise<CaseView> {
  await sellerCase(actor, storeId, requestId);
  return loadCase(requestId, "SELLER");
}

export interface EvidenceBundle {
  order: {
    id: string;
    orderNo: string;
    status: string;
    createdAt: Date;
    itemsFen: number;
    postageFen: number;
    totalFen: number;
    refundedFen: number;
    protectionTerms: ReturnType<typeof termsOf>;
    buyerNote: string | null;
    shipTo: { recipient: string; city: string; district: string };
    lines: { id: string; title: string; specKey: string; unitPriceFen: number; quantity: number; lineTotalFen: number; refundedFen: number }[];
  };
  payment: { transactionId: string | null; paidAt: Date | null; amountFen: number | null; tradeType: string | null } | null;
  shipping: { carrier: string | null; trackingNo: string | null; shippedAt: Date | null; autoConfirmAt: Date | null; completedAt: Date | null };
  orderEvents: { id: string; type: string; fromStatus: string | null; toStatus: string | null; actorKind: string; data: unknown; createdAt: Date }[];
  orderRefunds: { id: string; outRefundNo: string; amountFen: number; status: string; cause: string; afterSaleId: string | null; createdAt: Date; settledAt: Date | null }[];
}

/** Admin: any case, with the evidence bundle assembled from the order, its payment, its shipping trail and refunds. */
export async function getAdminCase(actor: Actor | null, requestId: string): Promise<CaseView & { bundle: EvidenceBundle }> {
  await adminCase(actor, requestId);
  const view = await loadCase(requestId, "ADMIN");
  const o = await db.order.findUniqueOrThrow({
    where: { id: view.order.id },
    select: {
      id: true,
      orderNo: true,
      status: true,
      createdAt: true,
      itemsFen: true,
      postageFen: true,
      totalFen: true,
      refundedFen: true,
      protectionTerms: true,
      buyerNote: true,
      recipient: true,
      city: true,
      district: true,
      paidAt: true,
      transactionId: true,
      carrier: true,
      trackingNo: true,
      shippedAt: true,
      autoConfirmAt: true,
      completedAt: true,
      lines: { select: { id: true, title: true, specKey: true, unitPriceFen: true, quantity: true, lineTotalFen: true, refundedFen: true }, orderBy: { id: "asc" } },
      payments: { where: { status: "SUCCESS" }, select: { transactionId: true, successTime: true, amountFen: true, tradeType: true }, take: 1 },
      events: { select: { id: true, type: true, fromStatus: true, toStatus: true, actorKind: true, data: true, createdAt: true }, orderBy: { id: "asc" } },
      refunds: { select: { id: true, outRefundNo: true, amountFen: true, status: true, cause: true, afterSaleId: true, createdAt: true, settledAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const pay = o.payments[0];
  return {
    ...view,
    bundle: {
      order: {
        id: o.id,
        orderNo: o.orderNo,
        status: o.status,
        createdAt: o.createdAt,
        itemsFen: o.itemsFen,
        postageFen: o.postageFen,
        totalFen: o.totalFen,
        refundedFen: o.refundedFen,
        protectionTerms: termsOf(o.protectionTerms),
        buyerNote: o.buyerNote,
        shipTo: { recipient: o.recipient, city: o.city, district: o.district },
        lines: o.lines,
      },
      payment: o.paidAt || pay ? { transactionId: pay?.transactionId ?? o.transactionId, paidAt: pay?.successTime ?? o.paidAt, amountFen: pay?.amountFen ?? o.totalFen, tradeType: pay?.tradeType ?? null } : null,
      shipping: { carrier: o.carrier, trackingNo: o.trackingNo, shippedAt: o.shippedAt, autoConfirmAt: o.autoConfirmAt, completedAt: o.completedAt },
      orderEvents: o.events.map((e) => ({ ...e, id: String(e.id) })),
      orderRefunds: o.refunds,
    },
  };
}

/** Admin: the request a complaint belongs to (complaint pages are case pages). */
export async function complaintRequestId(actor: Actor | null, complaintId: string): Promise<string> {
  requireAdmin(actor);
  const c = await db.complaint.findUnique({ where: { id: complaintId }, select: { requestId: true } });
  if (!c) throw new AppError("NOT_FOUND", "Complaint not found");
  return c.requestId;
}

// ───────────────────────────── Lists ─────────────────────────────

const rowSelect = {
  id: true,
  caseNo: true,
  type: true,
  status: true,
  reason: true,
  requestedFen: true,
  approvedFen: true,
  sellerDueAt: true,
  buyerDueAt: true,
  escalateBy: true,
  createdAt: true,
  order: { select: { id: true, orderNo: true } },
  store: { select: { id: true, name: true } },
  buyer: { select: { name: true } },
  lines: { select: { orderLine: { select: { title: true, imageId: true } } }, take: 1, orderBy: { orderLineId: "asc" } },
  _count: { select: { lines: true } },
  complaint: { select: { id: true, status: true, evidenceFrom: true, evidenceDueAt: true, slaDueAt: true } },
} as const satisfies Prisma.AfterSaleRequestSelect;

export interface CaseRow2 {
  id: string;
  caseNo: string;
  type: string;
  status: AfterSaleStatus;
  reason: string;
  requestedFen: number;
  approvedFen: number | null;
  createdAt: Date;
  orderId: string;
  orderNo: string;
  store: { id: string; name: string };
  buyerName: string;
  title: string;
  imageId: string | null;
  lineCount: number;
  complaint: { id: string; status: string; evidenceFrom: string | null; evidenceDueAt: Date | null; slaDueAt: Date } | null;
  /** The next deadline and whose it is. */
  deadline: { at: Date; party: "SELLER" | "BUYER" } | null;
}

function toRow(r: Prisma.AfterSaleRequestGetPayload<{ select: typeof rowSelect }>): CaseRow2 {
  const field = deadlineField(r.status);
  let at = field ? r[field] : null;
  let party: "SELLER" | "BUYER" = field === "sellerDueAt" ? "SELLER" : "BUYER";
  if (r.complaint?.status === "AWAITING_EVIDENCE" && r.complaint.evidenceDueAt) {
    at = r.complaint.evidenceDueAt;
    party = r.complaint.evidenceFrom === "SELLER" ? "SELLER" : "BUYER";
  }
  return {
    id: r.id,
    caseNo: r.caseNo,
    type: r.type,
    status: r.status,
    reason: r.reason,
    requestedFen: r.requestedFen,
    approvedFen: r.approvedFen,
    createdAt: r.createdAt,
    orderId: r.order.id,
    orderNo: r.order.orderNo,
    store: r.store,
    buyerName: r.buyer.name,
    title: r.lines[0]?.orderLine.title ?? "",
    imageId: r.lines[0]?.orderLine.imageId ?? null,
    lineCount: r._count.lines,
    complaint: r.complaint,
    deadline: at ? { at, party } : null,
  };
}

/** The buyer's cases, newest first. */
export async function listMyCases(actor: Actor | null, opts: { cursor?: string; take?: number } = {}) {
  const buyer = requireRole(actor, "BUYER");
  const take = Math.min(Math.max(opts.take ?? 20, 1), 50);
  let cursor = opts.cursor;
  if (cursor && !(await db.afterSaleRequest.findFirst({ where: { id: cursor, buyerId: buyer.userId }, select: { id: true } }))) cursor = undefined;
  const rows = await db.afterSaleRequest.findMany({
    where: { buyerId: buyer.userId },
    select: rowSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  return { cases: rows.slice(0, take).map(toRow), nextCursor: rows.length > take ? rows[take - 1].id : null };
}

export const SELLER_CASE_TABS = ["action", "atRisk", "open", "all"] as const;
export type SellerCaseTab = (typeof SELLER_CASE_TABS)[number];

/** Where the seller must act: answer, confirm a return, or send evidence the platform asked for. */
function sellerActionWhere(storeId: string, within?: Date): Prisma.AfterSaleRequestWhereInput {
  const due = within ? { lte: within } : { not: null };
  return {
    storeId,
    OR: [
      { status: { in: ["AWAITING_SELLER", "RETURN_SHIPPED"] }, sellerDueAt: due },
      { status: "ESCALATED", complaint: { status: "AWAITING_EVIDENCE", evidenceFrom: "SELLER", evidenceDueAt: due } },
    ],
  };
}

export function sellerTabWhere(storeId: string, tab: SellerCaseTab, now = new Date()): Prisma.AfterSaleRequestWhereInput {
  switch (tab) {
    case "action":
      return sellerActionWhere(storeId);
    case "atRisk":
      return sellerActionWhere(storeId, new Date(now.getTime() + AT_RISK_HOURS * HOUR));
    case "open":
      return { storeId, status: { in: [...OPEN_REQUEST_STATUSES] } };
    default:
      return { storeId };
  }
}

/** The store's cases in a tab (needing action / at risk: soonest deadline first; others newest first), with every tab's count. */
export async function listStoreCases(actor: Actor | null, storeId: string, opts: { tab?: SellerCaseTab; page?: number; pageSize?: number } = {}) {
  requireStoreMember(actor, storeId);
  const tab = opts.tab ?? "action";
  const pageSize = Math.min(Math.max(opts.pageSize ?? 20, 1), 100);
  const page = Math.max(opts.page ?? 1, 1);
  const now = new Date();
  const where = sellerTabWhere(storeId, tab, now);
  const urgent = tab === "action" || tab === "atRisk";
  const [rows, total, ...counts] = await Promise.all([
    db.afterSaleRequest.findMany({
      where,
      select: rowSelect,
      orderBy: urgent ? [{ sellerDueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.afterSaleRequest.count({ where }),
    ...SELLER_CASE_TABS.map((t) => db.afterSaleRequest.count({ where: sellerTabWhere(storeId, t, now) })),
  ]);
  let cases = rows.map(toRow);
  // Evidence deadlines live on the complaint: order by the row's own next deadline.
  if (urgent) cases = cases.sort((a, b) => (a.deadline?.at.getTime() ?? Infinity) - (b.deadline?.at.getTime() ?? Infinity));
  return { cases, total, page, pageSize, counts: Object.fromEntries(SELLER_CASE_TABS.map((t, i) => [t, counts[i]])) as Record<SellerCaseTab, number> };
}

export const COMPLAINT_TABS = ["open", "atRisk", "closed"] as const;
export type ComplaintTab = (typeof COMPLAINT_TABS)[number];

export interface ComplaintRow {
  id: string;
  caseNo: string;
  status: string;
  slaDueAt: Date;
  evidenceFrom: string | null;
  evidenceDueAt: Date | null;
  outcome: string | null;
  settledFen: number | null;
  createdAt: Date;
  settledAt: Date | null;
  atRisk: boolean;
  request: { id: string; caseNo: string; type: string; reason: string; requestedFen: number; status: string };
  store: { id: string; name: string };
  buyerName: string;
  orderNo: string;
}

/** Admin: the complaint queue. Open ones by SLA (the most urgent first); closed ones newest first. */
export async function listComplaintQueue(actor: Actor | null, opts: { tab?: ComplaintTab; take?: number } = {}) {
  requireAdmin(actor);
  const tab = opts.tab ?? "open";
  const take = Math.min(Math.max(opts.take ?? 100, 1), 200);
  const now = new Date();
  const riskLine = new Date(now.getTime() + AT_RISK_HOURS * HOUR);
  const openWhere: Prisma.ComplaintWhereInput = { status: { in: ["OPEN", "AWAITING_EVIDENCE"] } };
  const where: Prisma.ComplaintWhereInput =
    tab === "closed" ? { status: { in: ["SETTLED", "WITHDRAWN"] } } : tab === "atRisk" ? { ...openWhere, slaDueAt: { lte: riskLine } } : openWhere;
  const [rows, openCount, atRiskCount] = await Promise.all([
    db.complaint.findMany({
      where,
      select: {
        id: true,
        caseNo: true,
        status: true,
        slaDueAt: true,
        evidenceFrom: true,
        evidenceDueAt: true,
        outcome: true,
        settledFen: true,
        createdAt: true,
        settledAt: true,
        orderId: true,
        storeId: true,
        request: { select: { id: true, caseNo: true, type: true, reason: true, requestedFen: true, status: true, store: { select: { id: true, name: true } }, buyer: { select: { name: true } }, order: { select: { orderNo: true } } } },
      },
      orderBy: tab === "closed" ? [{ updatedAt: "desc" }] : [{ slaDueAt: "asc" }, { createdAt: "asc" }],
      take,
    }),
    db.complaint.count({ where: openWhere }),
    db.complaint.count({ where: { ...openWhere, slaDueAt: { lte: riskLine } } }),
  ]);
  const complaints: ComplaintRow[] = rows.map((c) => ({
    id: c.id,
    caseNo: c.caseNo,
    status: c.status,
    slaDueAt: c.slaDueAt,
    evidenceFrom: c.evidenceFrom,
    evidenceDueAt: c.evidenceDueAt,
    outcome: c.outcome,
    settledFen: c.settledFen,
    createdAt: c.createdAt,
    settledAt: c.settledAt,
    atRisk: (c.status === "OPEN" || c.status === "AWAITING_EVIDENCE") && c.slaDueAt.getTime() <= riskLine.getTime(),
    request: { id: c.request.id, caseNo: c.request.caseNo, type: c.request.type, reason: c.request.reason, requestedFen: c.request.requestedFen, status: c.request.status },
    store: c.request.store,
    buyerName: c.request.buyer.name,
    orderNo: c.request.order.orderNo,
  }));
  return { complaints, counts: { open: openCount, atRisk: atRiskCount } };
}

/** Admin: requests whose refund WeChat Pay could not pay, oldest first, with the failed refund. */
export async function listFailedRefunds(actor: Actor | null) {
  requireAdmin(actor);
  const rows = await db.afterSaleRequest.findMany({
    where: { status: "REFUND_FAILED" },
    select: {
      id: true,
      caseNo: true,
      requestedFen: true,
      approvedFen: true,
      updatedAt: true,
      store: { select: { id: true, name: true } },
      order: { select: { id: true, orderNo: true, totalFen: true, refundedFen: true } },
      complaint: { select: { id: true, caseNo: true } },
      refunds: { select: { id: true, outRefundNo: true, amountFen: true, status: true, cause: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
    orderBy: { updatedAt: "asc" },
    take: 200,
  });
  return rows.map(({ refunds, ...r }) => ({ ...r, refund: refunds[0] ?? null }));
}

// ───────────────────────────── On the order pages ─────────────────────────────

export interface OrderProtection {
  openCases: number;
  cases: { id: string; caseNo: string; status: AfterSaleStatus; type: string; requestedFen: number; createdAt: Date }[];
  /** The buyer may open a new request now (window open, something left to refund on a free line). */
  canApply: boolean;
  windowUntil: Date | null;
}

async function orderCases(orderId: string) {
  return db.afterSaleRequest.findMany({ where: { orderId }, select: { id: true, caseNo: true, status: true, type: true, requestedFen: true, createdAt: true }, orderBy: { createdAt: "desc" } });
}

/** For the buyer's order page: its cases, whether it is 维权中, and whether a new request can be opened. */
export async function getOrderProtection(actor: Actor | null, orderId: string): Promise<OrderProtection> {
  const form = await getApplyForm(actor, orderId);
  const cases = await orderCases(orderId);
  return { openCases: form.openCases, cases, canApply: form.canApply, windowUntil: form.windowUntil };
}

/** For the seller's order page: the order's cases and 维权中 count. */
export async function getStoreOrderProtection(actor: Actor | null, storeId: string, orderId: string) {
  requireStoreMember(actor, storeId);
  const order = await db.order.findFirst({ where: { id: orderId, storeId }, select: { openCases: true } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  return { openCases: order.openCases, cases: await orderCases(orderId) };
}

/** For the buyer's order list: the 维权中 count of each of these orders of theirs (one query). */
export async function openCasesForOrders(actor: Actor | null, orderIds: string[]): Promise<Record<string, number>> {
  const buyer = requireRole(actor, "BUYER");
  if (!orderIds.length) return {};
  const rows = await db.order.findMany({ where: { id: { in: orderIds }, buyerId: buyer.userId, openCases: { gt: 0 } }, select: { id: true, openCases: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.openCases]));
}

export interface ApplyForm {
  orderId: string;
  orderNo: string;
  orderStatus: string;
  storeName: string;
  openCases: number;
  types: ("REFUND_ONLY" | "RETURN_AND_REFUND")[];
  maxEvidenceImages: number;
  windowUntil: Date | null;
  windowOpen: boolean;
  /** What each line can still get back; lines in an open request cannot be chosen. */
  lines: { id: string; title: string; specKey: string; imageId: string | null; unitPriceFen: number; quantity: number; lineTotalFen: number; remainingFen: number; inOpenCase: boolean }[];
  /** Refundable postage, offered only when every line is included. */
  postageRemainingFen: number;
  orderRemainingFen: number;
  canApply: boolean;
}

/** What the buyer's new-request form needs for one of their orders (the domain checks it all again). */
export async function getApplyForm(actor: Actor | null, orderId: string): Promise<ApplyForm> {
  const buyer = requireRole(actor, "BUYER");
  const order = await db.order.findFirst({
    where: { id: orderId, buyerId: buyer.userId },
    select: {
      id: true,
      orderNo: true,
      status: true,
      completedAt: true,
      protectionTerms: true,
      openCases: true,
      store: { select: { name: true } },
      lines: { select: { id: true, title: true, specKey: true, imageId: true, unitPriceFen: true, quantity: true, lineTotalFen: true }, orderBy: { id: "asc" } },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  const now = new Date();
  const window = protectionWindow(order, now);
  const [room, busy] = await Promise.all([
    refundRoom(
      db,
      order.id,
      order.lines.map((l) => l.id),
    ),
    db.afterSaleLine.findMany({ where: { orderLineId: { in: order.lines.map((l) => l.id) }, request: { status: { in: [...OPEN_REQUEST_STATUSES] } } }, select: { orderLineId: true } }),
  ]);
  const busyIds = new Set(busy.map((b) => b.orderLineId));
  const remaining = new Map(room.lines.map((l) => [l.orderLineId, l.remainingFen]));
  const lines = order.lines.map((l) => ({ ...l, remainingFen: remaining.get(l.id) ?? 0, inOpenCase: busyIds.has(l.id) }));
  const canApply = window.open && room.orderRemainingFen > 0 && lines.some((l) => !l.inOpenCase && l.remainingFen > 0);
  return {
    orderId: order.id,
    orderNo: order.orderNo,
    orderStatus: order.status,
    storeName: order.store.name,
    openCases: order.openCases,
    types: window.open ? typesFor(order.status) : [],
    maxEvidenceImages: termsOf(order.protectionTerms).maxEvidenceImages,
    windowUntil: window.until,
    windowOpen: window.open,
    lines,
    postageRemainingFen: room.postageRemainingFen,
    orderRemainingFen: room.orderRemainingFen,
    canApply,
  };
}

/** Admin: counts for the sidebar (open complaints, of which at risk; refunds waiting for an admin). */
export async function adminCaseCounts(actor: Actor | null): Promise<{ openComplaints: number; atRisk: number; failedRefunds: number }> {
  requireAdmin(actor);
  const open: Prisma.ComplaintWhereInput = { status: { in: ["OPEN", "AWAITING_EVIDENCE"] } };
  const [openComplaints, atRisk, failedRefunds] = await Promise.all([
    db.complaint.count({ where: open }),
    db.complaint.count({ where: { ...open, slaDueAt: { lte: new Date(Date.now() + AT_RISK_HOURS * HOUR) } } }),
    db.afterSaleRequest.count({ where: { status: "REFUND_FAILED" } }),
  ]);
  return { openComplaints, atRisk, failedRefunds };
}

/** For the seller's order list: the 维权中 count of each of these orders of the store (one query). */
export async function openCasesForStoreOrders(actor: Actor | null, storeId: string, orderIds: string[]): Promise<Record<string, number>> {
  requireStoreMember(actor, storeId);
  if (!orderIds.length) return {};
  const rows = await db.order.findMany({ where: { id: { in: orderIds }, storeId, openCases: { gt: 0 } }, select: { id: true, openCases: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.openCases]));
}

/** For the store settings page: the store's saved return address (blank parts as ""). */
export async function getStoreReturnAddress(actor: Actor | null, storeId: string): Promise<{ returnRecipient: string; returnPhone: string; returnAddress: string }> {
  requireStoreMember(actor, storeId);
  const s = await db.store.findUnique({ where: { id: storeId }, select: { returnRecipient: true, returnPhone: true, returnAddress: true } });
  if (!s) throw new AppError("NOT_FOUND", "Store not found");
  return { returnRecipient: s.returnRecipient ?? "", returnPhone: s.returnPhone ?? "", returnAddress: s.returnAddress ?? "" };
}
