// Our WeChat OAuth client against the built-in sandbox. fetch is routed in-process to the
// sandbox's route handlers (HTTP without the network), not mocked.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { exchangeCode, fetchUserInfo, WechatOAuthError, wechatAuthorizeUrl } from "@/lib/auth/wechat-oauth";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { validateAuthorizeRequest } from "@/lib/sandbox/wechat-oauth/authorize";
import { useTestDatabase } from "../../support/db";
import { authorizeCode, sandboxFetch } from "../../support/wechat-sandbox";

useTestDatabase();

beforeAll(() => {
  vi.stubGlobal("fetch", sandboxFetch);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

async function wechatError(p: Promise<unknown>): Promise<WechatOAuthError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WechatOAuthError);
  return e as WechatOAuthError;
}

describe("wechatAuthorizeUrl", () => {
  it("builds the URL WeChat documents, which the sandbox's page accepts", () => {
    const e = env();
    const url = wechatAuthorizeUrl({ redirectUri: `${e.APP_URL}/api/auth/callback/wechat`, state: "xyz" });
    expect(url).toBe(
      `${e.APP_URL}/sandbox/wechat/connect/oauth2/authorize?appid=${e.WECHAT_APP_ID}&redirect_uri=${encodeURIComponent(`${e.APP_URL}/api/auth/callback/wechat`)}&response_type=code&scope=snsapi_userinfo&state=xyz#wechat_redirect`,
    );
    expect(validateAuthorizeRequest(new URL(url).searchParams, { appId: e.WECHAT_APP_ID, appUrl: e.APP_URL })).toMatchObject({ ok: true });
  });
});

describe("exchangeCode and fetchUserInfo", () => {
  it("turn an approved code into tokens and the user's profile", async () => {
    const { code, openid } = await authorizeCode({ nickname: "陈小姐" });
    const tokens = await exchangeCode(code);
    expect(tokens).toMatchObject({ openid, scope: "snsapi_userinfo", expires_in: 7200 });
    const sandboxUser = await getDb().sandboxWechatUser.findUniqueOrThrow({ where: { openid } });
    expect(tokens.unionid).toBe(sandboxUser.unionid);
    const info = await fetchUserInfo(tokens.access_token, tokens.openid);
    expect(info).toEqual({ openid, nickname: "陈小姐", headimgurl: sandboxUser.headimgurl, unionid: sandboxUser.unionid });
  });

  it("map WeChat's error answers to WechatOAuthError with its errcode", async () => {
    const { code } = await authorizeCode();
    await exchangeCode(code);
    expect((await wechatError(exchangeCode(code))).errcode).toBe(40163);
    expect((await wechatError(exchangeCode("unknownCode00000000000000000000"))).errcode).toBe(40029);
    expect((await wechatError(exchangeCode(""))).errcode).toBe(41008);

    const base = await exchangeCode((await authorizeCode({ scope: "snsapi_base" })).code);
    const denied = await wechatError(fetchUserInfo(base.access_token, base.openid));
    expect(denied.errcode).toBe(48001);
    expect(denied.errmsg).toContain("api unauthorized");
    expect((await wechatError(fetchUserInfo("neverIssuedButWellFormed0000", base.openid))).errcode).toBe(40001);
  });

  it("reports a non-JSON answer or a network failure as errcode -1", async () => {
    vi.stubGlobal("fetch", async () => new Response("<html>502 Bad Gateway</html>", { status: 502 }));
    const e = await wechatError(exchangeCode("whatever"));
    expect(e.errcode).toBe(-1);
    expect(e.errmsg).toContain("HTTP 502");
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("fetch failed");
    });
    expect((await wechatError(fetchUserInfo("t", "o"))).errcode).toBe(-1);
    vi.stubGlobal("fetch", sandboxFetch);
  });
});
