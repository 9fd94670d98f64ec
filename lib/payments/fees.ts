// The platform's fee on an order, in fen: the one place it is computed (pure).
//
// Each line (and the postage) carries the rate frozen into it at checkout; the fee is charged
// on what the store keeps of it after refunds. The exact fee is Σ kept × rate / 10 000; it is
// rounded once, half up, on the whole order (never per line, so a many-line order is not
// charged up to a fen per line more), and capped by the share WeChat Pay allows the platform
// to take from this sub-merchant (max_ratio, of what the store keeps).

import { apportion } from "@/lib/promotions/coupon-math";

export const BPS = 10_000;

export interface FeePart {
  /** What the store keeps of this line (or of the postage): its total less what was refunded of it. */
  keptFen: number;
  /** Ten-thousandths (100 = 1%). */
  rateBps: number;
}

function checkFen(n: number, what: string) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole, non-negative number of fen`);
}

function checkBps(n: number, what: string) {
  if (!Number.isInteger(n) || n < 0 || n > BPS) throw new RangeError(`${what} must be 0–10000 ten-thousandths`);
}

/** a × b / BPS, rounded half up, for non-negative integers (exact: BigInt past 2^53). */
function mulDivHalfUp(numerator: bigint): number {
  return Number((numerator * 2n + BigInt(BPS)) / (2n * BigInt(BPS)));
}

/**
 * The fee for an order whose parts the store keeps as given. `maxRatioBps` is the
 * sub-merchant's agreed maximum share (null: no cap known, e.g. direct mode).
 */
export function platformFee(parts: FeePart[], maxRatioBps: number | null): number {
  let exact = 0n;
  let kept = 0;
  for (const p of parts) {
    checkFen(p.keptFen, "keptFen");
    checkBps(p.rateBps, "rateBps");
    exact += BigInt(p.keptFen) * BigInt(p.rateBps);
    kept += p.keptFen;
  }
  const fee = mulDivHalfUp(exact);
  if (maxRatioBps === null) return fee;
  checkBps(maxRatioBps, "maxRatioBps");
  // The cap rounds down: WeChat Pay refuses a share even one fen above the ratio.
  const cap = Number((BigInt(kept) * BigInt(maxRatioBps)) / BigInt(BPS));
  return Math.min(fee, cap);
}

/**
 * The parts of an order as the store keeps them: each line as paid (its price less the coupon's
 * part) less its own refunds, the postage as paid less whatever was refunded beyond the lines
 * (a refund that included postage). A refund tied to no line (one the platform decided on the
 * whole order) beyond the postage comes off the lines in proportion to what is left of them,
 * so the parts always add up to what was paid less what was refunded.
 */
export function keptParts(order: { postageFen: number; postageDiscountFen?: number; refundedFen: number; feeRateBps: number; lines: { lineTotalFen: number; discountFen?: number; refundedFen: number; feeRateBps: number }[] }): FeePart[] {
  const linesRefunded = order.lines.reduce((s, l) => s + l.refundedFen, 0);
  const postagePaid = order.postageFen - (order.postageDiscountFen ?? 0);
  const beyondLines = Math.max(0, order.refundedFen - linesRefunded);
  const postageRefunded = Math.min(postagePaid, beyondLines);
  const lineKept = order.lines.map((l) => Math.max(0, l.lineTotalFen - (l.discountFen ?? 0) - l.refundedFen));
  const rest = Math.min(beyondLines - postageRefunded, lineKept.reduce((s, k) => s + k, 0));
  const off = apportion(rest, lineKept);
  return [
    ...order.lines.map((l, i) => ({ keptFen: lineKept[i] - off[i], rateBps: l.feeRateBps })),
    { keptFen: postagePaid - postageRefunded, rateBps: order.feeRateBps },
  ];
}
