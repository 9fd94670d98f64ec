import "server-only";
// The order state machine: the only place an order's status changes. Every transition is
// a conditional UPDATE on the expected status (two racing transitions cannot both win)
// plus an event in the order's trail, in the caller's transaction.
import type { Tx } from "@/lib/db/client";
import type { OrderStatus } from "@/lib/db/generated/enums";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

export type OrderTransition = "PAY" | "CANCEL" | "SHIP" | "CONFIRM" | "CLOSE";
export type ActorKind = "BUYER" | "SELLER" | "ADMIN" | "SYSTEM" | "PAYMENT";

export const orderTransitions: Record<OrderTransition, { from: OrderStatus[]; to: OrderStatus }> = {
  PAY: { from: ["PENDING_PAYMENT"], to: "PAID" },
  CANCEL: { from: ["PENDING_PAYMENT"], to: "CANCELLED" },
  SHIP: { from: ["PAID"], to: "SHIPPED" },
  CONFIRM: { from: ["SHIPPED"], to: "COMPLETED" },
  // Every line refunded after payment (WeChat's "closed by after-sale").
  CLOSE: { from: ["PAID", "SHIPPED", "COMPLETED"], to: "CLOSED" },
};

export function canTransition(from: OrderStatus, t: OrderTransition): boolean {
  return orderTransitions[t].from.includes(from);
}

/**
 * Applies `transition` if the order is in one of its source states. Returns the previous
 * status, or null when the order was not in a source state (already moved on): callers
 * decide whether that is an error (a user's click) or fine (a retried job).
 */
export async function tryTransition(
  tx: Tx,
  opts: {
    orderId: string;
    transition: OrderTransition;
    actorKind: ActorKind;
    actorId?: string | null;
    data?: Prisma.OrderUpdateManyMutationInput;
    event?: Prisma.InputJsonValue;
    /**
     * The caller's own writes for a transition that happens, run before the hooks: their last
     * step locks the store's daily rollup row, which every payment of the store that day
     * updates, so anything after it would hold that lock longer (see lib/orders/hooks.ts).
     */
    applied?: () => Promise<void>;
  },
): Promise<OrderStatus | null> {
  const rule = orderTransitions[opts.transition];
  // A transition with one source state is one guarded UPDATE; with several, the status is read
  // first so the trail can say which one it left. Either way the UPDATE returns what the hooks
  // need, so they do not read the order again.
  let from: OrderStatus;
  if (rule.from.length === 1) {
    from = rule.from[0];
  } else {
    const current = await tx.order.findUnique({ where: { id: opts.orderId }, select: { status: true } });
    if (!current) throw new AppError("NOT_FOUND", "Order not found");
    if (!rule.from.includes(current.status)) return null;
    from = current.status;
  }
  const [order] = await tx.order.updateManyAndReturn({ where: { id: opts.orderId, status: from }, data: { ...opts.data, status: rule.to }, select: orderSnapshotSelect });
  if (!order) {
    if (rule.from.length === 1 && !(await tx.order.findUnique({ where: { id: opts.orderId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "Order not found");
    return null;
  }
  await tx.orderEvent.create({
    data: {
      orderId: opts.orderId,
      type: opts.transition,
      fromStatus: from,
      toStatus: rule.to,
      actorKind: opts.actorKind,
      actorId: opts.actorId ?? null,
      data: opts.event ?? Prisma.JsonNull,
    },
  });
  await opts.applied?.();
  const { afterOrderTransition } = await import("./hooks");
  await afterOrderTransition(tx, { orderId: opts.orderId, transition: opts.transition, from, to: rule.to, at: new Date(), order });
  return from;
}

/** What the transition hooks (notifications, metrics) read of the order, as the transition left it. */
const orderSnapshotSelect = { orderNo: true, storeId: true, buyerId: true, totalFen: true, paidAt: true, shippedAt: true, couponClaimId: true } as const;
export type OrderSnapshot = Prisma.OrderGetPayload<{ select: typeof orderSnapshotSelect }>;

/** Like tryTransition, but a wrong state is the caller's error (INVALID_STATE). */
export async function transition(tx: Tx, opts: Parameters<typeof tryTransition>[1]): Promise<OrderStatus> {
  const from = await tryTransition(tx, opts);
  if (!from) throw new AppError("INVALID_STATE", `The order cannot be ${opts.transition.toLowerCase()}ed now.`, { details: { messageKey: `orderCannot${opts.transition}` } });
  return from;
}

/** An event that does not change the status (payment started, note, refund requested…). */
export async function recordOrderEvent(tx: Tx, opts: { orderId: string; type: string; actorKind: ActorKind; actorId?: string | null; data?: Prisma.InputJsonValue }) {
  await tx.orderEvent.create({ data: { orderId: opts.orderId, type: opts.type, actorKind: opts.actorKind, actorId: opts.actorId ?? null, data: opts.data ?? Prisma.JsonNull } });
}
