import "server-only";
// POST /sandbox/wechatpay/control: set fault switches and run actions (release held
// notifications, replay one, reset, bind / unbind / withdraw for a sub-merchant). Answers the settings in force afterwards.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { clearFaults, type FaultSettings, getFaults, setFaults } from "./faults";
import { sandboxConfig } from "@/lib/payments/wechatpay/config";
import { releaseHeld, replayNotification } from "./notifications";
import { withdrawAvailable } from "./share-orders";
import { bindSubMerchant, unbindSubMerchant } from "./sub-merchants";

export const controlInput = z
  .object({
    duplicate: z.number().int().min(0).max(20),
    delaySeconds: z.number().min(0).max(86_400),
    outOfOrder: z.boolean(),
    badSignature: z.boolean(),
    paymentFails: z.number().int().min(0).max(1000),
    refundAbnormal: z.number().int().min(0).max(1000),
    refundClosed: z.number().int().min(0).max(1000),
    shareFails: z.number().int().min(0).max(1000),
    unfreezeStuck: z.number().int().min(0).max(1000),
    billDropLine: z.number().int().min(0).max(1000),
    billAlterLine: z.number().int().min(0).max(1000),
    shareBillDropLine: z.number().int().min(0).max(1000),
    shareBillAlterLine: z.number().int().min(0).max(1000),
    /** Deliver the notifications held by outOfOrder now, newest first. */
    release: z.literal(true),
    /** Deliver this notification again now (recorded as a replay). */
    replay: z.string().min(1).max(64),
    /** true: every switch back to its default (held notifications are released). "all": also forget every sandbox order. */
    reset: z.union([z.literal(true), z.literal("all")]),
    /** Bind a sub-merchant to the platform (onboarding, 进件), or change its maximum share. */
    bind: z.object({ subMchid: z.string().regex(/^\d{8,12}$/), name: z.string().trim().min(1).max(128), maxRatioBps: z.number().int().min(0).max(10_000).optional() }).strict(),
    /** End a sub-merchant's relation: its next partner call is refused with NO_AUTH. */
    unbind: z.string().regex(/^\d{8,12}$/),
    /** The sub-merchant withdraws its whole available balance to its bank (refunds beyond frozen money then meet NOT_ENOUGH). */
    withdraw: z.string().regex(/^\d{8,12}$/),
  })
  .partial()
  .strict();
export type ControlInput = z.input<typeof controlInput>;

export interface ControlState {
  settings: FaultSettings;
  /** Notifications waiting for release (out-of-order). */
  held: number;
  released?: number;
  /** Fen withdrawn by `withdraw`. */
  withdrawn?: number;
  replay?: { id: string; delivered: boolean };
}

export async function heldCount(): Promise<number> {
  return db.sandboxPayNotification.count({ where: { nextAttemptAt: null, attempts: 0, deliveredAt: null, gaveUpAt: null } });
}

export async function controlState(): Promise<ControlState> {
  return { settings: await getFaults(), held: await heldCount() };
}

/** Applies a control request: reset first, then the switches, then release, then replay. */
export async function applyControl(raw: unknown): Promise<ControlState> {
  const input = parseInput(controlInput, raw);
  let released: number | undefined;
  let withdrawn: number | undefined;
  await db.$transaction(async (tx) => {
    const before = await getFaults(tx);
    if (input.reset) {
      await clearFaults(tx);
      if (input.reset === "all") {
        await tx.sandboxPayNotification.deleteMany({});
        await tx.sandboxPayRefund.deleteMany({});
        await tx.sandboxPayTransaction.deleteMany({});
        await tx.sandboxPayShareReceiver.deleteMany({});
        await tx.sandboxPayShareOrder.deleteMany({});
        await tx.sandboxPayShareReturn.deleteMany({});
        await tx.sandboxPayBill.deleteMany({});
      }
    }
    const { release, replay, reset, bind, unbind, withdraw, ...switches } = input;
    void replay;
    const spMchid = sandboxConfig().mchId;
    if (bind) await bindSubMerchant({ spMchid, ...bind }, tx);
    if (unbind && !(await unbindSubMerchant(spMchid, unbind, tx))) throw notFound("No such sub-merchant.");
    if (withdraw) {
      withdrawn = await withdrawAvailable(tx, spMchid, withdraw);
      if (withdrawn < 0) throw notFound("No such sub-merchant.");
    }
    await setFaults(switches, tx);
    const stopsHolding = (before.outOfOrder && (reset || switches.outOfOrder === false)) || release;
    if (stopsHolding) released = await releaseHeld(tx);
  });
  const state: ControlState = await controlState();
  if (released !== undefined) state.released = released;
  if (withdrawn !== undefined) state.withdrawn = withdrawn;
  if (input.replay) {
    const r = await replayNotification(input.replay);
    if (!r) throw notFound("No such notification.");
    state.replay = { id: input.replay, delivered: r.delivered };
  }
  return state;
}
