import "server-only";
// Reading orders: a buyer sees their own, a seller their store's, nobody else anything.
import { requireRole, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { OrderStatus } from "@/lib/db/generated/enums";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

export const ORDER_STATUSES = ["PENDING_PAYMENT", "PAID", "SHIPPED", "COMPLETED", "CANCELLED", "CLOSED"] as const satisfies readonly OrderStatus[];

const lineSelect = { id: true, itemId: true, skuId: true, title: true, specKey: true, imageId: true, unitPriceFen: true, quantity: true, lineTotalFen: true, discountFen: true } as const;

const summarySelect = {
  id: true,
  orderNo: true,
  status: true,
  totalFen: true,
  itemsFen: true,
  postageFen: true,
  discountFen: true,
  refundedFen: true,
  createdAt: true,
  payBy: true,
  paidAt: true,
  shippedAt: true,
  recipient: true,
  store: { select: { id: true, slug: true, name: true } },
  lines: { select: lineSelect, orderBy: { id: "asc" } },
} as const satisfies Prisma.OrderSelect;

const detailSelect = {
  ...summarySelect,
  outTradeNo: true,
  phone: true,
  province: true,
  city: true,
  district: true,
  addressDetail: true,
  buyerNote: true,
  protectionTerms: true,
  transactionId: true,
  carrier: true,
  trackingNo: true,
  autoConfirmAt: true,
  completedAt: true,
  cancelledAt: true,
  cancelReason: true,
  updatedAt: true,
  buyer: { select: { id: true, name: true } },
  postageDiscountFen: true,
  couponClaim: { select: { coupon: { select: { name: true } } } },
  events: { select: { id: true, type: true, fromStatus: true, toStatus: true, actorKind: true, data: true, createdAt: true }, orderBy: { id: "asc" } },
  refunds: { select: { id: true, outRefundNo: true, amountFen: true, status: true, cause: true, createdAt: true, settledAt: true }, orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.OrderSelect;

/** What API clients get for an order: no trail, no refunds list (one query, no joins beyond lines). */
const apiSelect = {
  id: true,
  orderNo: true,
  status: true,
  storeId: true,
  itemsFen: true,
  postageFen: true,
  discountFen: true,
  totalFen: true,
  refundedFen: true,
  payBy: true,
  createdAt: true,
  paidAt: true,
  shippedAt: true,
  carrier: true,
  trackingNo: true,
  recipient: true,
  phone: true,
  province: true,
  city: true,
  district: true,
  addressDetail: true,
  lines: { select: lineSelect, orderBy: { id: "asc" } },
} as const satisfies Prisma.OrderSelect;

export type OrderForApi = Prisma.OrderGetPayload<{ select: typeof apiSelect }>;

/** A buyer's orders for the Store API (own orders only; 404 otherwise). */
export async function getBuyerOrdersForApi(actor: Actor | null, orderIds: string[]): Promise<OrderForApi[]> {
  const buyer = requireRole(actor, "BUYER");
  const rows = await db.order.findMany({ where: { id: { in: orderIds }, buyerId: buyer.userId }, select: apiSelect });
  if (rows.length !== new Set(orderIds).size) throw new AppError("NOT_FOUND", "Order not found");
  const byId = new Map(rows.map((r) => [r.id, r]));
  return orderIds.map((id) => byId.get(id)!);
}

export type OrderSummary = Prisma.OrderGetPayload<{ select: typeof summarySelect }>;
export type OrderDetail = Prisma.OrderGetPayload<{ select: typeof detailSelect }>;

export async function listBuyerOrders(actor: Actor | null, opts: { status?: OrderStatus; cursor?: string; take?: number } = {}) {
  const buyer = requireRole(actor, "BUYER");
  const take = Math.min(opts.take ?? 20, 50);
  let cursor = opts.cursor;
  // A cursor that is not one of this buyer's orders (another buyer's id, a stale one) starts
  // from the top: positioning by someone else's order would tell when they ordered.
  if (cursor && !(await db.order.findFirst({ where: { id: cursor, buyerId: buyer.userId }, select: { id: true } }))) cursor = undefined;
  const rows = await db.order.findMany({
    where: { buyerId: buyer.userId, ...(opts.status ? { status: opts.status } : {}) },
    select: summarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  return { orders: rows.slice(0, take), nextCursor: rows.length > take ? rows[take - 1].id : null };
}

export async function getBuyerOrder(actor: Actor | null, orderId: string): Promise<OrderDetail> {
  const buyer = requireRole(actor, "BUYER");
  const order = await db.order.findFirst({ where: { id: orderId, buyerId: buyer.userId }, select: detailSelect });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  return order;
}

export interface SellerOrderFilters {
  status?: OrderStatus;
  /** Inclusive calendar dates in Asia/Shanghai, YYYY-MM-DD. */
  from?: string;
  to?: string;
  orderNo?: string;
  /** Buyer name or recipient (partial, case-insensitive). */
  buyer?: string;
}

/** Start of a Shanghai calendar day as an instant. */
export function shanghaiDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function sellerOrderWhere(storeId: string, f: SellerOrderFilters): Prisma.OrderWhereInput {
  const createdAt: Prisma.DateTimeFilter = {};
  if (f.from) createdAt.gte = shanghaiDayStart(f.from);
  if (f.to) createdAt.lt = new Date(shanghaiDayStart(f.to).getTime() + 86_400_000);
  const buyer = f.buyer?.trim();
  return {
    storeId,
    ...(f.status ? { status: f.status } : {}),
    ...(f.from || f.to ? { createdAt } : {}),
    ...(f.orderNo?.trim() ? { orderNo: { startsWith: f.orderNo.trim() } } : {}),
    ...(buyer ? { OR: [{ recipient: { contains: buyer, mode: "insensitive" } }, { buyer: { name: { contains: buyer, mode: "insensitive" } } }] } : {}),
  };
}

export async function listStoreOrders(actor: Actor | null, storeId: string, filters: SellerOrderFilters, page = { page: 1, pageSize: 20 }) {
  requireStoreMember(actor, storeId);
  const where = sellerOrderWhere(storeId, filters);
  const pageSize = Math.min(Math.max(page.pageSize, 1), 100);
  const [orders, total, counts] = await Promise.all([
    db.order.findMany({
      where,
      select: { ...summarySelect, buyer: { select: { name: true } }, carrier: true, trackingNo: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (Math.max(page.page, 1) - 1) * pageSize,
      take: pageSize,
    }),
    db.order.count({ where }),
    db.order.groupBy({ by: ["status"], where: { storeId }, _count: { _all: true } }),
  ]);
  return { orders, total, page: page.page, pageSize, countsByStatus: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<OrderStatus, number>> };
}

export async function getStoreOrder(actor: Actor | null, storeId: string, orderId: string): Promise<OrderDetail> {
  requireStoreMember(actor, storeId);
  const order = await db.order.findFirst({ where: { id: orderId, storeId }, select: detailSelect });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  return order;
}

/** CSV of the store's orders matching the filters, one row per line, in batches (bounded memory). */
/** The column order of the orders CSV; each has a heading in orders.csv.<key> (both languages). */
export const ORDERS_CSV_COLUMNS = [
  "orderNo", "status", "createdAt", "paidAt", "buyer", "recipient", "phone", "address", "item", "spec",
  "unitPrice", "quantity", "lineTotal", "couponDiscount", "postage", "orderTotal", "refunded", "carrier", "trackingNo",
] as const;

export interface OrdersCsvLabels {
  /** One heading per ORDERS_CSV_COLUMNS entry, in the seller's language. */
  header: string[];
  status: Record<OrderStatus, string>;
  carrier: (code: string) => string;
  /** Formats an instant in the seller's time zone. */
  time: (d: Date) => string;
  /** The spec in words ("蓝 / M"), "" for an item without specs. */
  spec: (specKey: string) => string;
}

/** The store's orders with the list's filters as CSV lines (UTF-8 with BOM), one per order line, in the seller's language, streamed. */
export async function* storeOrdersCsv(actor: Actor | null, storeId: string, filters: SellerOrderFilters, labels: OrdersCsvLabels): AsyncGenerator<string> {
  requireStoreMember(actor, storeId);
  const where = sellerOrderWhere(storeId, filters);
  yield "\uFEFF" + labels.header.map(csvCell).join(",") + "\r\n"; // BOM: Excel opens UTF-8 Chinese correctly
  let cursor: string | undefined;
  for (;;) {
    const batch = await db.order.findMany({
      where,
      select: { ...detailSelect, events: false, refunds: false },
      orderBy: { id: "asc" },
      take: 500,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (!batch.length) return;
    let out = "";
    for (const o of batch) {
      for (const l of o.lines) {
        out +=
          [
            o.orderNo,
            labels.status[o.status],
            labels.time(o.createdAt),
            o.paidAt ? labels.time(o.paidAt) : "",
            o.buyer.name,
            o.recipient,
            o.phone,
            `${o.province} ${o.city} ${o.district} ${o.addressDetail}`,
            l.title,
            labels.spec(l.specKey),
            fen(l.unitPriceFen),
            l.quantity,
            fen(l.lineTotalFen),
            fen(l.discountFen),
            fen(o.postageFen),
            fen(o.totalFen),
            fen(o.refundedFen),
            o.carrier ? labels.carrier(o.carrier) : "",
            o.trackingNo ?? "",
          ]
            .map(csvCell)
            .join(",") + "\r\n";
      }
    }
    yield out;
    cursor = batch[batch.length - 1].id;
  }
}

const fen = (n: number) => (n / 100).toFixed(2);

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(v: unknown): string {
  let s = String(v ?? "");
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
