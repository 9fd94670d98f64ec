import "server-only";
// Fault injection for the WeChat Pay sandbox, kept in SandboxPayControl (key → JSON) so every
// app instance sees the same switches. Counters ("the next K payments fail") are consumed with
// one conditional UPDATE each, so concurrent payments never use one unit twice.
import type { Db, Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";

export interface FaultSettings {
  /** Each new notification is delivered this many extra times (some at once, some a second later). */
  duplicate: number;
  /** Extra seconds before a new notification's first delivery. */
  delaySeconds: number;
  /** Hold new notifications; releasing sends them newest first. */
  outOfOrder: boolean;
  /** Sign deliveries with a key WeChat Pay does not own. */
  badSignature: boolean;
  /** The next K payments in the cashier end in PAYERROR. */
  paymentFails: number;
  /** The next K refunds end ABNORMAL. */
  refundAbnormal: number;
  /** The next K refunds end CLOSED. */
  refundClosed: number;
  /** The next K profit-sharing orders end with their receivers CLOSED (ACCOUNT_ABNORMAL). */
  shareFails: number;
  /** The next K unfreeze attempts stay PROCESSING (each one delays that unfreeze by 30 s). */
  unfreezeStuck: number;
  /** The next K trade bills leave out one line. */
  billDropLine: number;
  /** The next K trade bills show one line's amount one fen off. */
  billAlterLine: number;
  /** The next K profit-sharing bills leave out one line. */
  shareBillDropLine: number;
  /** The next K profit-sharing bills show one line's amount one fen more. */
  shareBillAlterLine: number;
}

export const defaultFaults: FaultSettings = {
  duplicate: 0,
  delaySeconds: 0,
  outOfOrder: false,
  badSignature: false,
  paymentFails: 0,
  refundAbnormal: 0,
  refundClosed: 0,
  shareFails: 0,
  unfreezeStuck: 0,
  billDropLine: 0,
  billAlterLine: 0,
  shareBillDropLine: 0,
  shareBillAlterLine: 0,
};

export const faultKeys = Object.keys(defaultFaults) as (keyof FaultSettings)[];


export async function getFaults(client: Db | Tx = db): Promise<FaultSettings> {
  const rows = await client.sandboxPayControl.findMany({ select: { key: true, value: true } });
  const out: FaultSettings = { ...defaultFaults };
  for (const { key, value } of rows) {
    if (!(key in defaultFaults)) continue;
    const k = key as keyof FaultSettings;
    if (typeof value === typeof defaultFaults[k]) (out as unknown as Record<string, unknown>)[k] = value;
  }
  return out;
}

export async function setFaults(patch: Partial<FaultSettings>, client: Db | Tx = db): Promise<void> {
  for (const k of faultKeys) {
    const value = patch[k];
    if (value === undefined) continue;
    await client.sandboxPayControl.upsert({ where: { key: k }, create: { key: k, value }, update: { value } });
  }
}

export async function clearFaults(client: Db | Tx = db): Promise<void> {
  await client.sandboxPayControl.deleteMany({ where: { key: { in: faultKeys } } });
}

/** Uses one unit of a counter; true when there was one. */
export async function consumeFault(client: Db | Tx, key: "paymentFails" | "refundAbnormal" | "refundClosed" | "shareFails" | "unfreezeStuck" | "billDropLine" | "billAlterLine" | "shareBillDropLine" | "shareBillAlterLine"): Promise<boolean> {
  const n = await client.$executeRaw`
    UPDATE "SandboxPayControl" SET value = to_jsonb(((value #>> '{}')::numeric - 1)::int), "updatedAt" = now()
    WHERE key = ${key} AND jsonb_typeof(value) = 'number' AND (value #>> '{}')::numeric >= 1`;
  return n > 0;
}
