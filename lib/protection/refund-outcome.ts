import "server-only";
// PLACEHOLDER — the purchase-protection work fills this in (moves the after-sale request on).
import type { Tx } from "@/lib/db/client";
import type { RefundOutcomeEvent } from "@/lib/orders/hooks";

export async function onCaseRefundOutcome(_tx: Tx, _e: RefundOutcomeEvent): Promise<void> {}
