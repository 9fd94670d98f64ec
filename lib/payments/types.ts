// The payments gateway's vocabulary: what the app passes in and gets back. Amounts are integer
// fen, times are Dates, currency is CNY. Field names follow WeChat Pay API v3 in camelCase.

export type TradeState = "SUCCESS" | "REFUND" | "NOTPAY" | "CLOSED" | "REVOKED" | "USERPAYING" | "PAYERROR";
export type RefundStatus = "SUCCESS" | "CLOSED" | "PROCESSING" | "ABNORMAL";

/**
 * Whose account a call is about. In service-provider mode every payment, query, close and
 * refund names the sub-merchant (特约商户) the money belongs to: the store's merchant id. In
 * direct mode there is one merchant and this is ignored.
 */
export interface Payee {
  subMchId?: string | null;
}

export interface CreatePaymentInput extends Payee {
  /** Our order's out_trade_no: 6–32 characters of [A-Za-z0-9_-|*], unique per merchant. */
  outTradeNo: string;
  /** Shown in the buyer's WeChat bill; at most 127 characters. */
  description: string;
  amountFen: number;
  /** Absolute https URL without a query (see PaymentsGateway.notifyUrl). */
  notifyUrl: string;
  /** After this the buyer can no longer pay; WeChat Pay does not close the order by itself. */
  timeExpire?: Date;
  /** Echoed back in queries and notifications; at most 128 characters. */
  attach?: string;
  /**
   * Service-provider mode: freeze the money for profit sharing (settle_info.profit_sharing);
   * true unless said otherwise. Ignored in direct mode.
   */
  profitSharing?: boolean;
}

export interface CreateJsapiPaymentInput extends CreatePaymentInput {
  payerOpenid: string;
}

export interface CreateH5PaymentInput extends CreatePaymentInput {
  payerClientIp: string;
}

/** The object WeixinJSBridge.invoke("getBrandWCPayRequest", …) takes. */
export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: "RSA";
  paySign: string;
}

export interface PaymentTransaction {
  /** appid (direct) or sp_appid (service provider). */
  appId: string;
  /** mchid (direct) or sp_mchid (service provider). */
  mchId: string;
  /** sub_mchid: the store's merchant account the money is in (service provider only). */
  subMchId: string | null;
  subAppId: string | null;
  outTradeNo: string;
  /** WeChat Pay's order number; null until paid. */
  transactionId: string | null;
  tradeType: string | null;
  tradeState: TradeState;
  tradeStateDesc: string;
  successTime: Date | null;
  payerOpenid: string | null;
  attach: string | null;
  bankType: string | null;
  amount: {
    totalFen: number | null;
    payerTotalFen: number | null;
    currency: string;
    payerCurrency: string;
  };
}

export type RefundInput = Payee & {
  outRefundNo: string;
  /** This refund (≤ what is left of the payment). */
  amountFen: number;
  /** The original payment's total. */
  totalFen: number;
  reason?: string;
  /** Where REFUND.* notifications go; without it WeChat Pay sends none. */
  notifyUrl?: string;
} & ({ outTradeNo: string; transactionId?: undefined } | { transactionId: string; outTradeNo?: undefined });

export interface PaymentRefund {
  refundId: string;
  outRefundNo: string;
  transactionId: string;
  outTradeNo: string;
  channel: string | null;
  userReceivedAccount: string | null;
  status: RefundStatus;
  createTime: Date | null;
  successTime: Date | null;
  amount: {
    totalFen: number;
    refundFen: number;
    payerTotalFen: number | null;
    payerRefundFen: number | null;
    currency: string;
  };
}

/** The decrypted resource of a REFUND.* notification. */
export interface RefundNotice {
  /** mchid (direct) or sp_mchid (service provider). */
  mchId: string;
  subMchId: string | null;
  outTradeNo: string;
  transactionId: string;
  outRefundNo: string;
  refundId: string;
  status: RefundStatus;
  successTime: Date | null;
  userReceivedAccount: string | null;
  amount: { totalFen: number; refundFen: number; payerTotalFen: number | null; payerRefundFen: number | null };
}

interface NotificationBase {
  /** Unique per notification (resends carry the same id): the inbox key. */
  id: string;
  createTime: Date;
  resourceType: string;
  summary: string;
}

export interface TransactionNotification extends NotificationBase {
  kind: "transaction";
  eventType: "TRANSACTION.SUCCESS";
  transaction: PaymentTransaction;
}

export interface RefundNotification extends NotificationBase {
  kind: "refund";
  eventType: "REFUND.SUCCESS" | "REFUND.ABNORMAL" | "REFUND.CLOSED";
  refund: RefundNotice;
}

export type PaymentNotification = TransactionNotification | RefundNotification;

/** Why a notification was refused. Anything but ok means: answer 4xx and change nothing. */
export type NotificationRejectReason =
  | "missing_headers"
  | "unknown_serial"
  | "stale_timestamp"
  | "bad_signature"
  | "malformed"
  | "undecryptable";

export type NotificationResult =
  | { ok: true; notification: PaymentNotification }
  | { ok: false; reason: NotificationRejectReason; message: string };

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

// ── Profit sharing (分账), service-provider mode ──

/** A profit-sharing order's state: PROCESSING until every receiver's part is done. */
export type ShareState = "PROCESSING" | "FINISHED";
/** One receiver's part: PENDING, SUCCESS, or CLOSED (failed: failReason says why, the money stays with the store). */
export type ShareResult = "PENDING" | "SUCCESS" | "CLOSED";

export interface ShareReceiverInput {
  /** The receiving merchant id (MERCHANT_ID): the platform's own. */
  account: string;
  amountFen: number;
  /** At most 80 characters. */
  description: string;
}

export interface ShareOrderInput {
  subMchId: string;
  transactionId: string;
  /** Ours, 1–64 characters of [A-Za-z0-9_-|*@]: the same number is the same request. */
  outOrderNo: string;
  receivers: ShareReceiverInput[];
  /** Unfreeze what is left to the sub-merchant once shared. */
  unfreezeUnsplit: boolean;
}

export interface ShareOrder {
  subMchId: string;
  transactionId: string;
  outOrderNo: string;
  /** WeChat Pay's number for it. */
  orderId: string;
  state: ShareState;
  receivers: {
    /** MERCHANT_SELF: the unfreeze of what was left to the sub-merchant itself. */
    type: "MERCHANT_ID" | "PERSONAL_OPENID" | "PERSONAL_SUB_OPENID" | "MERCHANT_SELF" | (string & {});
    account: string;
    amountFen: number;
    description: string;
    result: ShareResult;
    failReason: string | null;
    detailId: string | null;
    createTime: Date | null;
    finishTime: Date | null;
  }[];
}

export interface ShareReturnInput {
  subMchId: string;
  /** The profit-sharing order the money was shared by. */
  outOrderNo: string;
  /** Ours, 1–64 characters: the same number is the same request. */
  outReturnNo: string;
  /** The receiver the money comes back from: the platform's merchant id. */
  returnMchId: string;
  amountFen: number;
  description: string;
}

export type ShareReturnResult = "PROCESSING" | "SUCCESS" | "FAILED";

export interface ShareReturn {
  subMchId: string;
  orderId: string;
  outOrderNo: string;
  outReturnNo: string;
  returnId: string;
  returnMchId: string;
  amountFen: number;
  description: string;
  result: ShareReturnResult;
  failReason: string | null;
  createTime: Date | null;
  finishTime: Date | null;
}

/** A bill to download: GET its downloadUrl (signed), then check the file's hash. */
export interface BillLink {
  hashType: "SHA1" | (string & {});
  hashValue: string;
  downloadUrl: string;
}
