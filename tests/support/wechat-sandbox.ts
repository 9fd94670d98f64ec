// The WeChat OAuth sandbox driven in-process: its route handlers are plain functions, so
// "HTTP" to it is a Request in and a Response out. Use inside a file that called useTestDatabase().
import { GET as accessTokenGET } from "@/app/sandbox/wechat/sns/oauth2/access_token/route";
import { GET as refreshTokenGET } from "@/app/sandbox/wechat/sns/oauth2/refresh_token/route";
import { GET as userInfoGET } from "@/app/sandbox/wechat/sns/userinfo/route";
import { GET as snsAuthGET } from "@/app/sandbox/wechat/sns/auth/route";
import { env } from "@/lib/env";
import { approveAuthorization, type WechatScope } from "@/lib/sandbox/wechat-oauth/authorize";

export const sandboxApiRoutes: Record<string, (req: Request) => Promise<Response>> = {
  "/sandbox/wechat/sns/oauth2/access_token": accessTokenGET,
  "/sandbox/wechat/sns/oauth2/refresh_token": refreshTokenGET,
  "/sandbox/wechat/sns/userinfo": userInfoGET,
  "/sandbox/wechat/sns/auth": snsAuthGET,
};

/** GET a sandbox API endpoint with a query; the parsed JSON body. */
export async function callSandbox(path: string, query: Record<string, string>): Promise<Record<string, unknown>> {
  const handler = sandboxApiRoutes[path];
  if (!handler) throw new Error(`no sandbox route ${path}`);
  const res = await handler(new Request(`${env().APP_URL}${path}?${new URLSearchParams(query)}`));
  if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${path}`);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * A `fetch` that routes requests for the sandbox's API (at env().WECHAT_API_BASE_URL) to its
 * route handlers, as the network would; anything else is a 404.
 */
export const sandboxFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  const handler = url.origin === new URL(env().WECHAT_API_BASE_URL).origin ? sandboxApiRoutes[url.pathname] : undefined;
  if (!handler) return new Response("Not found", { status: 404 });
  return handler(new Request(url, init));
};

/** A tester who pressed "Allow" on the consent page (a new sandbox user unless openid is given). */
export async function authorizeCode(opts: { scope?: WechatScope; nickname?: string; openid?: string; state?: string } = {}) {
  const e = env();
  const request = { appid: e.WECHAT_APP_ID, redirectUri: `${e.APP_URL}/api/auth/callback/wechat`, scope: opts.scope ?? "snsapi_userinfo", state: opts.state ?? "st4te" };
  const who = opts.openid ? { openid: opts.openid } : { newUser: { nickname: opts.nickname ?? "测试用户" } };
  return approveAuthorization(request, who);
}

/** The app's credentials for the token endpoint. */
export function appCredentials() {
  return { appid: env().WECHAT_APP_ID, secret: env().WECHAT_APP_SECRET };
}
