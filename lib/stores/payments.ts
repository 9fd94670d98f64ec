import "server-only";
// A store's payment account. In service-provider mode (the default) an approved store's
// merchant id must be a sub-merchant bound to the platform, and the platform must be its
// profit-sharing receiver, before it can take orders: approval starts the check, which asks
// WeChat Pay for the sub-merchant's profit-sharing terms (GET /v3/profitsharing/merchant-configs,
// refused with NO_AUTH when there is no relation) and adds the platform as receiver (POST
// /v3/profitsharing/receivers/add). A refusal leaves the store FAILED with WeChat Pay's reason,
// shown to its seller and to admins, who can check again once it is fixed. A network failure
// is retried by a job. In direct mode there is nothing to check: every payment goes to the
// platform's own merchant id.
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import type { JobResult } from "@/lib/jobs/worker";
import { log } from "@/lib/log";
import { notifyPaymentsFailed } from "@/lib/notifications/emit";
import { getPaymentsGateway, isWechatPayError, PaymentGatewayError } from "@/lib/payments/gateway";
import { writeAudit } from "@/lib/protection/audit";
import { recordReceiver } from "@/lib/sandbox/wechatpay/profit-sharing";
import { bindSubMerchant, DEFAULT_MAX_RATIO_BPS } from "@/lib/sandbox/wechatpay/sub-merchants";
import type { Tx } from "@/lib/db/client";

export const BIND_QUEUE = "stores.bindPayments";
export const BIND_SWEEP_QUEUE = "stores.bindPaymentsSweep";

/** Whether a store's payments are ready: always in direct mode, once bound in service-provider mode. */
export function paymentsReady(payBinding: string): boolean {
  return env().WECHATPAY_MODE === "direct" || payBinding === "BOUND";
}

/**
 * With the built-in sandbox standing in for WeChat Pay, approval does what onboarding (进件)
 * in the merchant platform does at WeChat Pay: it binds the store's merchant id to the platform.
 */
export const sandboxIsWechatPay = () => !env().WECHATPAY_IS_PRODUCTION && env().SANDBOX_ENABLED;

/** In the approval's transaction: the store's binding is to be checked (and the job that does it queued). */
export async function startBinding(tx: Tx, storeId: string): Promise<void> {
  await tx.store.update({ where: { id: storeId }, data: { payBinding: "BINDING", payBindingError: null } });
  await enqueue(tx, BIND_QUEUE, { storeId, onboard: true }, { runAt: new Date(Date.now() + 60_000) });
}

export type BindOutcome = "BOUND" | "FAILED" | "SKIPPED";

/**
 * Checks the store's sub-merchant with WeChat Pay and adds the platform as its receiver.
 * Idempotent. Throws when WeChat Pay could not be reached (the caller's job retries).
 */
export async function bindStorePayments(storeId: string, opts: { onboard?: boolean } = {}): Promise<BindOutcome> {
  const store = await db.store.findUnique({ where: { id: storeId }, select: { id: true, slug: true, mchId: true, businessName: true, status: true, payBinding: true } });
  if (!store || (store.status !== "APPROVED" && store.status !== "SUSPENDED") || store.payBinding !== "BINDING") return "SKIPPED";
  const gw = getPaymentsGateway();
  const done = async (data: { payBinding: "BOUND" | "FAILED"; payBindingError: string | null; shareMaxRatioBps?: number | null }) => {
    await db.$transaction(async (tx) => {
      const { count } = await tx.store.updateMany({ where: { id: storeId, payBinding: "BINDING" }, data: { ...data, ...(data.payBinding === "BOUND" ? { payBoundAt: new Date() } : {}) } });
      if (count && data.payBinding === "FAILED") await notifyPaymentsFailed(tx, storeId, data.payBindingError ?? "");
    });
    invalidate(tags.store(storeId), tags.storeSlug(store.slug), tags.stores());
  };
  if (gw.mode === "direct") {
    await done({ payBinding: "BOUND", payBindingError: null, shareMaxRatioBps: null });
    return "BOUND";
  }
  if (opts.onboard && sandboxIsWechatPay()) await bindSubMerchant({ spMchid: gw.mchId, subMchid: store.mchId, name: store.businessName });
  try {
    const { maxRatioBps } = await gw.shareMaxRatio(store.mchId);
    await gw.addShareReceiver({ subMchId: store.mchId, account: gw.mchId, name: env().WECHATPAY_SP_NAME });
    await done({ payBinding: "BOUND", payBindingError: null, shareMaxRatioBps: maxRatioBps });
    return "BOUND";
  } catch (e) {
    if (e instanceof PaymentGatewayError && !e.retryable) {
      const reason = isWechatPayError(e) ? `${e.code}: ${e.message}`.slice(0, 300) : e.message.slice(0, 300);
      log.warn("store payments could not be bound", { storeId, reason });
      await done({ payBinding: "FAILED", payBindingError: reason });
      return "FAILED";
    }
    throw e;
  }
}

/**
 * The demo seed, while the server that serves the sandbox is still starting (so the check
 * cannot be asked over HTTP): leaves what onboarding and a passed check would — the sub-merchant
 * bound in the sandbox with the platform as its receiver, the store BOUND. Sandbox only.
 */
export async function onboardInSandbox(storeId: string): Promise<void> {
  if (!sandboxIsWechatPay()) throw new Error("onboardInSandbox is for the built-in sandbox only");
  const spMchid = env().WECHATPAY_MCH_ID;
  await db.$transaction(async (tx) => {
    const store = await tx.store.findUniqueOrThrow({ where: { id: storeId }, select: { mchId: true, businessName: true } });
    await bindSubMerchant({ spMchid, subMchid: store.mchId, name: store.businessName }, tx);
    await recordReceiver({ spMchid, subMchid: store.mchId, account: spMchid }, tx);
    await tx.store.update({ where: { id: storeId }, data: { payBinding: "BOUND", payBindingError: null, payBoundAt: new Date(), shareMaxRatioBps: DEFAULT_MAX_RATIO_BPS } });
  });
}

/** Job: check a store's binding (queued by approval, a minute out, in case its own attempt could not finish). */
export async function bindPaymentsJob(payload: unknown): Promise<JobResult> {
  const { storeId, onboard } = payload as { storeId: string; onboard?: boolean };
  await bindStorePayments(storeId, { onboard });
}

/**
 * Recurring: stores still BINDING after their own attempt (WeChat Pay unreachable then), and
 * stores that were open before service-provider mode (the migration marked them BINDING;
 * they have never been bound, so with the sandbox they are onboarded as approval would).
 */
export async function bindPaymentsSweepJob(): Promise<JobResult> {
  const stale = await db.store.findMany({
    where: { payBinding: "BINDING", updatedAt: { lt: new Date(Date.now() - 60_000) } },
    select: { id: true, payBoundAt: true },
    take: 50,
  });
  for (const s of stale) {
    await bindStorePayments(s.id, { onboard: s.payBoundAt === null }).catch((e) => log.warn("store payments binding failed; will retry", { storeId: s.id, error: e }));
  }
}

/** Admin: check a store's binding again (after the merchant fixed it with WeChat Pay). Audited. */
export async function recheckStorePayments(actor: Actor | null, storeId: string): Promise<BindOutcome> {
  const admin = requireAdmin(actor);
  await db.$transaction(async (tx) => {
    const store = await tx.store.findUnique({ where: { id: storeId }, select: { status: true, payBinding: true } });
    if (!store) throw new AppError("NOT_FOUND", "Store not found");
    if (store.status !== "APPROVED" && store.status !== "SUSPENDED") throw new AppError("INVALID_STATE", "Only an approved store has a payment account to check.", { details: { messageKey: "storeNotReviewed" } });
    await tx.store.update({ where: { id: storeId }, data: { payBinding: "BINDING" } });
    await writeAudit(tx, { actorId: admin.userId, action: "STORE_PAYMENTS_RECHECK", subjectType: "Store", subjectId: storeId, data: { before: store.payBinding } });
  });
  try {
    return await bindStorePayments(storeId);
  } catch (e) {
    log.warn("store payments recheck could not reach WeChat Pay", { storeId, error: e });
    throw new AppError("PAYMENT_FAILED", "WeChat Pay could not be reached; the check will be retried.", { details: { retryable: true } });
  }
}
