// Every kind of notification, who gets it, and (for the mute settings) whether it can be
// turned off. Messages live in lib/i18n/messages/*/notifications.json under kinds.<KIND>.
// `params` lists the template values each kind's message uses (a missing one renders
// empty). A number param named `<x>Fen` is also offered to the template as `<x>`, formatted
// as money (amountFen: 1250 → amount: "¥12.50"); an ISO time named `<x>At` is shown as a
// local date and time; `carrier` codes are shown by name; `ref` is the case number, else the
// order number. Case kinds (purchase protection) carry `event`: what happened on the case.
// Pure: safe for client components.
export const NOTIFICATION_KINDS = {
  // Sellers
  ORDER_PAID: { audience: "SELLER", mutable: true, params: ["orderNo", "amountFen"] },
  ORDER_AWAITING_SHIPMENT: { audience: "SELLER", mutable: true, params: ["orderNo", "hours"] },
  AFTER_SALE_OPENED: { audience: "SELLER", mutable: false, params: ["caseNo", "orderNo", "amountFen"] },
  COMPLAINT_ESCALATED: { audience: "SELLER", mutable: false, params: ["caseNo", "complaintCaseNo"] },
  COMPLAINT_SETTLED: { audience: "SELLER", mutable: false, params: ["caseNo", "outcome"] },
  REFUND_SETTLED: { audience: "SELLER", mutable: true, params: ["orderNo", "amountFen"] },
  REFUND_ABNORMAL: { audience: "SELLER", mutable: false, params: ["orderNo", "amountFen"] },
  LOW_STOCK: { audience: "SELLER", mutable: true, params: ["itemTitle", "spec", "stock"] },
  STORE_APPLICATION_OUTCOME: { audience: "SELLER", mutable: false, params: ["storeName", "outcome", "reason"] },
  STORE_PAYMENTS_FAILED: { audience: "SELLER", mutable: false, params: ["storeName", "reason"] },
  FUNDS_SETTLED: { audience: "SELLER", mutable: true, params: ["orderNo", "amountFen"] },
  FLASH_SALE_STARTED: { audience: "SELLER", mutable: true, params: ["saleName"] },
  FLASH_SALE_ENDED: { audience: "SELLER", mutable: true, params: ["saleName", "paidUnits"] },
  FLASH_SALE_SOLD_OUT: { audience: "SELLER", mutable: true, params: ["saleName", "itemTitle", "spec"] },
  COUPON_STARTED: { audience: "SELLER", mutable: true, params: ["couponName"] },
  COUPON_ENDED: { audience: "SELLER", mutable: true, params: ["couponName", "claimed", "used"] },
  COUPON_CLAIMED_OUT: { audience: "SELLER", mutable: true, params: ["couponName", "totalQuantity"] },
  // Buyers
  ORDER_SHIPPED: { audience: "BUYER", mutable: true, params: ["orderNo", "storeName", "carrier", "trackingNo"] },
  BUYER_REFUND_SETTLED: { audience: "BUYER", mutable: true, params: ["orderNo", "storeName", "amountFen"] },
  CASE_UPDATED: { audience: "BUYER", mutable: true, params: ["caseNo", "event", "amountFen", "outcome"] },
  EVIDENCE_REQUESTED: { audience: "BUYER", mutable: false, params: ["caseNo", "dueAt"] },
  // Admins
  ADMIN_NEW_COMPLAINT: { audience: "ADMIN", mutable: true, params: ["caseNo"] },
  ADMIN_REFUND_ABNORMAL: { audience: "ADMIN", mutable: false, params: ["caseNo", "orderNo", "storeName", "amountFen"] },
  ADMIN_NEW_APPLICATION: { audience: "ADMIN", mutable: true, params: ["storeName", "resubmitted"] },
  ADMIN_STORE_PAYMENTS_FAILED: { audience: "ADMIN", mutable: false, params: ["storeName", "reason"] },
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export type NotificationAudience = (typeof NOTIFICATION_KINDS)[NotificationKind]["audience"];

export function isNotificationKind(k: string): k is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, k);
}

/** The kinds a user of this role can receive, in the order above. */
export function kindsForRole(role: NotificationAudience): NotificationKind[] {
  return (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter((k) => NOTIFICATION_KINDS[k].audience === role);
}

/** Kinds a user of this role may turn off. */
export function mutableKindsForRole(role: NotificationAudience): NotificationKind[] {
  return kindsForRole(role).filter((k) => NOTIFICATION_KINDS[k].mutable);
}

/** A SKU is low on stock at or below this level (LOW_STOCK fires when it gets there). */
export const LOW_STOCK_THRESHOLD = 5;

/** True only for the change that takes stock from above the threshold to at or below it. */
export function isLowStockCrossing(before: number, after: number, threshold = LOW_STOCK_THRESHOLD): boolean {
  return before > threshold && after <= threshold;
}

/** Hours an order may wait, paid, before its store is reminded to ship it. */
export const AWAITING_SHIPMENT_HOURS = 24;
