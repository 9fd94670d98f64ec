import "server-only";
// Store coupons (优惠券): sellers create, stop and issue them; buyers claim them and see
// their own. Using one is checkout's business (lib/orders/checkout.ts with
// lib/promotions/checkout.ts); what a paid or cancelled order does to it is in
// order-promotions.ts.
import { requireRole, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { cachedRead, invalidate, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import type { CouponAudience, CouponClaimStatus, CouponStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { enqueue, wake } from "@/lib/jobs/queue";
import { parseInput } from "@/lib/validation";
import { claimValidity, type CouponTerms } from "./coupon-math";
import { couponInput, stopCouponInput, type CouponInput } from "./schemas";

export const COUPON_START_QUEUE = "promotions.couponStart";
export const COUPON_END_QUEUE = "promotions.couponEnd";
export const COUPON_CLAIMED_OUT_QUEUE = "promotions.couponClaimedOut";

/** What a coupon is as buyers see it on the store's pages. */
export interface PublicCoupon extends CouponTerms {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  validDays: number | null;
  perBuyerLimit: number;
}

const publicSelect = {
  id: true,
  name: true,
  kind: true,
  amountOffFen: true,
  thresholdFen: true,
  percentOff: true,
  capFen: true,
  itemIds: true,
  coversPostage: true,
  startsAt: true,
  endsAt: true,
  validDays: true,
  perBuyerLimit: true,
} as const;

/** Where a coupon stands for its seller. */
export type CouponPhase = "SCHEDULED" | "RUNNING" | "CLAIMED_OUT" | "ENDED" | "STOPPED";

export function couponPhase(c: { status: CouponStatus; startsAt: Date; endsAt: Date; remaining: number }, now = new Date()): CouponPhase {
  if (c.status === "STOPPED") return "STOPPED";
  if (c.endsAt <= now) return "ENDED";
  if (c.startsAt > now) return "SCHEDULED";
  return c.remaining === 0 ? "CLAIMED_OUT" : "RUNNING";
}

// ───────────────────────────── Sellers ─────────────────────────────

/** A seller creates a coupon for their store; items it names must be the store's own. */
export async function createCoupon(actor: Actor | null, storeId: string, input: CouponInput): Promise<{ id: string }> {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(couponInput, input);
  if (data.itemIds.length) {
    const found = await db.item.count({ where: { id: { in: data.itemIds }, storeId } });
    if (found !== data.itemIds.length) throw new AppError("VALIDATION", "Some of those items are not this store's.", { fieldErrors: { itemIds: ["couponItemUnknown"] } });
  }
  const c = await db.$transaction(async (tx) => {
    const made = await tx.coupon.create({ data: { ...data, storeId, remaining: data.totalQuantity, createdById: seller.userId }, select: { id: true } });
    // The store is told when it starts (if later than now) and ends (coupon-jobs.ts).
    if (data.startsAt.getTime() > Date.now() + 60_000) await enqueue(tx, COUPON_START_QUEUE, { couponId: made.id }, { runAt: data.startsAt, singletonKey: `coupon-start:${made.id}` });
    await enqueue(tx, COUPON_END_QUEUE, { couponId: made.id }, { runAt: data.endsAt, singletonKey: `coupon-end:${made.id}` });
    return made;
  });
  // Public coupons are shown on the store's cached pages.
  if (data.audience === "PUBLIC") invalidate(tags.store(storeId));
  return c;
}

export interface SellerCoupon extends PublicCoupon {
  audience: CouponAudience;
  status: CouponStatus;
  phase: CouponPhase;
  totalQuantity: number;
  remaining: number;
  claimed: number;
  used: number;
  voidedClaims: boolean;
  createdAt: Date;
}

/** The store's coupons, newest first (or the one `couponId`, however old), with how many were claimed and used. */
export async function listStoreCoupons(actor: Actor | null, storeId: string, now = new Date(), opts: { couponId?: string } = {}): Promise<SellerCoupon[]> {
  requireStoreMember(actor, storeId);
  const rows = await db.coupon.findMany({
    where: { storeId, ...(opts.couponId ? { id: opts.couponId } : {}) },
    select: { ...publicSelect, audience: true, status: true, totalQuantity: true, remaining: true, voidedClaims: true, createdAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const used = rows.length
    ? await db.couponClaim.groupBy({ by: ["couponId"], where: { couponId: { in: rows.map((r) => r.id) }, status: "USED" }, _count: { _all: true } })
    : [];
  const usedBy = new Map(used.map((u) => [u.couponId, u._count._all]));
  return rows.map((r) => ({ ...r, phase: couponPhase(r, now), claimed: r.totalQuantity - r.remaining, used: usedBy.get(r.id) ?? 0 }));
}

async function ownCoupon(storeId: string, couponId: string) {
  const c = await db.coupon.findFirst({ where: { id: couponId, storeId }, select: { id: true, status: true, audience: true, startsAt: true, endsAt: true, validDays: true, perBuyerLimit: true, remaining: true } });
  if (!c) throw new AppError("NOT_FOUND", "Coupon not found");
  return c;
}

/**
 * Stops a coupon early: no more claims. Copies already claimed stay usable unless
 * `voidClaimed`, which voids the unused ones (and any an unpaid order gives back later).
 */
export async function stopCoupon(actor: Actor | null, storeId: string, input: { couponId: string; voidClaimed?: boolean }): Promise<{ voided: number }> {
  requireStoreMember(actor, storeId);
  const { couponId, voidClaimed } = parseInput(stopCouponInput, input);
  const c = await ownCoupon(storeId, couponId);
  const voided = await db.$transaction(async (tx) => {
    const stopped = await tx.coupon.updateMany({ where: { id: c.id, status: "ACTIVE" }, data: { status: "STOPPED", stoppedAt: new Date(), voidedClaims: voidClaimed } });
    if (!stopped.count) throw new AppError("INVALID_STATE", "This coupon has already been stopped.", { details: { messageKey: "couponAlreadyStopped" } });
    if (!voidClaimed) return 0;
    const v = await tx.couponClaim.updateMany({ where: { couponId: c.id, status: "AVAILABLE" }, data: { status: "VOID" } });
    return v.count;
  });
  if (c.audience === "PUBLIC") invalidate(tags.store(storeId));
  return { voided };
}

/** How many buyers have paid this store before (whom a targeted coupon can be issued to). */
export async function countPastBuyers(actor: Actor | null, storeId: string): Promise<number> {
  requireStoreMember(actor, storeId);
  const [r] = await db.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT "buyerId")::int AS n FROM "Order" WHERE "storeId" = ${storeId} AND "paidAt" IS NOT NULL`;
  return r?.n ?? 0;
}

/**
 * Issues one copy of a targeted coupon to every buyer who has paid this store before and
 * holds fewer than its per-buyer limit, as far as its quantity goes (oldest buyers first).
 * Under the coupon's row lock, so two issues at once never hand out more than it has.
 */
export async function issueToPastBuyers(actor: Actor | null, storeId: string, couponId: string): Promise<{ issued: number }> {
  requireStoreMember(actor, storeId);
  const c = await ownCoupon(storeId, couponId);
  if (c.audience !== "TARGETED") throw new AppError("INVALID_STATE", "Only a coupon for chosen buyers is issued.", { details: { messageKey: "couponNotTargeted" } });
  const now = new Date();
  if (c.status !== "ACTIVE" || c.endsAt <= now) throw new AppError("INVALID_STATE", "This coupon is no longer running.", { details: { messageKey: "couponNotRunning" } });
  const issued = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ remaining: number }[]>`SELECT remaining FROM "Coupon" WHERE id = ${c.id} AND status = 'ACTIVE' FOR UPDATE`;
    if (!locked || locked.remaining === 0) return 0;
    const buyers = await tx.$queryRaw<{ buyerId: string }[]>`
      SELECT o."buyerId" FROM "Order" o
       WHERE o."storeId" = ${storeId} AND o."paidAt" IS NOT NULL
         AND (SELECT count(*) FROM "CouponClaim" k WHERE k."couponId" = ${c.id} AND k."buyerId" = o."buyerId") < ${c.perBuyerLimit}
       GROUP BY o."buyerId" ORDER BY min(o."paidAt"), o."buyerId" LIMIT ${locked.remaining}`;
    if (!buyers.length) return 0;
    const { validFrom, validUntil } = claimValidity(c, now);
    await tx.couponClaim.createMany({ data: buyers.map((b) => ({ id: newId(), couponId: c.id, storeId, buyerId: b.buyerId, validFrom, validUntil, source: "ISSUED", claimedAt: now })) });
    await tx.coupon.update({ where: { id: c.id }, data: { remaining: { decrement: buyers.length } } });
    return buyers.length;
  });
  return { issued };
}

/** A coupon's copies (for the seller and the Open API): who holds it and what became of it. */
export async function listCouponClaims(actor: Actor | null, storeId: string, couponId: string, opts: { take?: number } = {}) {
  requireStoreMember(actor, storeId);
  await ownCoupon(storeId, couponId);
  return db.couponClaim.findMany({
    where: { couponId },
    select: { id: true, buyerId: true, status: true, source: true, claimedAt: true, validFrom: true, validUntil: true, usedAt: true, orderId: true },
    orderBy: [{ claimedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(opts.take ?? 100, 1), 500),
  });
}

// ───────────────────────────── Buyers ─────────────────────────────

/**
 * The store's public coupons that can still be claimed or will be (the store's cached pages
 * show them, so these are not per-buyer, and a page hides one whose window has not begun).
 * With `itemId`, only those that cover that item.
 */
export async function listClaimableCoupons(storeId: string, opts: { itemId?: string; now?: Date } = {}): Promise<PublicCoupon[]> {
  const now = opts.now ?? new Date();
  const rows = await db.coupon.findMany({
    where: { storeId, audience: "PUBLIC", status: "ACTIVE", remaining: { gt: 0 }, endsAt: { gt: now } },
    select: publicSelect,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 20,
  });
  return opts.itemId ? rows.filter((r) => r.itemIds.length === 0 || r.itemIds.includes(opts.itemId!)) : rows;
}

/** A public coupon as the store's cached pages carry it (dates as ISO text: cached reads are JSON). */
export type StorefrontCoupon = Omit<PublicCoupon, "startsAt" | "endsAt"> & { startsAt: string; endsAt: string };

/**
 * The store's claimable coupons for its cached pages, dropped with the store's cache whenever
 * a coupon is created, stopped or claimed out. One whose window has not begun is included with
 * its start (the page shows when it opens), so the page need not change at that moment.
 */
export const getStorefrontCoupons = cachedRead(
  "storefront-coupons",
  async (storeId: string): Promise<StorefrontCoupon[]> =>
    (await listClaimableCoupons(storeId)).map((c) => ({ ...c, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() })),
  { tags: (storeId) => [tags.store(storeId)] },
);

export interface ClaimedCoupon {
  claimId: string;
  validFrom: Date;
  validUntil: Date;
  /** How many the coupon has left (0: this was the last one). */
  remaining: number;
}

/** A buyer claims one copy of a public coupon: never more than it has, never above its per-buyer limit. */
export async function claimCoupon(actor: Actor | null, couponId: string): Promise<ClaimedCoupon> {
  const buyer = requireRole(actor, "BUYER");
  if (typeof couponId !== "string" || !couponId || couponId.length > 64) throw new AppError("NOT_FOUND", "Coupon not found");
  const [row] = await db.$queryRaw<{ r: Record<string, unknown> }[]>`SELECT ls_claim_coupon(${couponId}, ${buyer.userId}, ${newId()}) AS r`;
  const r = row.r;
  switch (r.refused) {
    case "NOT_CLAIMABLE":
      throw new AppError("INVALID_STATE", "This coupon cannot be claimed now.", { details: { messageKey: "couponNotClaimable" } });
    case "SOLD_OUT":
      throw new AppError("SOLD_OUT", "All of this coupon have been claimed.", { details: { messageKey: "couponClaimedOut" } });
    case "CLAIM_LIMIT":
      throw new AppError("CONFLICT", "You already have as many of this coupon as one buyer may.", { details: { messageKey: "couponClaimLimit" } });
  }
  const claimed = { claimId: String(r.id), validFrom: new Date(String(r.validFrom)), validUntil: new Date(String(r.validUntil)), remaining: Number(r.remaining) };
  // The last one: the store's pages stop offering it, and the store is told (a job the claim queued).
  if (claimed.remaining === 0) {
    wake();
    const c = await db.coupon.findUnique({ where: { id: couponId }, select: { storeId: true } });
    if (c) invalidate(tags.store(c.storeId));
  }
  return claimed;
}

export type MyCouponTab = "usable" | "used" | "expired";

export interface MyCoupon extends PublicCoupon {
  claimId: string;
  status: CouponClaimStatus;
  validFrom: Date;
  validUntil: Date;
  usedAt: Date | null;
  orderId: string | null;
  tab: MyCouponTab;
}

/** Which tab a claimed copy belongs in: held by an unpaid order counts as used until that order is cancelled. */
export function myCouponTab(c: { status: CouponClaimStatus; validUntil: Date }, now: Date): MyCouponTab {
  if (c.status === "USED" || c.status === "LOCKED") return "used";
  if (c.status === "VOID" || c.validUntil <= now) return "expired";
  return "usable";
}

/** The buyer's own coupons of one store. */
export async function listMyCoupons(actor: Actor | null, storeId: string, now = new Date()): Promise<MyCoupon[]> {
  const buyer = requireRole(actor, "BUYER");
  const rows = await db.couponClaim.findMany({
    where: { buyerId: buyer.userId, storeId },
    select: { id: true, status: true, validFrom: true, validUntil: true, usedAt: true, orderId: true, coupon: { select: publicSelect } },
    orderBy: [{ validUntil: "asc" }, { id: "asc" }],
    take: 200,
  });
  return rows.map(({ coupon, id, ...c }) => ({ ...coupon, ...c, claimId: id, tab: myCouponTab(c, now) }));
}
