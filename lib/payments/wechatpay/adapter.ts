import "server-only";
// The WeChat Pay API v3 adapter behind the payments gateway (direct-merchant mode).
import type { PaymentsGateway } from "../gateway";
import { isWechatPayError, PaymentInputError, WechatPayVerificationError } from "../errors";
import type {
  CreateH5PaymentInput,
  CreateJsapiPaymentInput,
  CreatePaymentInput,
  HeaderSource,
  JsapiPayParams,
  NotificationResult,
  PaymentRefund,
  PaymentTransaction,
  RefundInput,
} from "../types";
import { WechatPayClient } from "./client";
import type { WechatPayMerchantConfig } from "./config";
import { newNonce, paySignMessage, signSha256Rsa, toWechatTime, unixSeconds } from "./crypto";
import { refundJson, toRefund, toTransaction, transactionJson } from "./mapping";
import { parseWechatPayNotification } from "./notifications";

/** out_trade_no / out_refund_no as WeChat Pay accepts them. */
export const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
export const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;

function check(ok: boolean, field: string, message: string) {
  if (!ok) throw new PaymentInputError(field, message);
}

function checkAmount(field: string, fen: number) {
  check(Number.isSafeInteger(fen) && fen > 0, field, `${field} must be a positive whole number of fen`);
}

function checkNotifyUrl(url: string, field = "notifyUrl") {
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    // reported below
  }
  check(!!u && (u.protocol === "https:" || u.protocol === "http:") && !u.search && url.length <= 255, field, `${field} must be an absolute http(s) URL without a query, at most 255 characters`);
}

function checkCommon(input: CreatePaymentInput) {
  check(OUT_TRADE_NO.test(input.outTradeNo), "outTradeNo", "outTradeNo must be 6–32 characters of letters, digits, _ - | *");
  check(input.description.length > 0 && input.description.length <= 127, "description", "description must be 1–127 characters");
  checkAmount("amountFen", input.amountFen);
  checkNotifyUrl(input.notifyUrl);
  if (input.attach !== undefined) check(input.attach.length <= 128, "attach", "attach must be at most 128 characters");
  if (input.timeExpire !== undefined) check(!Number.isNaN(input.timeExpire.getTime()), "timeExpire", "timeExpire must be a valid date");
}

function verified<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, data: unknown, what: string): T {
  const r = schema.safeParse(data);
  if (!r.success) throw new WechatPayVerificationError("malformed", `WeChat Pay's ${what} is not in the documented shape`);
  return r.data;
}

export class WechatPayGateway implements PaymentsGateway {
  readonly provider = "wechatpay" as const;
  private readonly client: WechatPayClient;

  constructor(
    private readonly config: WechatPayMerchantConfig,
    opts: { fetch?: typeof fetch } = {},
  ) {
    this.client = new WechatPayClient({
      baseUrl: config.baseUrl,
      mchId: config.mchId,
      merchantSerial: config.merchantSerial,
      merchantPrivateKey: config.merchantPrivateKey,
      platformSerial: config.platformSerial,
      platformPublicKey: config.platformPublicKey,
      timeoutMs: config.timeoutMs,
      fetch: opts.fetch,
    });
  }

  get appId() {
    return this.config.appId;
  }

  get mchId() {
    return this.config.mchId;
  }

  notifyUrl(path: string): string {
    return `${this.config.notifyBaseUrl}${path.startsWith("/") ? "" : "/"}${path}`;
  }

  private orderBody(input: CreatePaymentInput) {
    return {
      appid: this.config.appId,
      mchid: this.config.mchId,
      description: input.description,
      out_trade_no: input.outTradeNo,
      ...(input.timeExpire ? { time_expire: toWechatTime(input.timeExpire) } : {}),
      ...(input.attach !== undefined ? { attach: input.attach } : {}),
      notify_url: input.notifyUrl,
      amount: { total: input.amountFen, currency: "CNY" },
    };
  }

  async createJsapiPayment(input: CreateJsapiPaymentInput): Promise<{ prepayId: string }> {
    checkCommon(input);
    check(input.payerOpenid.length > 0 && input.payerOpenid.length <= 128, "payerOpenid", "payerOpenid is required");
    const res = await this.client.request<{ prepay_id?: unknown }>("POST", "/v3/pay/transactions/jsapi", {
      body: { ...this.orderBody(input), payer: { openid: input.payerOpenid } },
    });
    if (typeof res.data?.prepay_id !== "string" || !res.data.prepay_id) throw new WechatPayVerificationError("malformed", "JSAPI order answered without prepay_id");
    return { prepayId: res.data.prepay_id };
  }

  jsapiPayParams(prepayId: string, now = Date.now()): JsapiPayParams {
    check(prepayId.length > 0 && prepayId.length <= 64, "prepayId", "prepayId is required");
    const timeStamp = String(unixSeconds(now));
    const nonceStr = newNonce();
    const pkg = `prepay_id=${prepayId}`;
    const paySign = signSha256Rsa(this.config.merchantPrivateKey, paySignMessage(this.config.appId, timeStamp, nonceStr, pkg));
    return { appId: this.config.appId, timeStamp, nonceStr, package: pkg, signType: "RSA", paySign };
  }

  async createH5Payment(input: CreateH5PaymentInput): Promise<{ h5Url: string }> {
    checkCommon(input);
    check(input.payerClientIp.length > 0 && input.payerClientIp.length <= 45, "payerClientIp", "payerClientIp is required");
    const res = await this.client.request<{ h5_url?: unknown }>("POST", "/v3/pay/transactions/h5", {
      body: { ...this.orderBody(input), scene_info: { payer_client_ip: input.payerClientIp, h5_info: { type: "Wap" } } },
    });
    if (typeof res.data?.h5_url !== "string" || !res.data.h5_url) throw new WechatPayVerificationError("malformed", "H5 order answered without h5_url");
    return { h5Url: res.data.h5_url };
  }

  async queryByOutTradeNo(outTradeNo: string): Promise<PaymentTransaction | null> {
    check(OUT_TRADE_NO.test(outTradeNo), "outTradeNo", "outTradeNo must be 6–32 characters of letters, digits, _ - | *");
    return this.query(`/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}`);
  }

  async queryByTransactionId(transactionId: string): Promise<PaymentTransaction | null> {
    check(/^[0-9A-Za-z]{1,32}$/.test(transactionId), "transactionId", "transactionId must be 1–32 letters or digits");
    return this.query(`/v3/pay/transactions/id/${encodeURIComponent(transactionId)}`);
  }

  private async query(path: string): Promise<PaymentTransaction | null> {
    try {
      const res = await this.client.request<unknown>("GET", path, { query: { mchid: this.config.mchId } });
      return toTransaction(verified(transactionJson, res.data, "order"));
    } catch (e) {
      if (isWechatPayError(e, "ORDER_NOT_EXIST")) return null;
      throw e;
    }
  }

  async closeOrder(outTradeNo: string): Promise<void> {
    check(OUT_TRADE_NO.test(outTradeNo), "outTradeNo", "outTradeNo must be 6–32 characters of letters, digits, _ - | *");
    await this.client.request("POST", `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { body: { mchid: this.config.mchId } });
  }

  async refund(input: RefundInput): Promise<PaymentRefund> {
    check(OUT_REFUND_NO.test(input.outRefundNo), "outRefundNo", "outRefundNo must be 1–64 characters of letters, digits, _ - | * @");
    checkAmount("amountFen", input.amountFen);
    checkAmount("totalFen", input.totalFen);
    check(input.amountFen <= input.totalFen, "amountFen", "a refund cannot exceed the payment's total");
    if (input.reason !== undefined) check(input.reason.length <= 80, "reason", "reason must be at most 80 characters");
    if (input.notifyUrl !== undefined) checkNotifyUrl(input.notifyUrl);
    check(Boolean(input.transactionId || input.outTradeNo), "outTradeNo", "outTradeNo or transactionId is required");
    const which = input.transactionId ? { transaction_id: input.transactionId } : { out_trade_no: input.outTradeNo };
    const res = await this.client.request<unknown>("POST", "/v3/refund/domestic/refunds", {
      body: {
        ...which,
        out_refund_no: input.outRefundNo,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.notifyUrl ? { notify_url: input.notifyUrl } : {}),
        amount: { refund: input.amountFen, total: input.totalFen, currency: "CNY" },
      },
    });
    return toRefund(verified(refundJson, res.data, "refund"));
  }

  async queryRefund(outRefundNo: string): Promise<PaymentRefund | null> {
    check(OUT_REFUND_NO.test(outRefundNo), "outRefundNo", "outRefundNo must be 1–64 characters of letters, digits, _ - | * @");
    try {
      const res = await this.client.request<unknown>("GET", `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
      return toRefund(verified(refundJson, res.data, "refund"));
    } catch (e) {
      if (isWechatPayError(e, "RESOURCE_NOT_EXISTS")) return null;
      throw e;
    }
  }

  parseNotification(input: { headers: HeaderSource; body: string }, now = Date.now()): NotificationResult {
    return parseWechatPayNotification(
      input,
      { platformSerial: this.config.platformSerial, platformPublicKey: this.config.platformPublicKey, apiV3Key: this.config.apiV3Key },
      now,
    );
  }
}
