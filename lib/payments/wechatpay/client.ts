import "server-only";
// WeChat Pay API v3 over HTTP: every request signed with the merchant key
// (Authorization: WECHATPAY2-SHA256-RSA2048 …, over "METHOD\nPATH?QUERY\nTS\nNONCE\nBODY\n" where
// PATH is the path exactly as sent, base URL path included), every answer's Wechatpay-Signature
// verified with the platform key before its body is used, errors mapped to typed errors.
import type { KeyObject } from "node:crypto";
import { WechatPayError, WechatPayTransportError, WechatPayVerificationError } from "../errors";
import { formatAuthorization, newNonce, requestMessage, responseMessage, signSha256Rsa, unixSeconds, verifySha256Rsa } from "./crypto";

export interface WechatPayClientOptions {
  baseUrl: string;
  mchId: string;
  merchantSerial: string;
  merchantPrivateKey: KeyObject;
  platformSerial: string;
  platformPublicKey: KeyObject;
  timeoutMs: number;
  /** Defaults to the global fetch at call time. */
  fetch?: typeof fetch;
  userAgent?: string;
}

export interface WechatPayResponse<T> {
  status: number;
  data: T;
  requestId: string | null;
}

/** Allowed clock difference between us and WeChat Pay for signed messages. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

type HeaderGet = (name: string) => string | null;

/**
 * Checks a platform signature (of a response or a notification). Returns null when valid,
 * else why not.
 */
export function checkPlatformSignature(
  get: HeaderGet,
  body: string,
  platform: { serial: string; publicKey: KeyObject },
  now = Date.now(),
): { reason: "missing_headers" | "unknown_serial" | "stale_timestamp" | "bad_signature"; message: string } | null {
  const timestamp = get("wechatpay-timestamp");
  const nonce = get("wechatpay-nonce");
  const signature = get("wechatpay-signature");
  const serial = get("wechatpay-serial");
  if (!timestamp || !nonce || !signature || !serial) {
    return { reason: "missing_headers", message: "Wechatpay-Timestamp, -Nonce, -Signature and -Serial are required" };
  }
  // Exact match; a hex certificate serial is configured in any case but WeChat Pay sends it upper case.
  const expected = /^[0-9A-Fa-f]+$/.test(platform.serial) ? platform.serial.toUpperCase() : platform.serial;
  if (serial !== expected) {
    return { reason: "unknown_serial", message: `Wechatpay-Serial ${serial.slice(0, 80)} is not the configured platform key` };
  }
  if (!/^\d{1,12}$/.test(timestamp)) return { reason: "stale_timestamp", message: "Wechatpay-Timestamp is not a number of seconds" };
  if (Math.abs(Number(timestamp) - unixSeconds(now)) > MAX_CLOCK_SKEW_SECONDS) {
    return { reason: "stale_timestamp", message: "Wechatpay-Timestamp is more than 5 minutes off" };
  }
  const signatureType = get("wechatpay-signature-type");
  if (signatureType && signatureType !== "WECHATPAY2-SHA256-RSA2048") {
    return { reason: "bad_signature", message: `unsupported Wechatpay-Signature-Type ${signatureType.slice(0, 40)}` };
  }
  if (!verifySha256Rsa(platform.publicKey, responseMessage(timestamp, nonce, body), signature)) {
    return { reason: "bad_signature", message: "Wechatpay-Signature does not verify" };
  }
  return null;
}

export class WechatPayClient {
  constructor(private readonly opts: WechatPayClientOptions) {}

  /** The Authorization header for one request. `pathWithQuery` is the request target as sent. */
  authorization(method: string, pathWithQuery: string, body: string, now = Date.now()): string {
    const timestamp = String(unixSeconds(now));
    const nonce = newNonce();
    const signature = signSha256Rsa(this.opts.merchantPrivateKey, requestMessage(method, pathWithQuery, timestamp, nonce, body));
    return formatAuthorization({ mchid: this.opts.mchId, nonce_str: nonce, signature, timestamp, serial_no: this.opts.merchantSerial });
  }

  /**
   * Sends one signed request to `path` (e.g. "/v3/pay/transactions/jsapi") under the base URL.
   * 2xx: the verified JSON body (undefined for 204). Otherwise throws a typed error.
   */
  async request<T>(method: "GET" | "POST", path: string, opts: { query?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {}): Promise<WechatPayResponse<T>> {
    const url = new URL(this.opts.baseUrl + path);
    if (opts.query) for (const [k, v] of Object.entries(opts.query)) url.searchParams.set(k, v);
    const body = opts.body === undefined ? "" : JSON.stringify(opts.body);
    // What fetch puts on the request line is the serialized URL's path and query: sign exactly that.
    const headers: Record<string, string> = {
      Accept: "application/json",
      Authorization: this.authorization(method, url.pathname + url.search, body),
      "User-Agent": this.opts.userAgent ?? "LittleStore-WechatPay/1.0",
    };
    if (method === "POST") headers["Content-Type"] = "application/json";
    Object.assign(headers, opts.headers);

    const doFetch = this.opts.fetch ?? globalThis.fetch;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, { method, headers, body: method === "POST" ? body : undefined, signal: AbortSignal.timeout(this.opts.timeoutMs), redirect: "manual" });
      text = await res.text();
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
      throw new WechatPayTransportError(
        timedOut ? "timeout" : "network",
        timedOut ? `WeChat Pay did not answer ${method} ${url.pathname} within ${this.opts.timeoutMs} ms` : `WeChat Pay request ${method} ${url.pathname} failed`,
        { cause: e },
      );
    }

    const get: HeaderGet = (n) => res.headers.get(n);
    const requestId = get("request-id");
    const platform = { serial: this.opts.platformSerial, publicKey: this.opts.platformPublicKey };
    const ok = res.status >= 200 && res.status < 300;
    const signedAtAll = Boolean(get("wechatpay-signature"));

    // A success must be proven; an error is checked when signed (some gateway errors are not).
    if (ok || signedAtAll) {
      const failure = checkPlatformSignature(get, text, platform);
      if (failure) throw new WechatPayVerificationError(failure.reason, `Response to ${method} ${url.pathname} rejected: ${failure.message}`);
    }

    let json: unknown = undefined;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        if (ok) throw new WechatPayVerificationError("malformed", `Response to ${method} ${url.pathname} is not JSON`);
      }
    }
    if (!ok) {
      const err = (json ?? {}) as { code?: unknown; message?: unknown; detail?: unknown };
      throw new WechatPayError(
        res.status,
        typeof err.code === "string" ? err.code : `HTTP_${res.status}`,
        typeof err.message === "string" ? err.message : `WeChat Pay answered HTTP ${res.status}`,
        { detail: err.detail, requestId, signed: signedAtAll },
      );
    }
    return { status: res.status, data: json as T, requestId };
  }

  /**
   * Downloads a bill from the download_url WeChat Pay gave (a signed GET on its host). The file
   * carries no platform signature: the caller checks it against the hash that came with the
   * link, which was signed. Only URLs under the base URL are fetched (the link comes from an
   * answer we verified, but our signature must never go to another host).
   */
  async download(downloadUrl: string, maxBytes = 50 * 1024 * 1024): Promise<Buffer> {
    const url = new URL(downloadUrl);
    const base = new URL(this.opts.baseUrl);
    if (url.origin !== base.origin) throw new WechatPayVerificationError("malformed", `download_url is not on ${base.origin}`);
    const doFetch = this.opts.fetch ?? globalThis.fetch;
    let res: Response;
    let bytes: Buffer;
    try {
      res = await doFetch(url, {
        method: "GET",
        headers: { Accept: "*/*", Authorization: this.authorization("GET", url.pathname + url.search, ""), "User-Agent": this.opts.userAgent ?? "LittleStore-WechatPay/1.0" },
        signal: AbortSignal.timeout(this.opts.timeoutMs * 3),
        redirect: "manual",
      });
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      throw new WechatPayTransportError("network", `WeChat Pay bill download ${url.pathname} failed`, { cause: e });
    }
    if (res.status !== 200) {
      let code = `HTTP_${res.status}`;
      let message = `WeChat Pay answered HTTP ${res.status} to the bill download`;
      try {
        const j = JSON.parse(bytes.toString("utf8")) as { code?: unknown; message?: unknown };
        if (typeof j.code === "string") code = j.code;
        if (typeof j.message === "string") message = j.message;
      } catch {
        // not JSON
      }
      throw new WechatPayError(res.status, code, message, { requestId: res.headers.get("request-id") });
    }
    if (bytes.length > maxBytes) throw new WechatPayVerificationError("malformed", "bill is larger than expected");
    return bytes;
  }
}
