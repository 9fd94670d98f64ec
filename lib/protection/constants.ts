// Purchase protection's fixed rules that pages and forms share with the domain: reasons,
// types, deadlines that are not part of the terms frozen into an order. Pure, client-safe.
import type { AfterSaleStatus, AfterSaleType, OrderStatus } from "@/lib/db/generated/enums";

export const AFTER_SALE_TYPES = ["REFUND_ONLY", "RETURN_AND_REFUND"] as const satisfies readonly AfterSaleType[];

/** Why the buyer asks (both languages in protection.json under reasons.*). */
export const AFTER_SALE_REASONS = [
  "NOT_SHIPPED",
  "NOT_RECEIVED",
  "DAMAGED",
  "NOT_AS_DESCRIBED",
  "QUALITY",
  "WRONG_ITEM",
  "MISSING_PARTS",
  "COUNTERFEIT",
  "NO_LONGER_WANTED",
  "OTHER",
] as const;
export type AfterSaleReason = (typeof AFTER_SALE_REASONS)[number];

/** Reasons that only make sense when nothing comes back (nothing was shipped or received). */
export const REFUND_ONLY_REASONS: readonly AfterSaleReason[] = ["NOT_SHIPPED", "NOT_RECEIVED"];

export function reasonFitsType(reason: AfterSaleReason, type: AfterSaleType): boolean {
  return type === "REFUND_ONLY" || !REFUND_ONLY_REASONS.includes(reason);
}

/** The buyer has this long to ship an accepted return back. */
export const RETURN_SHIP_DAYS = 7;
/** The seller has this long after the buyer ships a return to confirm receipt (transit included). */
export const RETURN_RECEIPT_DAYS = 10;
/** The buyer has this long to accept or decline a partial-refund offer. */
export const OFFER_RESPONSE_HOURS = 48;
/** The platform's target for settling a complaint. */
export const COMPLAINT_SLA_HOURS = 72;
/** Evidence deadlines an admin may set. */
export const EVIDENCE_HOURS_MIN = 12;
export const EVIDENCE_HOURS_MAX = 168;
export const EVIDENCE_HOURS_DEFAULT = 48;
/** A case is "at risk" when its next deadline is this close (or already passed). */
export const AT_RISK_HOURS = 12;
/** Messages per case and images per message. */
export const MAX_MESSAGE_IMAGES = 9;
/** WeChat Pay accepts at most 50 refunds per order. */
export const MAX_REFUNDS_PER_ORDER = 50;

/** Statuses in which a request is still open (the order shows 维权中 while any is). */
export const OPEN_REQUEST_STATUSES = [
  "AWAITING_SELLER",
  "OFFER_PENDING",
  "AWAITING_RETURN",
  "RETURN_SHIPPED",
  "REFUNDING",
  "REFUND_FAILED",
  "REJECTED",
  "ESCALATED",
] as const satisfies readonly AfterSaleStatus[];

export function isOpenRequest(status: AfterSaleStatus): boolean {
  return (OPEN_REQUEST_STATUSES as readonly AfterSaleStatus[]).includes(status);
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Types the buyer may choose for an order in this status (nothing to return before shipping). */
export function typesFor(status: OrderStatus): AfterSaleType[] {
  return status === "PAID" ? ["REFUND_ONLY"] : ["REFUND_ONLY", "RETURN_AND_REFUND"];
}
