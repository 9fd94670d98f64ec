import "server-only";
// The store's daily rollups (StoreDailyStat, StoreDailyBuyer, ItemDailyStat), written in the
// caller's transaction as the change they count happens: a paid order is in the dashboard the
// moment its payment commits, and a rolled-back change leaves no trace in the figures.
//
// Attribution rules (the reconciliation test in tests/lib/metrics encodes every one):
// - Days are Asia/Shanghai calendar days.
// - PAID: an order counts once, on the day of its Order.paidAt: paidOrders + 1, paidFen +
//   totalFen (goods and postage), its buyer among that day's paying buyers, and each line in
//   its item's paidUnits / paidFen (goods only, no postage). GMV is gross: an order refunded
//   or closed later still counts as paid on its day; refunds are reported on their own.
// - Cancelled orders never count. A payment that arrives after its order was cancelled is
//   refunded automatically (cause AUTO_LATE_PAYMENT): the order was never a sale, so neither
//   its money nor that refund appears anywhere in the figures.
// - REFUND: a refund counts when WeChat Pay reports it SUCCESS, on the day of Refund.settledAt:
//   refundFen + its amount; `refunds` counts refunded orders: an order counts once, on the
//   day of its earliest successful refund (a second, partial refund adds money, not an order).
//   ABNORMAL and CLOSED outcomes move no money and count nothing.
// - SHIP: on the day of Order.shippedAt: shippedOrders + 1, and shippedLate + 1 when it was
//   shipped more than SHIP_PROMISE_HOURS after payment.
// - COMPLAINT: when a complaint is escalated to the platform, on the day of `at` (callers pass
//   the complaint's createdAt).
// - Item views are counted apart (lib/metrics/views.ts): batched, not transactional.
// The timestamps come from the rows themselves (the ones reconciliation recomputes from); the
// event's `at` is only the fallback when a row has none.
//
// Lock order, to keep concurrent writers deadlock-free: a transaction touches one store's
// StoreDailyStat row before any StoreDailyBuyer / ItemDailyStat row (sorted by item).
import type { Tx } from "@/lib/db/client";
import type { OrderTransitionEvent, RefundOutcomeEvent } from "@/lib/orders/hooks";
import { shanghaiDay } from "./days";

/** The shipping promise: an order shipped later than this after payment counts as late. */
export const SHIP_PROMISE_HOURS = 48;
/** Refunds of payments for already-cancelled orders: not sales, never counted. */
export const UNCOUNTED_REFUND_CAUSES = ["AUTO_LATE_PAYMENT"] as const;

export async function recordOrderTransitionMetrics(tx: Tx, e: OrderTransitionEvent): Promise<void> {
  if (e.transition === "PAY") await recordPaid(tx, e);
  else if (e.transition === "SHIP") await recordShipped(tx, e);
}

async function recordPaid(tx: Tx, e: OrderTransitionEvent) {
  const o = e.order ?? (await tx.order.findUniqueOrThrow({ where: { id: e.orderId }, select: { storeId: true, buyerId: true, totalFen: true, paidAt: true } }));
  const day = shanghaiDay(o.paidAt ?? e.at);
  // With what promotions took off it: the coupon's part (on the order) and the flash-sale
  // prices' (each sale line's own price less the sale price, times its units).
  await tx.$executeRaw`
    INSERT INTO "StoreDailyStat" ("storeId", day, "paidOrders", "paidFen", "grossFen", "couponDiscountFen", "saleDiscountFen", "couponOrders")
    SELECT ${o.storeId}, ${day}::date, 1, ${o.totalFen}, ${o.totalFen} + x."discountFen" + x.sale, x."discountFen", x.sale, x.coupon
      FROM (SELECT od."discountFen", (od."couponClaimId" IS NOT NULL)::int AS coupon,
                   (SELECT COALESCE(SUM((l."listPriceFen" - l."unitPriceFen") * l.quantity), 0) FROM "OrderLine" l WHERE l."orderId" = od.id AND l."listPriceFen" IS NOT NULL) AS sale
              FROM "Order" od WHERE od.id = ${e.orderId}) x
    ON CONFLICT ("storeId", day) DO UPDATE
      SET "paidOrders" = "StoreDailyStat"."paidOrders" + EXCLUDED."paidOrders",
          "paidFen" = "StoreDailyStat"."paidFen" + EXCLUDED."paidFen",
          "grossFen" = "StoreDailyStat"."grossFen" + EXCLUDED."grossFen",
          "couponDiscountFen" = "StoreDailyStat"."couponDiscountFen" + EXCLUDED."couponDiscountFen",
          "saleDiscountFen" = "StoreDailyStat"."saleDiscountFen" + EXCLUDED."saleDiscountFen",
          "couponOrders" = "StoreDailyStat"."couponOrders" + EXCLUDED."couponOrders"`;
  await recordPayingBuyer(tx, o.storeId, o.buyerId, day);
  await tx.$executeRaw`
    INSERT INTO "ItemDailyStat" ("itemId", "storeId", day, "paidUnits", "paidFen")
    SELECT "itemId", ${o.storeId}, ${day}::date, SUM(quantity)::int, SUM("lineTotalFen" - "discountFen")::bigint
      FROM "OrderLine" WHERE "orderId" = ${e.orderId}
      GROUP BY "itemId" ORDER BY "itemId"
    ON CONFLICT ("itemId", day) DO UPDATE
      SET "paidUnits" = "ItemDailyStat"."paidUnits" + EXCLUDED."paidUnits",
          "paidFen" = "ItemDailyStat"."paidFen" + EXCLUDED."paidFen"`;
}

/**
 * The buyer paid in the store on `day`. A new (store, day, buyer) row records the buyer's
 * previous paying day; if an earlier day arrives late, the next row's prevDay is moved to it.
 * One buyer's rows are written one transaction at a time (advisory lock), so prevDay is exact.
 */
async function recordPayingBuyer(tx: Tx, storeId: string, buyerId: string, day: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`paying-buyer:${storeId}:${buyerId}`}))`;
  const inserted = await tx.$executeRaw`
    INSERT INTO "StoreDailyBuyer" ("storeId", day, "buyerId", "prevDay")
    VALUES (${storeId}, ${day}::date, ${buyerId},
            (SELECT max(day) FROM "StoreDailyBuyer" WHERE "storeId" = ${storeId} AND "buyerId" = ${buyerId} AND day < ${day}::date))
    ON CONFLICT DO NOTHING`;
  if (inserted === 0) return;
  await tx.$executeRaw`
    UPDATE "StoreDailyBuyer" SET "prevDay" = ${day}::date
     WHERE "storeId" = ${storeId} AND "buyerId" = ${buyerId}
       AND day = (SELECT min(day) FROM "StoreDailyBuyer" WHERE "storeId" = ${storeId} AND "buyerId" = ${buyerId} AND day > ${day}::date)`;
}

/** True when shippedAt is more than the shipping promise after paidAt. */
export function isLateShipment(paidAt: Date | null, shippedAt: Date): boolean {
  return paidAt !== null && shippedAt.getTime() - paidAt.getTime() > SHIP_PROMISE_HOURS * 3_600_000;
}

async function recordShipped(tx: Tx, e: OrderTransitionEvent) {
  const o = e.order ?? (await tx.order.findUniqueOrThrow({ where: { id: e.orderId }, select: { storeId: true, paidAt: true, shippedAt: true } }));
  const shippedAt = o.shippedAt ?? e.at;
  const late = isLateShipment(o.paidAt, shippedAt) ? 1 : 0;
  await tx.$executeRaw`
    INSERT INTO "StoreDailyStat" ("storeId", day, "shippedOrders", "shippedLate")
    VALUES (${o.storeId}, ${shanghaiDay(shippedAt)}::date, 1, ${late})
    ON CONFLICT ("storeId", day) DO UPDATE
      SET "shippedOrders" = "StoreDailyStat"."shippedOrders" + EXCLUDED."shippedOrders",
          "shippedLate" = "StoreDailyStat"."shippedLate" + EXCLUDED."shippedLate"`;
}

export async function recordRefundMetrics(tx: Tx, e: RefundOutcomeEvent): Promise<void> {
  if (e.status !== "SUCCESS") return;
  if ((UNCOUNTED_REFUND_CAUSES as readonly string[]).includes(e.cause)) return;
  const refund = await tx.refund.findUniqueOrThrow({ where: { id: e.refundId }, select: { id: true, settledAt: true, order: { select: { storeId: true } } } });
  const settledAt = refund.settledAt ?? e.at;
  const storeId = refund.order.storeId;
  // Refunded orders, not refunds: an order counts once, on the day of its earliest successful
  // refund (by settledAt, then id). The caller has already locked the order (it added to
  // refundedFen), so two refunds of one order settling at once see each other here.
  const first = await tx.refund.findFirst({
    where: { orderId: e.orderId, status: "SUCCESS", id: { not: e.refundId }, cause: { notIn: [...UNCOUNTED_REFUND_CAUSES] } },
    select: { id: true, settledAt: true },
    orderBy: [{ settledAt: "asc" }, { id: "asc" }],
  });
  const isFirst = !first || earlier({ at: settledAt, id: refund.id }, { at: first.settledAt ?? settledAt, id: first.id });
  const changes = new Map<string, { refunds: number; refundFen: number }>([[shanghaiDay(settledAt), { refunds: isFirst ? 1 : 0, refundFen: e.amountFen }]]);
  if (first && isFirst) {
    // WeChat Pay settled this one before the refund counted so far (their notices crossed):
    // the order's refunded day moves to this refund's day.
    const was = shanghaiDay(first.settledAt ?? settledAt);
    const c = changes.get(was) ?? { refunds: 0, refundFen: 0 };
    changes.set(was, { ...c, refunds: c.refunds - 1 });
  }
  for (const [day, c] of [...changes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await tx.$executeRaw`
      INSERT INTO "StoreDailyStat" ("storeId", day, refunds, "refundFen")
      VALUES (${storeId}, ${day}::date, ${c.refunds}, ${c.refundFen})
      ON CONFLICT ("storeId", day) DO UPDATE
        SET refunds = "StoreDailyStat".refunds + EXCLUDED.refunds,
            "refundFen" = "StoreDailyStat"."refundFen" + EXCLUDED."refundFen"`;
  }
}

const earlier = (a: { at: Date; id: string }, b: { at: Date; id: string }) => a.at.getTime() < b.at.getTime() || (a.at.getTime() === b.at.getTime() && a.id < b.id);

/** A complaint was escalated to the platform (counts towards the store's complaint rate). */
export async function recordComplaintOpened(tx: Tx, e: { storeId: string; at: Date }): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "StoreDailyStat" ("storeId", day, complaints)
    VALUES (${e.storeId}, ${shanghaiDay(e.at)}::date, 1)
    ON CONFLICT ("storeId", day) DO UPDATE SET complaints = "StoreDailyStat".complaints + 1`;
}
