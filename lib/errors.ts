// Typed application errors. Only AppErrors reach users (as a code and a message);
// anything else is logged and shown as a generic failure.

export const errorStatus = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  STALE: 409,
  INVALID_STATE: 409,
  STORE_NOT_OPEN: 409,
  SOLD_OUT: 409,
  INSUFFICIENT_STOCK: 409,
  UNSUPPORTED_MEDIA: 415,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  IDEMPOTENCY_MISMATCH: 422,
  BUY_LIMIT: 409,
  /** The coupon chosen is used, expired, voided or does not apply to this order. */
  COUPON_UNAVAILABLE: 409,
  /** What the order costs changed from what the buyer was shown (a sale began, ended or ran out; a price was edited). */
  PRICE_CHANGED: 409,
  /** The buyer holds as many unpaid orders (or unpaid units of a SKU) as a store allows: pay or cancel first. */
  UNPAID_LIMIT: 409,
  PAYMENT_FAILED: 502,
  /** A service we depend on (WeChat) gave no usable answer; the request may be retried. */
  UPSTREAM_FAILED: 502,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: { fieldErrors?: FieldErrors; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.details = opts.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what = "Not found") => new AppError("NOT_FOUND", what);
export const invalid = (fieldErrors: FieldErrors, message = "Please correct the highlighted fields.") =>
  new AppError("VALIDATION", message, { fieldErrors });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
