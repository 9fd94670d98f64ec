import "server-only";
// The Open API's own reads: full orders and after-sale requests for sync clients (a page of
// them in a fixed number of queries, whatever its size), the published shelf, and the
// token's store. Authorisation as everywhere: the store's seller only, anyone else 404.
import { requireStoreMember, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { AfterSaleStatus, OrderStatus } from "@/lib/db/generated/enums";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

export interface PageOpts {
  page: number;
  pageSize: number;
}

export interface CreatedRange {
  createdFrom?: Date;
  createdTo?: Date;
}

function createdFilter(r: CreatedRange): Prisma.DateTimeFilter | undefined {
  if (!r.createdFrom && !r.createdTo) return undefined;
  return { ...(r.createdFrom ? { gte: r.createdFrom } : {}), ...(r.createdTo ? { lt: r.createdTo } : {}) };
}

export const apiOrderSelect = {
  id: true,
  orderNo: true,
  status: true,
  itemsFen: true,
  postageFen: true,
  totalFen: true,
  refundedFen: true,
  openCases: true,
  createdAt: true,
  payBy: true,
  paidAt: true,
  shippedAt: true,
  completedAt: true,
  cancelledAt: true,
  cancelReason: true,
  transactionId: true,
  carrier: true,
  trackingNo: true,
  buyerNote: true,
  recipient: true,
  phone: true,
  province: true,
  city: true,
  district: true,
  addressDetail: true,
  buyer: { select: { id: true, name: true } },
  lines: {
    select: { id: true, itemId: true, skuId: true, title: true, specKey: true, imageId: true, unitPriceFen: true, quantity: true, lineTotalFen: true, refundedFen: true },
    orderBy: { id: "asc" },
  },
  refunds: { select: { id: true, amountFen: true, status: true, cause: true, createdAt: true, settledAt: true }, orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.OrderSelect;

export type ApiOrder = Prisma.OrderGetPayload<{ select: typeof apiOrderSelect }>;

/** The store's orders by status and creation time, newest first. */
export async function listOrdersForApi(actor: Actor | null, storeId: string, filters: { status?: OrderStatus } & CreatedRange, page: PageOpts) {
  requireStoreMember(actor, storeId);
  const createdAt = createdFilter(filters);
  const where: Prisma.OrderWhereInput = { storeId, ...(filters.status ? { status: filters.status } : {}), ...(createdAt ? { createdAt } : {}) };
  const [orders, total] = await Promise.all([
    db.order.findMany({ where, select: apiOrderSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page.page - 1) * page.pageSize, take: page.pageSize }),
    db.order.count({ where }),
  ]);
  return { orders, total };
}

export async function getOrderForApi(actor: Actor | null, storeId: string, orderId: string): Promise<ApiOrder> {
  requireStoreMember(actor, storeId);
  const order = await db.order.findFirst({ where: { id: orderId, storeId }, select: apiOrderSelect });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  return order;
}

export const apiAfterSaleSelect = {
  id: true,
  caseNo: true,
  orderId: true,
  order: { select: { orderNo: true } },
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
  returnCarrier: true,
  returnTrackingNo: true,
  returnShippedAt: true,
  returnReceivedAt: true,
  closedAt: true,
  createdAt: true,
  updatedAt: true,
  lines: {
    select: {
      orderLineId: true,
      amountFen: true,
      orderLine: { select: { itemId: true, skuId: true, title: true, specKey: true, quantity: true, lineTotalFen: true } },
    },
    orderBy: { orderLineId: "asc" },
  },
  complaint: { select: { caseNo: true, status: true, outcome: true, settledFen: true, slaDueAt: true } },
} as const satisfies Prisma.AfterSaleRequestSelect;

export type ApiAfterSale = Prisma.AfterSaleRequestGetPayload<{ select: typeof apiAfterSaleSelect }>;

/** The store's after-sale requests, newest first. */
export async function listAfterSalesForApi(actor: Actor | null, storeId: string, filters: { status?: AfterSaleStatus; orderId?: string } & CreatedRange, page: PageOpts) {
  requireStoreMember(actor, storeId);
  const createdAt = createdFilter(filters);
  const where: Prisma.AfterSaleRequestWhereInput = {
    storeId,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.orderId ? { orderId: filters.orderId } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
  const [afterSales, total] = await Promise.all([
    db.afterSaleRequest.findMany({ where, select: apiAfterSaleSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page.page - 1) * page.pageSize, take: page.pageSize }),
    db.afterSaleRequest.count({ where }),
  ]);
  return { afterSales, total };
}

export async function getAfterSaleForApi(actor: Actor | null, storeId: string, afterSaleId: string): Promise<ApiAfterSale> {
  requireStoreMember(actor, storeId);
  const row = await db.afterSaleRequest.findFirst({ where: { id: afterSaleId, storeId }, select: apiAfterSaleSelect });
  if (!row) throw new AppError("NOT_FOUND", "After-sale request not found");
  return row;
}

/** The version of the shelf buyers see, or null before the first publish. */
export async function getPublishedShelfForApi(actor: Actor | null, storeId: string) {
  requireStoreMember(actor, storeId);
  const shelf = await db.shelf.findUnique({ where: { storeId }, select: { id: true, publishedVersion: true } });
  if (!shelf || shelf.publishedVersion == null) return null;
  return db.shelfVersion.findUnique({
    where: { shelfId_version: { shelfId: shelf.id, version: shelf.publishedVersion } },
    select: { version: true, name: true, sections: true, publishedAt: true },
  });
}

/** The token's store and the token itself (GET /store). */
export async function getTokenStore(actor: Actor | null, storeId: string, tokenId: string) {
  requireStoreMember(actor, storeId);
  const [store, token] = await Promise.all([
    db.store.findUnique({ where: { id: storeId }, select: { id: true, slug: true, name: true, status: true } }),
    db.apiToken.findFirst({ where: { id: tokenId, storeId }, select: { id: true, name: true, prefix: true, expiresAt: true } }),
  ]);
  if (!store || !token) throw new AppError("NOT_FOUND", "Store not found");
  return { store, token };
}

/** A SKU of the store by product and spec key (WeChat's product_id + sku_info). */
export async function findSkuForApi(actor: Actor | null, storeId: string, ref: { skuId?: string; productId?: string; specKey?: string }) {
  requireStoreMember(actor, storeId);
  const sku = ref.skuId
    ? await db.sku.findFirst({ where: { id: ref.skuId, storeId }, select: { id: true, itemId: true, specKey: true } })
    : await db.sku.findFirst({ where: { itemId: ref.productId, specKey: ref.specKey, storeId }, select: { id: true, itemId: true, specKey: true } });
  if (!sku) throw new AppError("NOT_FOUND", "SKU not found");
  return sku;
}

/** The token's name and prefix, for the stock ledger's note. */
export async function tokenLabel(tokenId: string): Promise<string> {
  const t = await db.apiToken.findUnique({ where: { id: tokenId }, select: { name: true, prefix: true } });
  return t ? `${t.name ?? "token"} (${t.prefix}…)` : "token";
}
