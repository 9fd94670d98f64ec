// The payments gateway's vocabulary: what the app passes in and gets back. Amounts are integer
// fen, times are Dates, currency is CNY. Field names follow WeChat Pay API v3 in camelCase.

export type TradeState = "SUCCESS" | "REFUND" | "NOTPAY" | "CLOSED" | "REVOKED" | "USERPAYING" | "PAYERROR";
export type RefundStatus = "SUCCESS" | "CLOSED" | "PROCESSING" | "ABNORMAL";

export interface CreatePaymentInput {
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
  appId: string;
  mchId: string;
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

export type RefundInput = {
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
  mchId: string;
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
