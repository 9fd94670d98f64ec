// Refund arithmetic, pure: how much a set of order lines can still get back, and how a
// refund is split over its lines (and the postage). Integer fen throughout.

export interface LineRoom {
  orderLineId: string;
  /** What the buyer paid for the line (its price less a coupon's part). */
  paidFen: number;
  /** Already refunded, or promised to a refund still in flight. */
  committedFen: number;
}

export interface Room {
  lines: { orderLineId: string; remainingFen: number }[];
  /** Postage that can still be refunded (0 unless the request covers every line). */
  postageRemainingFen: number;
  /** The order-wide ceiling: paid less every refund in flight or paid. */
  orderRemainingFen: number;
  /** The most this request may refund. */
  maxFen: number;
}

/**
 * What can still be refunded for some lines of an order: what each line was paid less what was
 * refunded (or is being refunded) for it, plus the postage when every line is included,
 * never more than the order's total less all refunds in flight or paid.
 */
export function roomFor(opts: { lines: LineRoom[]; postage: { postageFen: number; committedFen: number } | null; orderTotalFen: number; orderCommittedFen: number }): Room {
  const lines = opts.lines.map((l) => ({ orderLineId: l.orderLineId, remainingFen: Math.max(0, l.paidFen - l.committedFen) }));
  const postageRemainingFen = opts.postage ? Math.max(0, opts.postage.postageFen - opts.postage.committedFen) : 0;
  const orderRemainingFen = Math.max(0, opts.orderTotalFen - opts.orderCommittedFen);
  const sum = lines.reduce((n, l) => n + l.remainingFen, 0) + postageRemainingFen;
  return { lines, postageRemainingFen, orderRemainingFen, maxFen: Math.min(sum, orderRemainingFen) };
}

/**
 * Splits `amountFen` over the lines in proportion to what each can still take (largest
 * remainder, so the parts add up exactly and none exceeds its room); only what the lines
 * cannot take goes to the postage. Throws if the amount does not fit.
 */
export function allocate(amountFen: number, room: Pick<Room, "lines" | "postageRemainingFen">): { lines: { orderLineId: string; amountFen: number }[]; postageFen: number } {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError("amount must be a non-negative whole number of fen");
  const capacity = room.lines.reduce((n, l) => n + l.remainingFen, 0);
  if (amountFen > capacity + room.postageRemainingFen) throw new RangeError("amount exceeds what can be refunded");
  const toLines = Math.min(amountFen, capacity);
  const parts = room.lines.map((l) => {
    const exact = capacity === 0 ? 0 : (toLines * l.remainingFen) / capacity;
    return { orderLineId: l.orderLineId, amountFen: Math.floor(exact), frac: exact - Math.floor(exact), cap: l.remainingFen };
  });
  let left = toLines - parts.reduce((n, p) => n + p.amountFen, 0);
  // Hand the leftover fen to the largest fractions first (ties: first line first).
  const order = parts.map((p, i) => ({ p, i })).sort((a, b) => b.p.frac - a.p.frac || a.i - b.i);
  for (const { p } of order) {
    if (left === 0) break;
    if (p.amountFen < p.cap) {
      p.amountFen += 1;
      left -= 1;
    }
  }
  // Rounding can only leave fen when every fractional line is full; any line with room takes them.
  for (const p of parts) {
    while (left > 0 && p.amountFen < p.cap) {
      p.amountFen += 1;
      left -= 1;
    }
  }
  return { lines: parts.map(({ orderLineId, amountFen }) => ({ orderLineId, amountFen })), postageFen: amountFen - toLines };
}
