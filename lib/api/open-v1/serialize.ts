import "server-only";
// Domain records → the Open API's JSON (see schemas.ts): ISO 8601 times, absolute image URLs,
// "product" for what the dashboard calls an item (WeChat's name).
import type { z } from "zod";
import type { ItemForEdit, ItemListRow } from "@/lib/catalog/queries";
import { env } from "@/lib/env";
import type { GroupDetail, GroupSummary } from "@/lib/shelves/groups";
import type { ApiAfterSale, ApiOrder } from "./queries";
import type { afterSaleSchema, groupSchema, groupSummarySchema, orderSchema, productSchema, productSummarySchema } from "./schemas";

export function imageUrl(imageId: string | null): string | null {
  return imageId ? `${env().APP_URL}/media/${imageId}/640.webp` : null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function productJson(p: ItemForEdit): z.infer<typeof productSchema> {
  const active = p.skus.filter((s) => s.active).map((s) => s.priceFen);
  return {
    id: p.id,
    status: p.status,
    title: p.title,
    description: p.description.map((b) => (b.type === "text" ? { type: "text" as const, text: b.text } : { type: "image" as const, imageId: b.imageId, url: imageUrl(b.imageId)! })),
    categoryId: p.categoryId,
    mainImageId: p.mainImageId,
    mainImageUrl: imageUrl(p.mainImageId),
    galleryImageIds: p.galleryImageIds,
    specs: p.specs,
    skus: p.skus.map((s) => ({ id: s.id, specKey: s.specKey, priceFen: s.priceFen, originalPriceFen: s.originalPriceFen, stock: s.stock, code: s.code, active: s.active })),
    priceMinFen: active.length ? Math.min(...active) : 0,
    priceMaxFen: active.length ? Math.max(...active) : 0,
    buyLimit: p.buyLimit,
    postageMode: p.postageMode,
    postageFen: p.postageFen,
    postageExtraFen: p.postageExtraFen,
    version: p.version,
    onSaleAt: iso(p.onSaleAt),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function productSummaryJson(r: ItemListRow): z.infer<typeof productSummarySchema> {
  return {
    id: r.id,
    status: r.status,
    title: r.title,
    mainImageId: r.mainImageId,
    mainImageUrl: imageUrl(r.mainImageId),
    priceMinFen: r.priceMinFen,
    priceMaxFen: r.priceMaxFen,
    stock: r.stock,
    skuCount: r.skuCount,
    onSaleAt: iso(r.onSaleAt),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function groupSummaryJson(g: GroupSummary): z.infer<typeof groupSummarySchema> {
  return { id: g.id, name: g.name, position: g.position, productCount: g.itemCount, onSaleCount: g.onSaleCount, inShelfDraft: g.inShelfDraft, inPublishedShelf: g.inPublishedShelf };
}

export function groupJson(g: GroupDetail): z.infer<typeof groupSchema> {
  return { id: g.id, name: g.name, position: g.position, updatedAt: g.updatedAt, products: g.items };
}

export function orderJson(o: ApiOrder): z.infer<typeof orderSchema> {
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    itemsFen: o.itemsFen,
    postageFen: o.postageFen,
    totalFen: o.totalFen,
    refundedFen: o.refundedFen,
    openAfterSales: o.openCases,
    createdAt: o.createdAt.toISOString(),
    payBy: o.payBy.toISOString(),
    paidAt: iso(o.paidAt),
    shippedAt: iso(o.shippedAt),
    completedAt: iso(o.completedAt),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    transactionId: o.transactionId,
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    buyer: { id: o.buyer.id, name: o.buyer.name },
    buyerNote: o.buyerNote,
    address: { recipient: o.recipient, phone: o.phone, province: o.province, city: o.city, district: o.district, detail: o.addressDetail },
    lines: o.lines.map((l) => ({
      id: l.id,
      productId: l.itemId,
      skuId: l.skuId,
      title: l.title,
      specKey: l.specKey,
      imageUrl: imageUrl(l.imageId),
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      lineTotalFen: l.lineTotalFen,
      refundedFen: l.refundedFen,
    })),
    refunds: o.refunds.map((r) => ({ id: r.id, amountFen: r.amountFen, status: r.status, cause: r.cause, createdAt: r.createdAt.toISOString(), settledAt: iso(r.settledAt) })),
  };
}

export function afterSaleJson(a: ApiAfterSale): z.infer<typeof afterSaleSchema> {
  return {
    id: a.id,
    caseNo: a.caseNo,
    orderId: a.orderId,
    orderNo: a.order.orderNo,
    type: a.type,
    status: a.status,
    reason: a.reason,
    description: a.description,
    evidenceImageUrls: a.evidenceImageIds.map((i) => imageUrl(i)!),
    requestedFen: a.requestedFen,
    offeredFen: a.offeredFen,
    approvedFen: a.approvedFen,
    sellerDueAt: iso(a.sellerDueAt),
    buyerDueAt: iso(a.buyerDueAt),
    escalateBy: iso(a.escalateBy),
    rejectReason: a.rejectReason,
    returnCarrier: a.returnCarrier,
    returnTrackingNo: a.returnTrackingNo,
    returnShippedAt: iso(a.returnShippedAt),
    returnReceivedAt: iso(a.returnReceivedAt),
    closedAt: iso(a.closedAt),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    lines: a.lines.map((l) => ({
      orderLineId: l.orderLineId,
      productId: l.orderLine.itemId,
      skuId: l.orderLine.skuId,
      title: l.orderLine.title,
      specKey: l.orderLine.specKey,
      quantity: l.orderLine.quantity,
      lineTotalFen: l.orderLine.lineTotalFen,
      amountFen: l.amountFen,
    })),
    complaint: a.complaint
      ? { caseNo: a.complaint.caseNo, status: a.complaint.status, outcome: a.complaint.outcome, settledFen: a.complaint.settledFen, slaDueAt: a.complaint.slaDueAt.toISOString() }
      : null,
  };
}
