import "server-only";
// How an order's frozen protection terms are read and when its protection window is open.
import type { OrderStatus } from "@/lib/db/generated/enums";
import { DAY } from "./constants";
import { currentProtectionTerms, type ProtectionTerms } from "./terms";

/** The order's frozen terms; anything missing or malformed falls back to today's programme. */
export function termsOf(json: unknown): ProtectionTerms {
  const base = currentProtectionTerms();
  if (!json || typeof json !== "object") return base;
  const t = json as Partial<Record<keyof ProtectionTerms, unknown>>;
  const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : d);
  return {
    version: 1,
    afterSaleDaysAfterReceipt: num(t.afterSaleDaysAfterReceipt, base.afterSaleDaysAfterReceipt),
    sellerResponseHours: num(t.sellerResponseHours, base.sellerResponseHours),
    complaintDaysAfterRejection: num(t.complaintDaysAfterRejection, base.complaintDaysAfterRejection),
    maxEvidenceImages: num(t.maxEvidenceImages, base.maxEvidenceImages),
  };
}

/**
 * Whether the order's protection window is open: always while paid or shipped; after
 * receipt for afterSaleDaysAfterReceipt days. Returns the closing instant (null = open-ended).
 */
export function protectionWindow(order: { status: OrderStatus; completedAt: Date | null; protectionTerms: unknown }, now: Date): { open: boolean; until: Date | null } {
  if (order.status === "PAID" || order.status === "SHIPPED") return { open: true, until: null };
  if (order.status === "COMPLETED") {
    const from = order.completedAt ?? now;
    const until = new Date(from.getTime() + termsOf(order.protectionTerms).afterSaleDaysAfterReceipt * DAY);
    return { open: now.getTime() <= until.getTime(), until };
  }
  return { open: false, until: null };
}
