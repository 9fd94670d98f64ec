import "server-only";
// Every queue's handler, and the recurring jobs, in one place: the app's worker runs
// these. Each area exports its handlers; add them here.
import type { Handlers } from "./worker";

export async function jobHandlers(): Promise<Handlers> {
  const [{ expireOrderJob, autoConfirmJob, AUTO_CONFIRM_QUEUE }, { EXPIRE_QUEUE }, { reconcileJob }, { submitRefundJob }, { REFUND_SUBMIT_QUEUE }] = await Promise.all([
    import("@/lib/orders/lifecycle"),
    import("@/lib/orders/checkout"),
    import("@/lib/payments/reconcile"),
    import("@/lib/payments/refunds"),
    import("@/lib/payments/apply"),
  ]);
  // The WeChat Pay sandbox (notification delivery, refund settlement) runs only when it is served.
  const { env } = await import("@/lib/env");
  const sandbox = env().SANDBOX_ENABLED ? (await import("@/lib/sandbox/wechatpay/jobs")).wechatPaySandboxJobHandlers : {};
  return {
    ...sandbox,
    [EXPIRE_QUEUE]: expireOrderJob,
    [AUTO_CONFIRM_QUEUE]: autoConfirmJob,
    [REFUND_SUBMIT_QUEUE]: submitRefundJob,
    "payments.reconcile": reconcileJob,
  };
}

export const recurringJobs: { name: string; everyMs: number }[] = [{ name: "payments.reconcile", everyMs: 60_000 }];
