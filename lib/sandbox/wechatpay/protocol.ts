import "server-only";
// The sandbox's API v3 protocol layer, as api.mch.weixin.qq.com behaves: the Authorization
// signature is checked before anything else (401 SIGN_ERROR), every answer — errors included —
// is signed with the platform key (Wechatpay-Timestamp/-Nonce/-Signature/-Serial over
// "TIMESTAMP\nNONCE\nBODY\n") and carries a Request-ID, errors are JSON {code, message, detail?}.
import crypto, { type KeyObject } from "node:crypto";
import { log } from "@/lib/log";
import { MAX_CLOCK_SKEW_SECONDS } from "@/lib/payments/wechatpay/client";
import { type WechatPaySandboxConfig, sandboxConfig } from "@/lib/payments/wechatpay/config";
import { newNonce, parseAuthorization, requestMessage, responseMessage, signSha256Rsa, unixSeconds, verifySha256Rsa } from "@/lib/payments/wechatpay/crypto";
import { sandboxPayOff } from "./gate";
import { readText } from "@/lib/http";

/** An error answer of the sandbox's API (status, WeChat's code, message, optional detail). */
export class PayApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "PayApiError";
  }
  toJSON() {
    return { code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

export const apiErrors = {
  param: (message: string, detail?: Record<string, unknown>) => new PayApiError(400, "PARAM_ERROR", message, detail),
  invalidRequest: (message: string) => new PayApiError(400, "INVALID_REQUEST", message),
  appidMismatch: () => new PayApiError(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配"),
  orderPaid: () => new PayApiError(400, "ORDERPAID", "该订单已支付"),
  orderClosed: () => new PayApiError(400, "ORDER_CLOSED", "该订单已关闭"),
  outTradeNoUsed: () => new PayApiError(403, "OUT_TRADE_NO_USED", "商户订单号重复"),
  orderNotExist: () => new PayApiError(404, "ORDER_NOT_EXIST", "订单不存在"),
  resourceNotExists: (message = "订单不存在") => new PayApiError(404, "RESOURCE_NOT_EXISTS", message),
  /** A sub_mchid not bound to the service provider. */
  noRelation: () => new PayApiError(403, "NO_AUTH", "受理关系不存在"),
  sign: (message: string, detail?: Record<string, unknown>) => new PayApiError(401, "SIGN_ERROR", message, detail),
  system: () => new PayApiError(500, "SYSTEM_ERROR", "系统错误"),
};

/** A Request-ID in WeChat's shape. */
const newRequestId = () => `${crypto.randomBytes(18).toString("hex").toUpperCase()}-0`;

/** The platform signature headers for `body`, signed with `key` (the platform key unless a fault says otherwise). */
export function platformSignatureHeaders(body: string, cfg: Pick<WechatPaySandboxConfig, "platformSerial" | "platformPrivateKey">, key?: KeyObject, now = Date.now()) {
  const timestamp = String(unixSeconds(now));
  const nonce = newNonce();
  return {
    "Wechatpay-Nonce": nonce,
    "Wechatpay-Signature": signSha256Rsa(key ?? cfg.platformPrivateKey, responseMessage(timestamp, nonce, body)),
    "Wechatpay-Timestamp": timestamp,
    "Wechatpay-Serial": cfg.platformSerial,
    "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
  };
}

/** A signed answer: JSON body, or 204 with an empty one. */
export function signedResponse(status: number, body: object | null, cfg: WechatPaySandboxConfig = sandboxConfig()): Response {
  const text = body === null ? "" : JSON.stringify(body);
  const headers: Record<string, string> = {
    ...platformSignatureHeaders(text, cfg),
    "Request-ID": newRequestId(),
    "Cache-Control": "no-store",
    Server: "nginx",
  };
  if (body !== null) headers["Content-Type"] = "application/json; charset=utf-8";
  return new Response(status === 204 ? null : text, { status, headers });
}

/**
 * Checks a request's Authorization against the merchant we know: scheme and parameters,
 * mchid, serial_no, a timestamp within 5 minutes, and the signature over the request line's
 * path and query as received plus the raw body. Returns the error to answer, or null.
 */
export function checkRequestSignature(req: Request, rawBody: string, cfg: WechatPaySandboxConfig, now = Date.now()): PayApiError | null {
  const auth = parseAuthorization(req.headers.get("authorization"));
  if (!auth) return apiErrors.sign("Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》", { location: "authorization", field: "authorization" });
  if (auth.mchid !== cfg.mchId) return apiErrors.sign("商户号与签名信息不匹配", { location: "authorization", field: "mchid" });
  if (auth.serial_no.toUpperCase() !== cfg.merchantSerial.toUpperCase()) {
    return apiErrors.sign("商户证书序列号有误。请使用签名私钥匹配的证书序列号", { location: "authorization", field: "serial_no" });
  }
  if (!/^\d{1,12}$/.test(auth.timestamp) || Math.abs(Number(auth.timestamp) - unixSeconds(now)) > MAX_CLOCK_SKEW_SECONDS) {
    return apiErrors.sign("错误的签名时间戳，请检查系统时间", { location: "authorization", field: "timestamp" });
  }
  const url = new URL(req.url);
  const message = requestMessage(req.method, url.pathname + url.search, auth.timestamp, auth.nonce_str, rawBody);
  if (!verifySha256Rsa(cfg.merchantPublicKey, message, auth.signature)) {
    return apiErrors.sign("签名错误，请检查后再试", {
      location: "authorization",
      field: "signature",
      detail: { issue: "sign not match" },
      sign_information: { method: req.method, url: url.pathname + url.search, sign_message_length: Buffer.byteLength(message), truncated_sign_message: message.slice(0, 64) },
    });
  }
  return null;
}

export interface PayApiContext<P> {
  req: Request;
  url: URL;
  /** The parsed JSON body of a POST (undefined for GET). */
  body: unknown;
  params: P;
  cfg: WechatPaySandboxConfig;
}

export type PayApiResult = { status: 200 | 404; body: object } | { status: 204 } | { status: "raw"; response: Response };

/** Wraps one v3 endpoint: 404 when the sandbox is off, signature check, JSON parse, signed answer. */
export function payApiRoute<P extends Record<string, string> = Record<string, never>>(handler: (ctx: PayApiContext<P>) => Promise<PayApiResult>) {
  return async (req: Request, routeCtx?: { params?: Promise<P> }): Promise<Response> => {
    const off = sandboxPayOff();
    if (off) return off;
    const cfg = sandboxConfig();
    try {
      const rawBody = req.method === "GET" ? "" : await readText(req).catch(() => {
        throw apiErrors.param("请求体过大", { location: "body" });
      });
      const authError = checkRequestSignature(req, rawBody, cfg);
      if (authError) return signedResponse(authError.status, authError.toJSON(), cfg);
      let body: unknown = undefined;
      if (req.method !== "GET") {
        try {
          body = JSON.parse(rawBody);
        } catch {
          throw apiErrors.param("请求体格式错误，不是合法的JSON", { location: "body" });
        }
      }
      const params = ((await routeCtx?.params) ?? {}) as P;
      const result = await handler({ req, url: new URL(req.url), body, params, cfg });
      // A bill file is answered as it is, unsigned, like WeChat Pay's download.
      if (result.status === "raw") return result.response;
      return result.status === 204 ? signedResponse(204, null, cfg) : signedResponse(result.status, result.body, cfg);
    } catch (e) {
      if (e instanceof PayApiError) return signedResponse(e.status, e.toJSON(), cfg);
      log.error("wechatpay sandbox failed", { error: e });
      return signedResponse(500, apiErrors.system().toJSON(), cfg);
    }
  };
}
