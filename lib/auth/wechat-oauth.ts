import "server-only";
// WeChat web OAuth2 client: /connect/oauth2/authorize → code → /sns/oauth2/access_token →
// openid → /sns/userinfo. Hosts come from env (the built-in sandbox by default).
import { z } from "zod";
import { env } from "@/lib/env";

/** Our errcode for no usable answer (network, timeout, not JSON, not the expected shape). */
const TRANSPORT_ERRCODE = -1;

export class WechatOAuthError extends Error {
  constructor(
    public readonly errcode: number,
    public readonly errmsg: string,
  ) {
    super(`WeChat OAuth error ${errcode}: ${errmsg}`);
    this.name = "WechatOAuthError";
  }

  /** WeChat answered, with an error about what we sent (a bad or used code); not a failure to reach it or to read its answer. */
  get refused(): boolean {
    return this.errcode !== TRANSPORT_ERRCODE;
  }
}

export const wechatScopes = ["snsapi_base", "snsapi_userinfo"] as const;

/** The exact authorize URL WeChat documents: parameter order matters to it, and the fragment too. */
export function wechatAuthorizeUrl(opts: { redirectUri: string; state: string; scope?: (typeof wechatScopes)[number] }) {
  const e = env();
  const q = new URLSearchParams();
  q.set("appid", e.WECHAT_APP_ID);
  q.set("redirect_uri", opts.redirectUri);
  q.set("response_type", "code");
  q.set("scope", opts.scope ?? "snsapi_userinfo");
  q.set("state", opts.state);
  return `${e.WECHAT_OAUTH_BASE_URL}/connect/oauth2/authorize?${q}#wechat_redirect`;
}

const errorBody = z.object({ errcode: z.number(), errmsg: z.string() });

const tokenBody = z.object({
  access_token: z.string().min(1),
  expires_in: z.number(),
  refresh_token: z.string(),
  openid: z.string().min(1),
  scope: z.string(),
  unionid: z.string().optional(),
});
export type WechatTokens = z.infer<typeof tokenBody>;

const userInfoBody = z.object({
  openid: z.string().min(1),
  nickname: z.string(),
  headimgurl: z.string().optional().default(""),
  unionid: z.string().optional(),
});
export type WechatUserInfo = z.infer<typeof userInfoBody>;

async function getJson<T>(url: string, parser: z.ZodType<T>): Promise<T> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { cache: "no-store", signal: AbortSignal.timeout(10_000) });
    text = await res.text();
  } catch (e) {
    throw new WechatOAuthError(TRANSPORT_ERRCODE, `request failed: ${(e as Error).message}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new WechatOAuthError(TRANSPORT_ERRCODE, `non-JSON response (HTTP ${res.status})`);
  }
  const err = errorBody.safeParse(body);
  if (err.success && err.data.errcode !== 0) throw new WechatOAuthError(err.data.errcode, err.data.errmsg);
  const ok = parser.safeParse(body);
  if (!ok.success) throw new WechatOAuthError(TRANSPORT_ERRCODE, `unexpected response: ${ok.error.message}`);
  return ok.data;
}

export function exchangeCode(code: string): Promise<WechatTokens> {
  const e = env();
  const q = new URLSearchParams({ appid: e.WECHAT_APP_ID, secret: e.WECHAT_APP_SECRET, code, grant_type: "authorization_code" });
  return getJson(`${e.WECHAT_API_BASE_URL}/sns/oauth2/access_token?${q}`, tokenBody);
}

export function fetchUserInfo(accessToken: string, openid: string): Promise<WechatUserInfo> {
  const q = new URLSearchParams({ access_token: accessToken, openid, lang: "zh_CN" });
  return getJson(`${env().WECHAT_API_BASE_URL}/sns/userinfo?${q}`, userInfoBody);
}
