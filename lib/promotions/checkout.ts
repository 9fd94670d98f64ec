import "server-only";
// A buyer's coupons as checkout sees them: the one chosen for an order, and every one usable
// at this store now (for the checkout page to choose the best by default).
import { db } from "@/lib/db/client";
import { bestCoupon, couponDiscount, type CouponTerms } from "./coupon-math";

export interface CheckoutCoupon {
  claimId: string;
  name: string;
  validFrom: Date;
  validUntil: Date;
  terms: CouponTerms;
}

const claimSelect = {
  id: true,
  validFrom: true,
  validUntil: true,
  coupon: { select: { name: true, kind: true, amountOffFen: true, thresholdFen: true, percentOff: true, capFen: true, itemIds: true, coversPostage: true } },
} as const;

type ClaimRow = { id: string; validFrom: Date; validUntil: Date; coupon: CouponTerms & { name: string } };

function toCheckoutCoupon(c: ClaimRow): CheckoutCoupon {
  const { name, ...terms } = c.coupon;
  return { claimId: c.id, name, validFrom: c.validFrom, validUntil: c.validUntil, terms };
}

/** The buyer's own coupon of this store, if it is still theirs to use (ls_place_orders checks again under lock). */
export async function couponForCheckout(buyerId: string, storeId: string, claimId: string): Promise<CheckoutCoupon | null> {
  const c = await db.couponClaim.findFirst({ where: { id: claimId, buyerId, storeId, status: "AVAILABLE" }, select: claimSelect });
  return c ? toCheckoutCoupon(c) : null;
}

/** Every coupon of this store the buyer can use now, soonest to expire first. */
export async function usableCoupons(buyerId: string, storeId: string, now = new Date()): Promise<CheckoutCoupon[]> {
  const rows = await db.couponClaim.findMany({
    where: { buyerId, storeId, status: "AVAILABLE", validFrom: { lte: now }, validUntil: { gt: now } },
    select: claimSelect,
    orderBy: [{ validUntil: "asc" }, { id: "asc" }],
    take: 50,
  });
  return rows.map(toCheckoutCoupon);
}

export interface CouponOption {
  claimId: string;
  name: string;
  terms: CouponTerms;
  validUntil: Date;
  /** What it takes off this order (0: it does not apply). */
  discountFen: number;
  /** The order's total with it. */
  totalFen: number;
}

/**
 * The buyer's usable coupons of the store, priced against these lines and postage for the
 * checkout page: those that apply first (most off first), and the best one, chosen by default.
 * Checkout prices the chosen one again when the order is placed.
 */
export async function couponOptions(buyerId: string, storeId: string, lines: { itemId: string; lineTotalFen: number }[], postageFen: number): Promise<{ options: CouponOption[]; bestClaimId: string | null }> {
  const claims = await usableCoupons(buyerId, storeId);
  const priced = lines.map((l, i) => ({ key: String(i), ...l }));
  const totalFen = lines.reduce((n, l) => n + l.lineTotalFen, 0) + postageFen;
  const best = bestCoupon(claims, priced, postageFen);
  const options = claims
    .map((c) => {
      const d = couponDiscount(c.terms, priced, postageFen).discountFen;
      return { claimId: c.claimId, name: c.name, terms: c.terms, validUntil: c.validUntil, discountFen: d, totalFen: totalFen - d };
    })
    .sort((a, b) => b.discountFen - a.discountFen || a.validUntil.getTime() - b.validUntil.getTime());
  return { options, bestClaimId: best?.claim.claimId ?? null };
}
