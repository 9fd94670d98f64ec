import "server-only";
// The payments module's one interface. The app creates, queries, closes and refunds payments
// and verifies notifications only through this; the WeChat Pay API v3 adapter implements it.
// Sandbox ↔ production is configuration (WECHATPAY_BASE_URL and keys), never code.
//
//   const gw = getPaymentsGateway();
//   const { prepayId } = await gw.createJsapiPayment({ outTradeNo, description, amountFen, payerOpenid,
//                                                     notifyUrl: gw.notifyUrl("/api/payments/wechatpay/notify") });
//   const params = gw.jsapiPayParams(prepayId);             // → WeixinJSBridge getBrandWCPayRequest
//   const r = gw.parseNotification({ headers: req.headers, body: await req.text() });
//   if (!r.ok) return new Response(null, { status: 401 });   // r.reason says why
//
// Errors (lib/payments/errors.ts): WechatPayError {status, code, message} when WeChat Pay said
// no (branch on code: ORDERPAID, ORDER_CLOSED, OUT_TRADE_NO_USED, INVALID_REQUEST, NOT_ENOUGH…),
// WechatPayTransportError (timeout/network: outcome unknown, query before retrying),
// WechatPayVerificationError (an answer we could not prove came from WeChat Pay),
// PaymentInputError (bad input, nothing sent). `isRetryable(e)` tells which are worth retrying.
import { env, type Env } from "@/lib/env";
import type {
  CreateH5PaymentInput,
  CreateJsapiPaymentInput,
  HeaderSource,
  JsapiPayParams,
  NotificationResult,
  Payee,
  PaymentRefund,
  PaymentTransaction,
  RefundInput,
  BillLink,
  ShareOrder,
  ShareOrderInput,
  ShareReturn,
  ShareReturnInput,
} from "./types";
import { WechatPayGateway } from "./wechatpay/adapter";
import { merchantConfig } from "./wechatpay/config";

export type * from "./types";
export * from "./errors";

export interface PaymentsGateway {
  readonly provider: "wechatpay";
  /** The appid and merchant id payments are made under (check notifications against them). */
  readonly appId: string;
  readonly mchId: string;
  /**
   * service_provider: the platform (appId, mchId = sp_appid, sp_mchid) takes payments into each
   * store's own sub-merchant account (Payee.subMchId, required then); direct: into mchId.
   */
  readonly mode: "service_provider" | "direct";

  /** An absolute notify_url for one of our routes, e.g. notifyUrl("/api/payments/wechatpay/notify"). */
  notifyUrl(path: string): string;

  /** POST /v3/pay/transactions/jsapi (…/partner/… in service-provider mode). Same outTradeNo and same parameters → the same prepay id. */
  createJsapiPayment(input: CreateJsapiPaymentInput): Promise<{ prepayId: string }>;
  /** The signed parameters for WeixinJSBridge getBrandWCPayRequest (no request is made). */
  jsapiPayParams(prepayId: string): JsapiPayParams;
  /** POST /v3/pay/transactions/h5; the buyer's browser goes to h5Url (append &redirect_url=…). */
  createH5Payment(input: CreateH5PaymentInput): Promise<{ h5Url: string }>;

  /** The order as WeChat Pay sees it; null when it has no such order (ORDER_NOT_EXIST). */
  queryByOutTradeNo(outTradeNo: string, payee?: Payee): Promise<PaymentTransaction | null>;
  /** The same by WeChat Pay's transaction id (paid orders only); null for ORDER_NOT_EXIST. */
  queryByTransactionId(transactionId: string, payee?: Payee): Promise<PaymentTransaction | null>;
  /** Closes an unpaid order (idempotent). A paid one throws WechatPayError code ORDERPAID. */
  closeOrder(outTradeNo: string, payee?: Payee): Promise<void>;

  /** Requests a (partial) refund; status is usually PROCESSING, settled by a REFUND.* notification. */
  refund(input: RefundInput): Promise<PaymentRefund>;
  /** null when WeChat Pay has no such refund (RESOURCE_NOT_EXISTS). */
  queryRefund(outRefundNo: string, payee?: Payee): Promise<PaymentRefund | null>;

  // ── Profit sharing (分账), service-provider mode only ──

  /** GET /v3/profitsharing/merchant-configs/{sub_mchid}: the most the platform may share of the sub-merchant's orders. NO_AUTH when not bound. */
  shareMaxRatio(subMchId: string): Promise<{ maxRatioBps: number }>;
  /** POST /v3/profitsharing/receivers/add: `account` (the platform) receives shares of the sub-merchant's orders. Idempotent. */
  addShareReceiver(input: { subMchId: string; account: string; name: string }): Promise<void>;
  /** POST /v3/profitsharing/orders. The same outOrderNo is the same request. */
  createShare(input: ShareOrderInput): Promise<ShareOrder>;
  /** GET /v3/profitsharing/orders/{out_order_no}; null when WeChat Pay has no such order. */
  queryShare(input: { subMchId: string; transactionId: string; outOrderNo: string }): Promise<ShareOrder | null>;
  /** POST /v3/profitsharing/orders/unfreeze: whatever is still frozen goes to the sub-merchant. */
  unfreeze(input: { subMchId: string; transactionId: string; outOrderNo: string; description: string }): Promise<ShareOrder>;
  /** POST /v3/profitsharing/return-orders: a share comes back from its receiver (before refunding it). */
  returnShare(input: ShareReturnInput): Promise<ShareReturn>;
  queryShareReturn(input: { subMchId: string; outOrderNo: string; outReturnNo: string }): Promise<ShareReturn | null>;
  /** GET /v3/profitsharing/transactions/{transaction_id}/amounts: what is still frozen. */
  unsplitAmount(transactionId: string): Promise<number>;

  // ── Bills ──

  /** GET /v3/bill/tradebill (the sub-merchant's in service-provider mode): a day's payments and refunds. */
  tradeBill(input: { billDate: string } & Payee): Promise<BillLink>;
  /** GET /v3/profitsharing/bills: a day's profit sharing, of one sub-merchant or (without subMchId) of all. */
  profitSharingBill(input: { billDate: string; subMchId?: string }): Promise<BillLink>;
  /** Downloads a bill and checks it against its hash. */
  downloadBill(link: BillLink): Promise<Buffer>;

  /** Verifies and decrypts a notification: the request's headers and its raw body text. */
  parseNotification(input: { headers: HeaderSource; body: string }): NotificationResult;
}

const holder = new WeakMap<Env, PaymentsGateway>();

/** The process's gateway, configured from env() (rebuilt when tests reset the environment). */
export function getPaymentsGateway(): PaymentsGateway {
  const e = env();
  let gw = holder.get(e);
  if (!gw) holder.set(e, (gw = new WechatPayGateway(merchantConfig())));
  return gw;
}
