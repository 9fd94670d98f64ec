import "server-only";
// The sandbox's notifications, as WeChat Pay sends them: POST to notify_url with
// {id, create_time, resource_type:"encrypt-resource", event_type, summary, resource{…}}, the
// resource encrypted afresh with the APIv3 key at every attempt, signed like API answers.
// A 200 or 204 within 5 s is delivered; anything else is retried after 15s, 15s, 30s, 3m,
// 10m, 20m, 30m, 30m, 30m, 60m, 3h, 3h, 3h, 6h, 6h (× WECHATPAY_SANDBOX_TIME_SCALE), then
// given up. Every attempt is recorded. Delivery runs on the job queue: one job per
// notification that reschedules itself, so any app instance may carry it on.
import crypto, { type KeyObject } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { enqueue } from "@/lib/jobs/queue";
import type { JobResult } from "@/lib/jobs/worker";
import { type WechatPaySandboxConfig, sandboxConfig } from "@/lib/payments/wechatpay/config";
import { aeadEncrypt, randomString, toWechatTime } from "@/lib/payments/wechatpay/crypto";
import { getFaults } from "./faults";
import { newNotificationId } from "./ids";
import { platformSignatureHeaders } from "./protocol";

export const DELIVER_QUEUE = "sandbox.wechatpay.deliver";
export const RELEASE_QUEUE = "sandbox.wechatpay.release";

/** Seconds between attempts: retry k (1-based) waits RETRY_SCHEDULE_SECONDS[k-1] after attempt k. */
export const RETRY_SCHEDULE_SECONDS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600] as const;
export const DELIVERY_TIMEOUT_MS = 5_000;

export type EventType = "TRANSACTION.SUCCESS" | "REFUND.SUCCESS" | "REFUND.ABNORMAL" | "REFUND.CLOSED";
const summaries: Record<EventType, string> = {
  "TRANSACTION.SUCCESS": "支付成功",
  "REFUND.SUCCESS": "退款成功",
  "REFUND.ABNORMAL": "退款异常",
  "REFUND.CLOSED": "退款关闭",
};

export type DeliverPayload = { id: string; mode: "main" | "duplicate" };

const addFault = (current: string | null, token: string) => {
  const tokens = new Set((current ?? "").split(",").filter(Boolean));
  tokens.add(token);
  return [...tokens].join(",");
};

/**
 * Records a notification in the caller's transaction (with the payment or refund it reports)
 * and schedules its delivery, applying the delay / duplicate / out-of-order switches.
 */
export async function createNotification(
  tx: Tx,
  input: { eventType: EventType; originalType: "transaction" | "refund"; resource: Prisma.InputJsonObject; notifyUrl: string; transactionId?: string; refundId?: string },
): Promise<string> {
  const faults = await getFaults(tx);
  const now = Date.now();
  let fault: string | null = null;
  if (faults.duplicate > 0) fault = addFault(fault, `duplicate:${faults.duplicate}`);
  if (faults.delaySeconds > 0) fault = addFault(fault, `delay:${faults.delaySeconds}s`);
  if (faults.outOfOrder) fault = addFault(fault, "held");
  const firstAt = faults.outOfOrder ? null : new Date(now + faults.delaySeconds * 1000);
  const id = newNotificationId();
  await tx.sandboxPayNotification.create({
    data: {
      id,
      eventType: input.eventType,
      summary: summaries[input.eventType],
      notifyUrl: input.notifyUrl,
      resource: input.resource,
      originalType: input.originalType,
      transactionId: input.transactionId ?? null,
      refundId: input.refundId ?? null,
      fault,
      nextAttemptAt: firstAt,
    },
  });
  if (firstAt) await enqueue(tx, DELIVER_QUEUE, { id, mode: "main" } satisfies DeliverPayload, { runAt: firstAt, singletonKey: `${DELIVER_QUEUE}:${id}`, maxAttempts: 1000 });
  return id;
}

interface NotificationRow {
  id: string;
  eventType: string;
  summary: string;
  notifyUrl: string;
  resource: Prisma.JsonValue;
  originalType: string;
  createdAt: Date;
}

/** The JSON body of one delivery (fresh nonce and ciphertext each time). */
export function notificationBody(n: NotificationRow, cfg: Pick<WechatPaySandboxConfig, "apiV3Key">): string {
  const nonce = randomString(12);
  const associatedData = n.originalType;
  return JSON.stringify({
    id: n.id,
    create_time: toWechatTime(n.createdAt),
    resource_type: "encrypt-resource",
    event_type: n.eventType,
    summary: n.summary,
    resource: {
      original_type: n.originalType,
      algorithm: "AEAD_AES_256_GCM",
      ciphertext: aeadEncrypt(cfg.apiV3Key, nonce, associatedData, JSON.stringify(n.resource)),
      associated_data: associatedData,
      nonce,
    },
  });
}

// The "bad signature" fault signs with a key WeChat Pay does not own (one per process).
let impostorKey: KeyObject | undefined;
const impostor = () => (impostorKey ??= crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey);

const rowSelect = { id: true, eventType: true, summary: true, notifyUrl: true, resource: true, originalType: true, createdAt: true } as const;

/** One POST to notify_url, recorded in SandboxPayDelivery. True when answered 200/204. */
async function deliverOnce(n: NotificationRow, opts: { attempt: number; replay: boolean; badSignature: boolean }): Promise<boolean> {
  const cfg = sandboxConfig();
  const body = notificationBody(n, cfg);
  const headers = {
    "Content-Type": "application/json",
    Accept: "*/*",
    "User-Agent": "Mozilla/4.0",
    ...platformSignatureHeaders(body, cfg, opts.badSignature ? impostor() : undefined),
  };
  const started = performance.now();
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    const res = await globalThis.fetch(n.notifyUrl, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
    httpStatus = res.status;
    await res.arrayBuffer().catch(() => undefined);
    if (res.status !== 200 && res.status !== 204) error = `HTTP ${res.status}`;
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    error = name === "TimeoutError" || name === "AbortError" ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : describeFetchError(e);
  }
  const durationMs = Math.max(0, Math.round(performance.now() - started));
  await db.sandboxPayDelivery.create({ data: { notificationId: n.id, attempt: opts.attempt, httpStatus, error, durationMs, replay: opts.replay } });
  return error === null;
}

function describeFetchError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const text = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
  return `connection failed: ${text}`.slice(0, 300);
}

/**
 * The next regular attempt of a notification, if it is due and nobody else is making it.
 * Returns when to try again (undefined: delivered, given up, held, or not ours to make).
 */
export async function attemptDelivery(id: string, now = Date.now()): Promise<{ retryAt?: Date }> {
  const n = await db.sandboxPayNotification.findUnique({ where: { id }, select: { ...rowSelect, attempts: true, nextAttemptAt: true, deliveredAt: true, gaveUpAt: true, fault: true } });
  if (!n || n.deliveredAt || n.gaveUpAt || !n.nextAttemptAt) return {};
  if (n.nextAttemptAt.getTime() > now) return { retryAt: n.nextAttemptAt };

  // Claim attempt number attempts+1: a second worker running the same job finds it taken.
  const claimed = await db.sandboxPayNotification.updateMany({ where: { id, attempts: n.attempts, deliveredAt: null, gaveUpAt: null }, data: { attempts: { increment: 1 } } });
  if (claimed.count === 0) return {};
  const attempt = n.attempts + 1;
  const faults = await getFaults();
  const cfg = sandboxConfig();
  if (faults.badSignature && !(n.fault ?? "").includes("bad-signature")) {
    await db.sandboxPayNotification.update({ where: { id }, data: { fault: addFault(n.fault, "bad-signature") } });
  }

  // Duplicate delivery: copies of the first attempt, half at the same moment, half a second later.
  const duplicates = attempt === 1 ? Number(/duplicate:(\d+)/.exec(n.fault ?? "")?.[1] ?? 0) : 0;
  const together = Math.ceil(duplicates / 2);
  const [delivered] = await Promise.all([
    deliverOnce(n, { attempt, replay: false, badSignature: faults.badSignature }),
    ...Array.from({ length: together }, () => deliverOnce(n, { attempt, replay: false, badSignature: faults.badSignature })),
  ]);
  for (let i = 0; i < duplicates - together; i++) {
    await enqueue(db, DELIVER_QUEUE, { id, mode: "duplicate" } satisfies DeliverPayload, { runAt: new Date(Date.now() + (i + 1) * 1000 * cfg.timeScale), maxAttempts: 1 });
  }

  if (delivered) {
    await db.sandboxPayNotification.updateMany({ where: { id, deliveredAt: null }, data: { deliveredAt: new Date(), nextAttemptAt: null } });
    return {};
  }
  if (attempt > RETRY_SCHEDULE_SECONDS.length) {
    await db.sandboxPayNotification.update({ where: { id }, data: { gaveUpAt: new Date(), nextAttemptAt: null } });
    return {};
  }
  const retryAt = new Date(Date.now() + RETRY_SCHEDULE_SECONDS[attempt - 1] * 1000 * cfg.timeScale);
  await db.sandboxPayNotification.update({ where: { id }, data: { nextAttemptAt: retryAt } });
  return { retryAt };
}

/**
 * A genuine delivery of a notification as a Request (fresh encryption and signature), for
 * tests that hand it to a route handler directly, e.g. the same notification 50 times at once.
 */
export async function buildNotificationRequest(id: string): Promise<Request> {
  const n = await db.sandboxPayNotification.findUniqueOrThrow({ where: { id }, select: rowSelect });
  const cfg = sandboxConfig();
  const body = notificationBody(n, cfg);
  return new Request(n.notifyUrl, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "*/*", "User-Agent": "Mozilla/4.0", ...platformSignatureHeaders(body, cfg) },
    body,
  });
}

/** Delivers a notification once more, now, outside its schedule (recorded as a replay). */
export async function replayNotification(id: string): Promise<{ delivered: boolean } | null> {
  const n = await db.sandboxPayNotification.findUnique({ where: { id }, select: { ...rowSelect, attempts: true } });
  if (!n) return null;
  const faults = await getFaults();
  return { delivered: await deliverOnce(n, { attempt: n.attempts, replay: true, badSignature: faults.badSignature }) };
}

/**
 * Releases notifications held by the out-of-order switch: their first attempts are made by one
 * job, newest first, one after the other (so the receiver sees them in reverse order).
 */
export async function releaseHeld(client: Tx | typeof db = db): Promise<number> {
  const held = await client.sandboxPayNotification.findMany({
    where: { nextAttemptAt: null, attempts: 0, deliveredAt: null, gaveUpAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, fault: true },
  });
  if (!held.length) return 0;
  const now = new Date();
  for (const h of held) {
    await client.sandboxPayNotification.update({ where: { id: h.id }, data: { nextAttemptAt: now, fault: addFault(h.fault, "released") } });
  }
  await enqueue(client, RELEASE_QUEUE, { ids: held.map((h) => h.id) }, { maxAttempts: 1 });
  return held.length;
}

async function runRelease(ids: string[]) {
  for (const id of ids) {
    const { retryAt } = await attemptDelivery(id);
    if (retryAt) await enqueue(db, DELIVER_QUEUE, { id, mode: "main" } satisfies DeliverPayload, { runAt: retryAt, singletonKey: `${DELIVER_QUEUE}:${id}`, maxAttempts: 1000 });
  }
}

/** Job handlers of this module (registered in lib/jobs/registry.ts). */
export const notificationJobHandlers = {
  [DELIVER_QUEUE]: async (payload: unknown): Promise<JobResult> => {
    const p = payload as DeliverPayload;
    if (p.mode === "duplicate") {
      const n = await db.sandboxPayNotification.findUnique({ where: { id: p.id }, select: { ...rowSelect, attempts: true } });
      if (!n) return;
      const faults = await getFaults();
      await deliverOnce(n, { attempt: Math.max(1, n.attempts), replay: false, badSignature: faults.badSignature });
      return;
    }
    const { retryAt } = await attemptDelivery(p.id);
    return retryAt ? { rescheduleAt: retryAt } : undefined;
  },
  [RELEASE_QUEUE]: async (payload: unknown): Promise<JobResult> => {
    await runRelease((payload as { ids: string[] }).ids);
  },
};
