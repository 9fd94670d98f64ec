import "server-only";
// Starting a WeChat Pay payment for an unpaid order: JSAPI inside WeChat (pay parameters
// for getBrandWCPayRequest) or H5 in another mobile browser (a cashier URL). A prepay id
// is reused while it is fresh, so asking twice does not create two trades.
import { requireRole, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { getPaymentsGateway, isWechatPayError, PaymentGatewayError, type JsapiPayParams } from "@/lib/payments/gateway";
import { recordOrderEvent } from "./state";

export const NOTIFY_PATH = "/api/payments/wechatpay/notify";
/** WeChat's prepay_id lives two hours; we renew well before. */
const PREPAY_REUSE_MS = 90 * 60_000;

export type PaymentStart = { tradeType: "JSAPI"; payParams: JsapiPayParams } | { tradeType: "H5"; h5Url: string };

/**
 * Records a trade just created at WeChat Pay, if the order is still unpaid. The order row is
 * locked, as a cancellation's status change locks it: either this attempt is in before the
 * cancellation commits (and the cancellation closes the trade, see cancelUnpaid), or the
 * cancellation came first, and then the trade is closed here and the buyer told.
 */
async function recordAttempt(data: { orderId: string; outTradeNo: string; tradeType: "JSAPI" | "H5"; amountFen: number; prepayId?: string; h5Url?: string }, buyerId: string, subMchId: string) {
  const recorded = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "Order" WHERE id = ${data.orderId} FOR UPDATE`;
    if (row?.status !== "PENDING_PAYMENT") return false;
    await tx.payment.create({ data });
    await recordOrderEvent(tx, { orderId: data.orderId, type: "PAYMENT_STARTED", actorKind: "BUYER", actorId: buyerId, data: { tradeType: data.tradeType } });
    return true;
  });
  if (recorded) return;
  await getPaymentsGateway()
    .closeOrder(data.outTradeNo, { subMchId })
    .catch((e) => {
      if (!isWechatPayError(e, "ORDER_CLOSED") && !isWechatPayError(e, "ORDER_NOT_EXIST") && !isWechatPayError(e, "ORDERPAID")) throw e;
    });
  throw new AppError("INVALID_STATE", "This order is not waiting for payment.", { details: { messageKey: "orderNotPayable" } });
}

export async function startPayment(actor: Actor | null, orderId: string, opts: { tradeType: "JSAPI" | "H5"; clientIp?: string }): Promise<PaymentStart> {
  const buyer = requireRole(actor, "BUYER");
  const order = await db.order.findFirst({
    where: { id: orderId, buyerId: buyer.userId },
    select: {
      id: true,
      status: true,
      outTradeNo: true,
      totalFen: true,
      payBy: true,
      store: { select: { name: true, mchId: true } },
      lines: { select: { title: true }, take: 1, orderBy: { id: "asc" } },
      buyer: { select: { wechatOpenId: true } },
    },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  if (order.status !== "PENDING_PAYMENT") throw new AppError("INVALID_STATE", "This order is not waiting for payment.", { details: { messageKey: "orderNotPayable" } });
  if (order.payBy.getTime() <= Date.now()) throw new AppError("INVALID_STATE", "The time to pay this order has run out.", { details: { messageKey: "orderPaymentExpired" } });

  const gw = getPaymentsGateway();
  // WeChat Pay binds an out_trade_no to the trade type it was first created with: an order
  // started in WeChat (JSAPI) cannot be paid from another browser (H5), and the reverse.
  const started = await db.payment.findFirst({ where: { orderId, status: "PENDING" }, select: { tradeType: true }, orderBy: { createdAt: "asc" } });
  if (started && started.tradeType !== opts.tradeType) {
    throw new AppError("INVALID_STATE", `Payment for this order was started with ${started.tradeType}; finish it there.`, {
      details: { messageKey: started.tradeType === "JSAPI" ? "payInWechat" : "payInBrowser" },
    });
  }
  const fresh = await db.payment.findFirst({
    where: { orderId, tradeType: opts.tradeType, status: "PENDING", createdAt: { gt: new Date(Date.now() - PREPAY_REUSE_MS) } },
    select: { prepayId: true, h5Url: true },
    orderBy: { createdAt: "desc" },
  });
  if (fresh?.prepayId && opts.tradeType === "JSAPI") return { tradeType: "JSAPI", payParams: gw.jsapiPayParams(fresh.prepayId) };
  if (fresh?.h5Url && opts.tradeType === "H5") return { tradeType: "H5", h5Url: fresh.h5Url };

  const description = `${order.store.name}-${order.lines[0]?.title ?? ""}`.slice(0, 120);
  // Service-provider mode: paid into the store's own sub-merchant account, frozen until settlement.
  const subMchId = order.store.mchId;
  const common = { outTradeNo: order.outTradeNo, description, amountFen: order.totalFen, notifyUrl: gw.notifyUrl(NOTIFY_PATH), timeExpire: order.payBy, subMchId };
  try {
    if (opts.tradeType === "JSAPI") {
      const openid = order.buyer.wechatOpenId;
      if (!openid) throw new AppError("INVALID_STATE", "Sign in with WeChat to pay with WeChat Pay.");
      const { prepayId } = await gw.createJsapiPayment({ ...common, payerOpenid: openid });
      await recordAttempt({ orderId, outTradeNo: order.outTradeNo, tradeType: "JSAPI", amountFen: order.totalFen, prepayId }, buyer.userId, subMchId);
      return { tradeType: "JSAPI", payParams: gw.jsapiPayParams(prepayId) };
    }
    const { h5Url } = await gw.createH5Payment({ ...common, payerClientIp: opts.clientIp ?? "127.0.0.1" });
    await recordAttempt({ orderId, outTradeNo: order.outTradeNo, tradeType: "H5", amountFen: order.totalFen, h5Url }, buyer.userId, subMchId);
    return { tradeType: "H5", h5Url };
  } catch (e) {
    if (isWechatPayError(e, "ORDERPAID")) throw new AppError("INVALID_STATE", "This order is already paid.", { details: { messageKey: "orderJustPaid" } });
    if (isWechatPayError(e, "ORDER_CLOSED")) throw new AppError("INVALID_STATE", "This order was closed.", { details: { messageKey: "orderNotPayable" } });
    // The store's sub-merchant is not (or no longer) bound to the platform: the buyer cannot pay
    // this store now. Its seller and the admins see why on the store's page (lib/stores/payments).
    if (isWechatPayError(e, "NO_AUTH")) {
      log.warn("payment refused: sub-merchant not bound", { orderId, subMchId });
      throw new AppError("STORE_NOT_OPEN", "This store cannot take payments yet.", { details: { messageKey: "storeCannotBePaid" } });
    }
    if (!(e instanceof PaymentGatewayError)) throw e; // ours (an AppError) or the database's: the caller's to answer
    // What WeChat Pay or the network said stays in the log: it can name hosts and internals.
    log.warn("payment start failed", { orderId, tradeType: opts.tradeType, kind: e.kind, error: e });
    throw new AppError("PAYMENT_FAILED", e.retryable ? "WeChat Pay could not start the payment. Please try again." : "WeChat Pay could not start the payment.", { details: { retryable: e.retryable } });
  }
}
