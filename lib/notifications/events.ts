import "server-only";
// PLACEHOLDER — the notifications work fills these in (notify() calls in the caller's transaction).
import type { Tx } from "@/lib/db/client";
import type { OrderTransitionEvent, RefundOutcomeEvent } from "@/lib/orders/hooks";

export async function notifyOrderTransition(_tx: Tx, _e: OrderTransitionEvent): Promise<void> {}
export async function notifyRefundOutcome(_tx: Tx, _e: RefundOutcomeEvent): Promise<void> {}
