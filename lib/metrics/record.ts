import "server-only";
// PLACEHOLDER — the metrics work fills these in (rollups in the caller's transaction).
import type { Tx } from "@/lib/db/client";
import type { OrderTransitionEvent, RefundOutcomeEvent } from "@/lib/orders/hooks";

export async function recordOrderTransitionMetrics(_tx: Tx, _e: OrderTransitionEvent): Promise<void> {}
export async function recordRefundMetrics(_tx: Tx, _e: RefundOutcomeEvent): Promise<void> {}
/** A complaint was escalated to the platform (counts towards the store's complaint rate). */
export async function recordComplaintOpened(_tx: Tx, _e: { storeId: string; at: Date }): Promise<void> {}
