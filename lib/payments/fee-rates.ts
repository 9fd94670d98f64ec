import "server-only";
// The platform's fee rates: one platform-wide rate and per-category overrides, set by admins
// (audited) and frozen into every order line at checkout. Checkout reads them from a small
// in-process copy, refreshed when an admin changes a rate (on every instance: the "fee-rates"
// cache tag travels the existing invalidation channel) and at least every 30 seconds.
import { z } from "zod";
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { invalidate, tagGenerations, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/protection/audit";
import { parseInput } from "@/lib/validation";

/** The platform-wide rate until an admin sets one: 1% of what the store keeps. */
export const DEFAULT_PLATFORM_FEE_BPS = 100;
/** The highest rate an admin may set (20%); WeChat Pay's per-store maximum share caps it further. */
export const MAX_FEE_BPS = 2000;
export const PLATFORM_SCOPE = "platform";

export interface FeeRates {
  platformBps: number;
  byCategory: Record<string, number>;
}

export async function loadFeeRates(): Promise<FeeRates> {
  const rows = await db.feeRate.findMany({ select: { scope: true, rateBps: true } });
  const byCategory: Record<string, number> = {};
  let platformBps = DEFAULT_PLATFORM_FEE_BPS;
  for (const r of rows) {
    if (r.scope === PLATFORM_SCOPE) platformBps = r.rateBps;
    else byCategory[r.scope] = r.rateBps;
  }
  return { platformBps, byCategory };
}

let memo: { rates: FeeRates; generation: string; at: number } | null = null;
const MEMO_MS = 30_000;

/** The rates in force now (see the top of this file for how fresh). */
export async function currentFeeRates(): Promise<FeeRates> {
  const generation = tagGenerations([tags.feeRates()]);
  if (memo && memo.generation === generation && Date.now() - memo.at < MEMO_MS) return memo.rates;
  const rates = await loadFeeRates();
  memo = { rates, generation, at: Date.now() };
  return rates;
}

export const rateFor = (rates: FeeRates, categoryId: string): number => rates.byCategory[categoryId] ?? rates.platformBps;

const rateInput = z.object({
  scope: z.string().trim().min(1).max(64),
  /** Percent as typed (e.g. "1.5"); empty for a category: back to the platform rate. */
  percent: z.union([z.literal(""), z.coerce.number({ error: "feeRateNumber" }).min(0, { error: "feeRateRange" }).max(MAX_FEE_BPS / 100, { error: "feeRateRange" })]),
});

/** Admin: the platform rate and every category's, with whether it is its own or the platform's. */
export async function listFeeRatesForAdmin(actor: Actor | null) {
  requireAdmin(actor);
  const [rates, categories] = await Promise.all([loadFeeRates(), db.category.findMany({ select: { id: true, nameZh: true, nameEn: true }, orderBy: { position: "asc" } })]);
  return {
    platformBps: rates.platformBps,
    categories: categories.map((c) => ({ ...c, rateBps: rateFor(rates, c.id), own: c.id in rates.byCategory })),
  };
}

/** Admin: sets the platform rate or a category's (an empty percent removes a category's own rate). Audited. */
export async function setFeeRate(actor: Actor | null, raw: unknown): Promise<{ scope: string; rateBps: number | null }> {
  const admin = requireAdmin(actor);
  const input = parseInput(rateInput, raw);
  if (input.scope !== PLATFORM_SCOPE && !(await db.category.count({ where: { id: input.scope } }))) throw new AppError("NOT_FOUND", "No such category");
  if (input.percent === "" && input.scope === PLATFORM_SCOPE) throw new AppError("VALIDATION", "The platform rate is required.", { fieldErrors: { percent: ["required"] } });
  // Whole hundredths of a percent (1 bps): what a rate can express.
  const rateBps = input.percent === "" ? null : Math.round(input.percent * 100);
  await db.$transaction(async (tx) => {
    const before = await tx.feeRate.findUnique({ where: { scope: input.scope }, select: { rateBps: true } });
    if (rateBps === null) await tx.feeRate.deleteMany({ where: { scope: input.scope } });
    else await tx.feeRate.upsert({ where: { scope: input.scope }, create: { scope: input.scope, rateBps, updatedById: admin.userId }, update: { rateBps, updatedById: admin.userId } });
    await writeAudit(tx, { actorId: admin.userId, action: "FEE_RATE_SET", subjectType: "FeeRate", subjectId: input.scope, data: { before: before?.rateBps ?? null, after: rateBps } });
  });
  invalidate(tags.feeRates());
  return { scope: input.scope, rateBps };
}
