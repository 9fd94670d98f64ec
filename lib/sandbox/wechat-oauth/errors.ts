import "server-only";
// WeChat's documented error codes for web OAuth2, as the sandbox answers them. The API
// endpoints reply HTTP 200 with { errcode, errmsg }, exactly as api.weixin.qq.com does.
import crypto from "node:crypto";

export const wechatApiErrors = {
  [-1]: "system error",
  40001: "invalid credential, access_token is invalid or not latest",
  40002: "invalid grant_type",
  40003: "invalid openid",
  40013: "invalid appid",
  40014: "invalid access_token",
  40029: "invalid code",
  40030: "invalid refresh_token",
  40125: "invalid appsecret",
  40163: "code been used",
  41001: "access_token missing",
  41002: "appid missing",
  41003: "refresh_token missing",
  41004: "appsecret missing",
  41008: "missing code",
  41009: "missing openid",
  42001: "access_token expired",
  42002: "refresh_token expired",
  48001: "api unauthorized",
} as const;
export type WechatApiErrcode = keyof typeof wechatApiErrors;

/** An error answer of the sandbox's WeChat API. */
export class SandboxWechatError extends Error {
  readonly errmsg: string;
  constructor(public readonly errcode: WechatApiErrcode) {
    // WeChat appends a request id ("…, rid: 6583f22d-35b1b023-4a6d02b6") to every errmsg.
    const rid = [4, 4, 4].map((n) => crypto.randomBytes(n).toString("hex")).join("-");
    const errmsg = `${wechatApiErrors[errcode]}, rid: ${rid}`;
    super(`WeChat sandbox error ${errcode}: ${errmsg}`);
    this.name = "SandboxWechatError";
    this.errmsg = errmsg;
  }

  toJSON() {
    return { errcode: this.errcode, errmsg: this.errmsg };
  }
}

export const wxError = (code: WechatApiErrcode) => new SandboxWechatError(code);

/**
 * Errors the authorize page shows instead of redirecting (WeChat's own page codes). The page
 * prints the code and a translated message (sandbox.authorizeErrors.<code>).
 */
export const authorizePageErrors = {
  /** redirect_uri is not on the app's authorised domain (or is not an http(s) URL). */
  10003: "redirect_uri domain mismatch",
  /** The app has no permission for this scope (unknown scope). */
  10005: "invalid scope",
  /** A malformed parameter (response_type other than "code"). */
  10008: "invalid parameter",
  10010: "scope missing",
  10011: "redirect_uri missing",
  10012: "appid missing",
  40013: "invalid appid",
} as const;
export type AuthorizePageErrcode = keyof typeof authorizePageErrors;
