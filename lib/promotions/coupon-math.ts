// Coupon arithmetic, pure: what a coupon takes off an order, how that is split over the
// order's lines, and which of a buyer's coupons is best. Integer fen throughout; checkout, the
// checkout page and tests share it.

export type CouponKind = "THRESHOLD" | "PERCENT" | "AMOUNT";

export interface CouponTerms {
  kind: CouponKind;
  amountOffFen: number | null;
  thresholdFen: number;
  percentOff: number | null;
  capFen: number | null;
  /** Empty: every item of the store. */
  itemIds: string[];
  coversPostage: boolean;
}

export interface PricedLine {
  /** Any key the caller uses to find the line again (the order line's id). */
  key: string;
  itemId: string;
  lineTotalFen: number;
}

export interface CouponDiscount {
  /** In all: the lines' parts plus postageFen. 0 when the coupon does not apply. */
  discountFen: number;
  /** Each line's part, in the order given (0 for lines the coupon does not cover). */
  lines: { key: string; discountFen: number }[];
  /** The postage's part (only for a coupon that covers postage). */
  postageFen: number;
  /** Why it does not apply, when discountFen is 0. */
  reason: "NO_ELIGIBLE_ITEMS" | "BELOW_THRESHOLD" | null;
}

export function eligibleLines<T extends { itemId: string }>(terms: Pick<CouponTerms, "itemIds">, lines: T[]): T[] {
  if (!terms.itemIds.length) return lines;
  const covered = new Set(terms.itemIds);
  return lines.filter((l) => covered.has(l.itemId));
}

/**
 * What the coupon takes off: 满减 its amount once the eligible items reach the threshold,
 * 立减 its amount, 折扣 the percentage of the eligible amount rounded down to the fen and at
 * most the cap. The threshold is met by the eligible items alone, never by postage. Never more
 * than the eligible amount, and the order always leaves at least one fen to pay (WeChat Pay
 * takes no zero payment).
 */
export function couponDiscount(terms: CouponTerms, lines: PricedLine[], postageFen: number): CouponDiscount {
  const none = (reason: CouponDiscount["reason"]): CouponDiscount => ({ discountFen: 0, lines: lines.map((l) => ({ key: l.key, discountFen: 0 })), postageFen: 0, reason });
  const eligible = eligibleLines(terms, lines).filter((l) => l.lineTotalFen > 0);
  if (!eligible.length) return none("NO_ELIGIBLE_ITEMS");
  const eligibleFen = eligible.reduce((n, l) => n + l.lineTotalFen, 0);
  if (eligibleFen < terms.thresholdFen) return none("BELOW_THRESHOLD");
  const base = eligibleFen + (terms.coversPostage ? postageFen : 0);
  let off: number;
  if (terms.kind === "PERCENT") {
    off = Math.floor((base * (terms.percentOff ?? 0)) / 100);
    if (terms.capFen != null) off = Math.min(off, terms.capFen);
  } else {
    off = terms.amountOffFen ?? 0;
  }
  const orderFen = lines.reduce((n, l) => n + l.lineTotalFen, 0) + postageFen;
  off = Math.max(0, Math.min(off, base, orderFen - 1));
  if (off === 0) return none("BELOW_THRESHOLD");

  // Split over the covered lines (and the postage, when covered) by what each costs.
  const weights = [...eligible.map((l) => l.lineTotalFen), ...(terms.coversPostage ? [postageFen] : [])];
  const parts = apportion(off, weights);
  const byKey = new Map(eligible.map((l, i) => [l.key, parts[i]]));
  return {
    discountFen: off,
    lines: lines.map((l) => ({ key: l.key, discountFen: byKey.get(l.key) ?? 0 })),
    postageFen: terms.coversPostage ? parts[parts.length - 1] : 0,
    reason: null,
  };
}

/**
 * Splits `amountFen` in proportion to `weights` by largest remainder: the parts are whole fen,
 * add up to exactly `amountFen`, and none exceeds its weight (amountFen ≤ the weights' sum).
 * Ties in the remainder go to the earlier weight.
 */
export function apportion(amountFen: number, weights: number[]): number[] {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError("amount must be a non-negative whole number of fen");
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError("weights must be non-negative whole numbers");
  const total = weights.reduce((n, w) => n + w, 0);
  if (amountFen > total) throw new RangeError("amount exceeds the weights' sum");
  if (amountFen === 0 || total === 0) return weights.map(() => 0);
  // BigInt: amount × weight can pass 2^53 for large orders.
  const parts = weights.map((w, i) => {
    const exact = BigInt(amountFen) * BigInt(w);
    return { i, fen: Number(exact / BigInt(total)), rem: exact % BigInt(total) };
  });
  let left = amountFen - parts.reduce((n, p) => n + p.fen, 0);
  const byRemainder = [...parts].sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : a.i - b.i));
  for (const p of byRemainder) {
    if (left === 0) break;
    p.fen += 1;
    left -= 1;
  }
  return parts.map((p) => p.fen);
}

/** When a claimed coupon can be used: the coupon's own window, or validDays from claiming. */
export function claimValidity(coupon: { startsAt: Date; endsAt: Date; validDays: number | null }, claimedAt: Date): { validFrom: Date; validUntil: Date } {
  if (coupon.validDays) return { validFrom: claimedAt, validUntil: new Date(claimedAt.getTime() + coupon.validDays * 86_400_000) };
  return { validFrom: coupon.startsAt, validUntil: coupon.endsAt };
}

/**
 * The coupon that takes the most off (ties: the one that expires first, then the first
 * given), among those that apply; null when none does.
 */
export function bestCoupon<C extends { claimId: string; validUntil: Date; terms: CouponTerms }>(claims: C[], lines: PricedLine[], postageFen: number): { claim: C; discount: CouponDiscount } | null {
  let best: { claim: C; discount: CouponDiscount } | null = null;
  for (const claim of claims) {
    const discount = couponDiscount(claim.terms, lines, postageFen);
    if (discount.discountFen === 0) continue;
    if (!best || discount.discountFen > best.discount.discountFen || (discount.discountFen === best.discount.discountFen && claim.validUntil < best.claim.validUntil)) best = { claim, discount };
  }
  return best;
}
