import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
// The WeChat Pay API v3 adapter behind the payments gateway. In service-provider mode (the
// default) every order, query, close and refund goes through the partner API and names the
// store's sub-merchant (sub_mchid); in direct mode, the merchant's own API.
import type { PaymentsGateway } from "../gateway";
import { isWechatPayError, PaymentInputError, WechatPayVerificationError } from "../errors";
import type {
  CreateH5PaymentInput,
  CreateJsapiPaymentInput,
  CreatePaymentInput,
  HeaderSource,
  JsapiPayParams,
  Payee,
  NotificationResult,
  PaymentRefund,
  PaymentTransaction,
  RefundInput,
  BillLink,
  ShareOrder,
  ShareOrderInput,
  ShareReturn,
  ShareReturnInput,
} from "../types";
import { WechatPayClient } from "./client";
import type { WechatPayMerchantConfig } from "./config";
import { encryptSensitive, newNonce, paySignMessage, signSha256Rsa, toWechatTime, unixSeconds } from "./crypto";
import { billLinkJson, refundJson, shareOrderJson, shareReturnJson, toRefund, toShareOrder, toShareReturn, toTransaction, transactionJson } from "./mapping";
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

const SUB_MCH_ID = /^\d{8,12}$/;
/** out_order_no / out_return_no of profit sharing. */
export const OUT_ORDER_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;
const BILL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const toBillLink = (j: z.output<typeof billLinkJson>): BillLink => ({ hashType: j.hash_type, hashValue: j.hash_value, downloadUrl: j.download_url });

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

  get mode() {
    return this.config.mode;
  }

  private get partner() {
    return this.config.mode === "service_provider";
  }

  /** The sub-merchant a partner call is about (checked); null in direct mode. */
  private subMch(payee: Payee | undefined): string | null {
    if (!this.partner) return null;
    const id = payee?.subMchId ?? "";
    check(SUB_MCH_ID.test(id), "subMchId", "subMchId (the store's sub-merchant id, 8–12 digits) is required in service-provider mode");
    return id;
  }

  /** The query string naming the merchant (direct) or the service provider and sub-merchant. */
  private merchantQuery(payee: Payee | undefined): Record<string, string> {
    const sub = this.subMch(payee);
    return sub ? { sp_mchid: this.config.mchId, sub_mchid: sub } : { mchid: this.config.mchId };
  }

  private transactionsPath(rest: string) {
    return `${this.partner ? "/v3/pay/partner/transactions" : "/v3/pay/transactions"}${rest}`;
  }

  notifyUrl(path: string): string {
    return `${this.config.notifyBaseUrl}${path.startsWith("/") ? "" : "/"}${path}`;
  }

  private orderBody(input: CreatePaymentInput) {
    const sub = this.subMch(input);
    const who = sub ? { sp_appid: this.config.appId, sp_mchid: this.config.mchId, sub_mchid: sub } : { appid: this.config.appId, mchid: this.config.mchId };
    return {
      ...who,
      description: input.description,
      out_trade_no: input.outTradeNo,
      ...(input.timeExpire ? { time_expire: toWechatTime(input.timeExpire) } : {}),
      ...(input.attach !== undefined ? { attach: input.attach } : {}),
      notify_url: input.notifyUrl,
      // The money stays frozen in the store's account until the platform shares its fee and
      // unfreezes the rest (lib/payments/settlement.ts).
      ...(sub ? { settle_info: { profit_sharing: input.profitSharing ?? true } } : {}),
      amount: { total: input.amountFen, currency: "CNY" },
    };
  }

  async createJsapiPayment(input: CreateJsapiPaymentInput): Promise<{ prepayId: string }> {
    checkCommon(input);
    check(input.payerOpenid.length > 0 && input.payerOpenid.length <= 128, "payerOpenid", "payerOpenid is required");
    // The buyer signed in through our app (the sp_appid in service-provider mode): sp_openid.
    const payer = this.partner ? { sp_openid: input.payerOpenid } : { openid: input.payerOpenid };
    const res = await this.client.request<{ prepay_id?: unknown }>("POST", this.transactionsPath("/jsapi"), {
      body: { ...this.orderBody(input), payer },
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
    const res = await this.client.request<{ h5_url?: unknown }>("POST", this.transactionsPath("/h5"), {
      body: { ...this.orderBody(input), scene_info: { payer_client_ip: input.payerClientIp, h5_info: { type: "Wap" } } },
    });
    if (typeof res.data?.h5_url !== "string" || !res.data.h5_url) throw new WechatPayVerificationError("malformed", "H5 order answered without h5_url");
    return { h5Url: res.data.h5_url };
  }

  async queryByOutTradeNo(outTradeNo: string, payee?: Payee): Promise<PaymentTransaction | null> {
    check(OUT_TRADE_NO.test(outTradeNo), "outTradeNo", "outTradeNo must be 6–32 characters of letters, digits, _ - | *");
    return this.query(this.transactionsPath(`/out-trade-no/${encodeURIComponent(outTradeNo)}`), payee);
  }

  async queryByTransactionId(transactionId: string, payee?: Payee): Promise<PaymentTransaction | null> {
    check(/^[0-9A-Za-z]{1,32}$/.test(transactionId), "transactionId", "transactionId must be 1–32 letters or digits");
    return this.query(this.transactionsPath(`/id/${encodeURIComponent(transactionId)}`), payee);
  }

  private async query(path: string, payee: Payee | undefined): Promise<PaymentTransaction | null> {
    const query = this.merchantQuery(payee);
    try {
      const res = await this.client.request<unknown>("GET", path, { query });
      return toTransaction(verified(transactionJson, res.data, "order"));
    } catch (e) {
      if (isWechatPayError(e, "ORDER_NOT_EXIST")) return null;
      throw e;
    }
  }

  async closeOrder(outTradeNo: string, payee?: Payee): Promise<void> {
    check(OUT_TRADE_NO.test(outTradeNo), "outTradeNo", "outTradeNo must be 6–32 characters of letters, digits, _ - | *");
    await this.client.request("POST", this.transactionsPath(`/out-trade-no/${encodeURIComponent(outTradeNo)}/close`), { body: this.merchantQuery(payee) });
  }

  async refund(input: RefundInput): Promise<PaymentRefund> {
    check(OUT_REFUND_NO.test(input.outRefundNo), "outRefundNo", "outRefundNo must be 1–64 characters of letters, digits, _ - | * @");
    checkAmount("amountFen", input.amountFen);
    checkAmount("totalFen", input.totalFen);
    check(input.amountFen <= input.totalFen, "amountFen", "a refund cannot exceed the payment's total");
    if (input.reason !== undefined) check(input.reason.length <= 80, "reason", "reason must be at most 80 characters");
    if (input.notifyUrl !== undefined) checkNotifyUrl(input.notifyUrl);
    check(Boolean(input.transactionId || input.outTradeNo), "outTradeNo", "outTradeNo or transactionId is required");
    const sub = this.subMch(input);
    const which = input.transactionId ? { transaction_id: input.transactionId } : { out_trade_no: input.outTradeNo };
    const res = await this.client.request<unknown>("POST", "/v3/refund/domestic/refunds", {
      body: {
        ...(sub ? { sub_mchid: sub } : {}),
        ...which,
        out_refund_no: input.outRefundNo,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.notifyUrl ? { notify_url: input.notifyUrl } : {}),
        amount: { refund: input.amountFen, total: input.totalFen, currency: "CNY" },
      },
    });
    return toRefund(verified(refundJson, res.data, "refund"));
  }

  async queryRefund(outRefundNo: string, payee?: Payee): Promise<PaymentRefund | null> {
    check(OUT_REFUND_NO.test(outRefundNo), "outRefundNo", "outRefundNo must be 1–64 characters of letters, digits, _ - | * @");
    const sub = this.subMch(payee);
    try {
      const res = await this.client.request<unknown>("GET", `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`, sub ? { query: { sub_mchid: sub } } : {});
      return toRefund(verified(refundJson, res.data, "refund"));
    } catch (e) {
      if (isWechatPayError(e, "RESOURCE_NOT_EXISTS")) return null;
      throw e;
    }
  }

  // ── Profit sharing (service-provider mode) ──

  private requirePartner(what: string) {
    check(this.partner, "mode", `${what} needs service-provider mode (WECHATPAY_MODE=service_provider)`);
  }

  async shareMaxRatio(subMchId: string): Promise<{ maxRatioBps: number }> {
    this.requirePartner("profit sharing");
    const sub = this.subMch({ subMchId });
    const res = await this.client.request<unknown>("GET", `/v3/profitsharing/merchant-configs/${encodeURIComponent(sub!)}`);
    const j = verified(z.object({ sub_mchid: z.string(), max_ratio: z.number().int().min(0).max(10_000) }), res.data, "merchant config");
    return { maxRatioBps: j.max_ratio };
  }

  async addShareReceiver(input: { subMchId: string; account: string; name: string }): Promise<void> {
    this.requirePartner("profit sharing");
    const sub = this.subMch(input);
    check(SUB_MCH_ID.test(input.account), "account", "account must be a merchant id");
    check(input.name.length > 0 && input.name.length <= 256, "name", "name (the receiver's full registered name) is required");
    // The name is sensitive: encrypted with WeChat Pay's key, which the request then names.
    await this.client.request("POST", "/v3/profitsharing/receivers/add", {
      headers: { "Wechatpay-Serial": this.config.platformSerial },
      body: { sub_mchid: sub, appid: this.config.appId, type: "MERCHANT_ID", account: input.account, name: encryptSensitive(this.config.platformPublicKey, input.name), relation_type: "SERVICE_PROVIDER" },
    });
  }

  async createShare(input: ShareOrderInput): Promise<ShareOrder> {
    this.requirePartner("profit sharing");
    const sub = this.subMch(input);
    check(OUT_ORDER_NO.test(input.outOrderNo), "outOrderNo", "outOrderNo must be 1–64 characters of letters, digits, _ - | * @");
    check(input.receivers.length > 0 && input.receivers.length <= 50, "receivers", "1–50 receivers");
    for (const r of input.receivers) {
      checkAmount("amountFen", r.amountFen);
      check(r.description.length > 0 && r.description.length <= 80, "description", "description must be 1–80 characters");
    }
    const res = await this.client.request<unknown>("POST", "/v3/profitsharing/orders", {
      body: {
        sub_mchid: sub,
        appid: this.config.appId,
        transaction_id: input.transactionId,
        out_order_no: input.outOrderNo,
        receivers: input.receivers.map((r) => ({ type: "MERCHANT_ID", account: r.account, amount: r.amountFen, description: r.description })),
        unfreeze_unsplit: input.unfreezeUnsplit,
      },
    });
    return toShareOrder(verified(shareOrderJson, res.data, "profit-sharing order"));
  }

  async queryShare(input: { subMchId: string; transactionId: string; outOrderNo: string }): Promise<ShareOrder | null> {
    this.requirePartner("profit sharing");
    const sub = this.subMch(input);
    check(OUT_ORDER_NO.test(input.outOrderNo), "outOrderNo", "outOrderNo must be 1–64 characters of letters, digits, _ - | * @");
    try {
      const res = await this.client.request<unknown>("GET", `/v3/profitsharing/orders/${encodeURIComponent(input.outOrderNo)}`, { query: { sub_mchid: sub!, transaction_id: input.transactionId } });
      return toShareOrder(verified(shareOrderJson, res.data, "profit-sharing order"));
    } catch (e) {
      if (isWechatPayError(e, "RESOURCE_NOT_EXISTS")) return null;
      throw e;
    }
  }

  async unfreeze(input: { subMchId: string; transactionId: string; outOrderNo: string; description: string }): Promise<ShareOrder> {
    this.requirePartner("profit sharing");
    const sub = this.subMch(input);
    check(OUT_ORDER_NO.test(input.outOrderNo), "outOrderNo", "outOrderNo must be 1–64 characters of letters, digits, _ - | * @");
    check(input.description.length > 0 && input.description.length <= 80, "description", "description must be 1–80 characters");
    const res = await this.client.request<unknown>("POST", "/v3/profitsharing/orders/unfreeze", {
      body: { sub_mchid: sub, transaction_id: input.transactionId, out_order_no: input.outOrderNo, description: input.description },
    });
    return toShareOrder(verified(shareOrderJson, res.data, "profit-sharing order"));
  }

  async returnShare(input: ShareReturnInput): Promise<ShareReturn> {
    this.requirePartner("profit sharing");
    const sub = this.subMch(input);
    check(OUT_ORDER_NO.test(input.outReturnNo), "outReturnNo", "outReturnNo must be 1–64 characters of letters, digits, _ - | * @");
    checkAmount("amountFen", input.amountFen);
    check(input.description.length > 0 && input.description.length <= 80, "description", "description must be 1–80 characters");
    const res = await this.client.request<unknown>("POST", "/v3/profitsharing/return-orders", {
      body: { sub_mchid: sub, out_order_no: input.outOrderNo, out_return_no: input.outReturnNo, return_mchid: input.returnMchId, amount: input.amountFen, description: input.description },
    });
    return toShareReturn(verified(shareReturnJson, res.data, "profit-sharing return"));
  }

  async queryShareReturn(input: { subMchId: string; outOrderNo: string; outReturnNo: string }): Promise<ShareReturn | null> {
    this.requirePartner("profit sharing");
    const sub = this.subMch(input);
    try {
      const res = await this.client.request<unknown>("GET", `/v3/profitsharing/return-orders/${encodeURIComponent(input.outReturnNo)}`, { query: { sub_mchid: sub!, out_order_no: input.outOrderNo } });
      return toShareReturn(verified(shareReturnJson, res.data, "profit-sharing return"));
    } catch (e) {
      if (isWechatPayError(e, "RESOURCE_NOT_EXISTS")) return null;
      throw e;
    }
  }

  async unsplitAmount(transactionId: string): Promise<number> {
    this.requirePartner("profit sharing");
    check(/^[0-9A-Za-z]{1,32}$/.test(transactionId), "transactionId", "transactionId must be 1–32 letters or digits");
    const res = await this.client.request<unknown>("GET", `/v3/profitsharing/transactions/${encodeURIComponent(transactionId)}/amounts`);
    return verified(z.object({ transaction_id: z.string(), unsplit_amount: z.number().int().min(0) }), res.data, "unsplit amount").unsplit_amount;
  }

  // ── Bills ──

  /** A day's trade bill; a service provider's without subMchId covers all its sub-merchants. */
  async tradeBill(input: { billDate: string } & Payee): Promise<BillLink> {
    check(BILL_DATE.test(input.billDate), "billDate", "billDate must be YYYY-MM-DD");
    const sub = input.subMchId ? this.subMch(input) : null;
    const res = await this.client.request<unknown>("GET", "/v3/bill/tradebill", { query: { bill_date: input.billDate, ...(sub ? { sub_mchid: sub } : {}), bill_type: "ALL" } });
    return toBillLink(verified(billLinkJson, res.data, "bill"));
  }

  /** GET /v3/profitsharing/bills: one sub-merchant's, or (without subMchId) every sub-merchant's of the service provider. */
  async profitSharingBill(input: { billDate: string; subMchId?: string }): Promise<BillLink> {
    this.requirePartner("profit sharing");
    check(BILL_DATE.test(input.billDate), "billDate", "billDate must be YYYY-MM-DD");
    const sub = input.subMchId ? this.subMch({ subMchId: input.subMchId }) : null;
    const res = await this.client.request<unknown>("GET", "/v3/profitsharing/bills", { query: { ...(sub ? { sub_mchid: sub } : {}), bill_date: input.billDate } });
    return toBillLink(verified(billLinkJson, res.data, "bill"));
  }

  /** A bill's file, checked against the hash its (signed) link came with. */
  async downloadBill(link: BillLink): Promise<Buffer> {
    check(link.hashType === "SHA1", "hashType", `unsupported bill hash ${link.hashType}`);
    const bytes = await this.client.download(link.downloadUrl);
    const sha1 = crypto.createHash("sha1").update(bytes).digest("hex");
    if (sha1.toLowerCase() !== link.hashValue.toLowerCase()) throw new WechatPayVerificationError("malformed", "the bill's SHA1 does not match its hash_value");
    return bytes;
  }

  parseNotification(input: { headers: HeaderSource; body: string }, now = Date.now()): NotificationResult {
    return parseWechatPayNotification(
      input,
      { platformSerial: this.config.platformSerial, platformPublicKey: this.config.platformPublicKey, apiV3Key: this.config.apiV3Key },
      now,
    );
  }
}
