// Every kind of notification, who gets it, and (for the mute settings) whether it can be
// turned off. Messages live in lib/i18n/messages/*/notifications.json under kinds.<KIND>.
export const NOTIFICATION_KINDS = {
  // Sellers
  ORDER_PAID: { audience: "SELLER", mutable: true },
  ORDER_AWAITING_SHIPMENT: { audience: "SELLER", mutable: true },
  AFTER_SALE_OPENED: { audience: "SELLER", mutable: false },
  COMPLAINT_ESCALATED: { audience: "SELLER", mutable: false },
  COMPLAINT_SETTLED: { audience: "SELLER", mutable: false },
  REFUND_SETTLED: { audience: "SELLER", mutable: true },
  REFUND_ABNORMAL: { audience: "SELLER", mutable: false },
  LOW_STOCK: { audience: "SELLER", mutable: true },
  STORE_APPLICATION_OUTCOME: { audience: "SELLER", mutable: false },
  // Buyers
  ORDER_SHIPPED: { audience: "BUYER", mutable: true },
  BUYER_REFUND_SETTLED: { audience: "BUYER", mutable: true },
  CASE_UPDATED: { audience: "BUYER", mutable: true },
  EVIDENCE_REQUESTED: { audience: "BUYER", mutable: false },
  // Admins
  ADMIN_NEW_COMPLAINT: { audience: "ADMIN", mutable: true },
  ADMIN_REFUND_ABNORMAL: { audience: "ADMIN", mutable: false },
  ADMIN_NEW_APPLICATION: { audience: "ADMIN", mutable: true },
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export function isNotificationKind(k: string): k is NotificationKind {
  return k in NOTIFICATION_KINDS;
}
