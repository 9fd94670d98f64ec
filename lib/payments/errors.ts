// Errors of the payments gateway, one class per way a call can fail, so callers branch with
// `instanceof` (or `e.kind`) and, for WeChat Pay's own answers, on `e.code`:
//
//   try { await gw.closeOrder(no) }
//   catch (e) { if (isWechatPayError(e, "ORDERPAID")) … else if (isRetryable(e)) … else throw e }

export type PaymentErrorKind = "api" | "transport" | "verification" | "input";

export abstract class PaymentGatewayError extends Error {
  abstract readonly kind: PaymentErrorKind;
  /** Worth trying again later with the same parameters (network trouble, 5xx, rate limits). */
  abstract readonly retryable: boolean;
}

/** Codes WeChat Pay API v3 answers with (others may come; `code` is then just a string). */
export type WechatPayErrorCode =
  | "PARAM_ERROR"
  | "INVALID_REQUEST"
  | "SIGN_ERROR"
  | "APPID_MCHID_NOT_MATCH"
  | "MCH_NOT_EXISTS"
  | "NO_AUTH"
  | "OUT_TRADE_NO_USED"
  | "ORDERPAID"
  | "ORDER_CLOSED"
  | "ORDER_NOT_EXIST"
  | "RESOURCE_NOT_EXISTS"
  | "NOT_ENOUGH"
  | "USERPAYING"
  | "TRADE_ERROR"
  | "RULE_LIMIT"
  | "FREQUENCY_LIMITED"
  | "SYSTEM_ERROR"
  | "BANK_ERROR";

/** WeChat Pay answered with an error: HTTP status, its code and message (JSON `{code, message, detail?}`). */
export class WechatPayError extends PaymentGatewayError {
  readonly kind = "api" as const;
  constructor(
    readonly status: number,
    readonly code: WechatPayErrorCode | (string & {}),
    message: string,
    readonly opts: { detail?: unknown; requestId?: string | null; /** The error response carried a valid platform signature. */ signed?: boolean } = {},
  ) {
    super(message);
    this.name = "WechatPayError";
  }
  get detail() {
    return this.opts.detail;
  }
  get requestId() {
    return this.opts.requestId ?? null;
  }
  get retryable() {
    return this.status >= 500 || this.code === "FREQUENCY_LIMITED" || this.code === "SYSTEM_ERROR" || this.code === "BANK_ERROR";
  }
}

/** No usable answer: the request timed out or the network failed. The outcome is unknown. */
export class WechatPayTransportError extends PaymentGatewayError {
  readonly kind = "transport" as const;
  readonly retryable = true;
  constructor(
    readonly reason: "timeout" | "network",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "WechatPayTransportError";
  }
}

export type VerificationFailure = "missing_headers" | "unknown_serial" | "stale_timestamp" | "bad_signature" | "malformed";

/** An answer that did not come from WeChat Pay as far as we can prove, or that we cannot read. */
export class WechatPayVerificationError extends PaymentGatewayError {
  readonly kind = "verification" as const;
  readonly retryable = false;
  constructor(
    readonly reason: VerificationFailure,
    message: string,
  ) {
    super(message);
    this.name = "WechatPayVerificationError";
  }
}

/** The caller passed something WeChat Pay would refuse (checked before any request is sent). */
export class PaymentInputError extends PaymentGatewayError {
  readonly kind = "input" as const;
  readonly retryable = false;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "PaymentInputError";
  }
}

export function isWechatPayError(e: unknown, code?: WechatPayErrorCode | (string & {})): e is WechatPayError {
  return e instanceof WechatPayError && (code === undefined || e.code === code);
}

export function isRetryable(e: unknown): boolean {
  return e instanceof PaymentGatewayError && e.retryable;
}
