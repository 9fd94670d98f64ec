import "server-only";
// Every queue's handler, and the recurring jobs, in one place: the app's worker runs
// these. Each area exports its handlers; add them here.
import type { Handlers } from "./worker";

export async function jobHandlers(): Promise<Handlers> {
  const [{ expireOrderJob, autoConfirmJob, AUTO_CONFIRM_QUEUE, sweepOverdueOrdersJob, OVERDUE_SWEEP_QUEUE }, { EXPIRE_QUEUE }, { reconcileJob }, { submitRefundJob }, { REFUND_SUBMIT_QUEUE }] = await Promise.all([
    import("@/lib/orders/lifecycle"),
    import("@/lib/orders/checkout"),
    import("@/lib/payments/reconcile"),
    import("@/lib/payments/refunds"),
    import("@/lib/payments/apply"),
  ]);
  // The WeChat Pay sandbox (notification delivery, refund settlement) runs only when it is served.
  const { env } = await import("@/lib/env");
  const sandbox = env().SANDBOX_ENABLED ? (await import("@/lib/sandbox/wechatpay/jobs")).wechatPaySandboxJobHandlers : {};
  const { awaitingShipmentJob, AWAITING_SHIPMENT_QUEUE, lowStockJob, LOW_STOCK_QUEUE } = await import("@/lib/notifications/jobs");
  // Purchase protection: every case deadline (seller silence, returns, offers, escalation, evidence).
  const { caseDeadlineJob, CASE_DEADLINE_QUEUE } = await import("@/lib/protection/timers");
  // Rate limits (Open API tokens, sign-in): old fixed-window counters are deleted.
  const { pruneRateLimitsJob, RATE_LIMIT_PRUNE_QUEUE } = await import("@/lib/api/rate-limit");
  // Idempotency keys (Open API answers, refused Store API orders) are kept for a day.
  const { pruneIdempotencyJob, IDEMPOTENCY_PRUNE_QUEUE } = await import("@/lib/api/idempotency");
  // Stores' WeChat Pay sub-merchant binding (after approval; retried by the sweep).
  const { bindPaymentsJob, BIND_QUEUE, bindPaymentsSweepJob, BIND_SWEEP_QUEUE } = await import("@/lib/stores/payments");
  // Settlement: the fee shared to the platform and the rest unfrozen to the store (lib/payments/settlement.ts).
  // Daily reconciliation against WeChat Pay's trade bill and profit-sharing results.
  const { reconcileBillsJob, RECON_QUEUE } = await import("@/lib/payments/reconciliation");
  const { openSettlementJob, SETTLE_OPEN_QUEUE, stepSettlementJob, SETTLE_STEP_QUEUE, settlementSweepJob, SETTLE_SWEEP_QUEUE } = await import("@/lib/payments/settlement");
  // Flash sales: the started / ended / sold-out notices (and a backstop for the storefront's prices).
  const { saleStartJob, saleEndJob, saleSoldOutJob } = await import("@/lib/promotions/sale-jobs");
  const { SALE_START_QUEUE, SALE_END_QUEUE, SALE_SOLD_OUT_QUEUE } = await import("@/lib/promotions/flash-sales");
  // Coupons: started / ended / last copy claimed.
  const { couponStartJob, couponEndJob, couponClaimedOutJob } = await import("@/lib/promotions/coupon-jobs");
  const { COUPON_START_QUEUE, COUPON_END_QUEUE, COUPON_CLAIMED_OUT_QUEUE } = await import("@/lib/promotions/coupons");
  return {
    ...sandbox,
    [SALE_START_QUEUE]: saleStartJob,
    [SALE_END_QUEUE]: saleEndJob,
    [SALE_SOLD_OUT_QUEUE]: saleSoldOutJob,
    [COUPON_START_QUEUE]: couponStartJob,
    [COUPON_END_QUEUE]: couponEndJob,
    [COUPON_CLAIMED_OUT_QUEUE]: couponClaimedOutJob,
    [AWAITING_SHIPMENT_QUEUE]: awaitingShipmentJob,
    [LOW_STOCK_QUEUE]: lowStockJob,
    [CASE_DEADLINE_QUEUE]: caseDeadlineJob,
    [EXPIRE_QUEUE]: expireOrderJob,
    [AUTO_CONFIRM_QUEUE]: autoConfirmJob,
    [REFUND_SUBMIT_QUEUE]: submitRefundJob,
    "payments.reconcile": reconcileJob,
    [OVERDUE_SWEEP_QUEUE]: sweepOverdueOrdersJob,
    [RATE_LIMIT_PRUNE_QUEUE]: pruneRateLimitsJob,
    [IDEMPOTENCY_PRUNE_QUEUE]: pruneIdempotencyJob,
    [BIND_QUEUE]: bindPaymentsJob,
    [BIND_SWEEP_QUEUE]: bindPaymentsSweepJob,
    [SETTLE_OPEN_QUEUE]: openSettlementJob,
    [SETTLE_STEP_QUEUE]: stepSettlementJob,
    [SETTLE_SWEEP_QUEUE]: () => settlementSweepJob(),
    [RECON_QUEUE]: () => reconcileBillsJob(),
  };
}

export const recurringJobs: { name: string; everyMs: number }[] = [
  { name: "payments.reconcile", everyMs: 60_000 },
  // Must match OVERDUE_SWEEP_QUEUE in lib/orders/lifecycle.ts.
  { name: "orders.sweepOverdue", everyMs: 5 * 60_000 },
  // Must match RATE_LIMIT_PRUNE_QUEUE in lib/api/rate-limit.ts (not imported: this list is read at boot).
  { name: "rateLimit.prune", everyMs: 5 * 60_000 },
  // Must match IDEMPOTENCY_PRUNE_QUEUE in lib/api/idempotency.ts.
  { name: "idempotency.prune", everyMs: 60 * 60_000 },
  // Must match BIND_SWEEP_QUEUE in lib/stores/payments.ts.
  { name: "stores.bindPaymentsSweep", everyMs: 5 * 60_000 },
  // Must match SETTLE_SWEEP_QUEUE in lib/payments/settlement.ts.
  { name: "settlement.sweep", everyMs: 60_000 },
  // Must match RECON_QUEUE in lib/payments/reconciliation.ts (yesterday's bill, once, from 10:00 Beijing time).
  { name: "payments.reconcileBills", everyMs: 60 * 60_000 },
];
