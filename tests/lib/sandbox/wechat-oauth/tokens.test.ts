// The sandbox's WeChat API (/sns/…), driven through its route handlers with real Requests.
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { useTestDatabase } from "../../../support/db";
import { appCredentials, authorizeCode, callSandbox, sandboxApiRoutes } from "../../../support/wechat-sandbox";

useTestDatabase();

const ACCESS_TOKEN = "/sandbox/wechat/sns/oauth2/access_token";
const REFRESH = "/sandbox/wechat/sns/oauth2/refresh_token";
const USERINFO = "/sandbox/wechat/sns/userinfo";
const AUTH = "/sandbox/wechat/sns/auth";

function exchange(code: string, over: Record<string, string> = {}) {
  return callSandbox(ACCESS_TOKEN, { ...appCredentials(), code, grant_type: "authorization_code", ...over });
}

async function tokenFor(opts: Parameters<typeof authorizeCode>[0] = {}) {
  const { code, openid } = await authorizeCode(opts);
  const body = await exchange(code);
  return { ...body, openid } as { access_token: string; refresh_token: string; openid: string; scope: string; unionid: string };
}

describe("GET /sns/oauth2/access_token", () => {
  it("exchanges a fresh code for a two-hour token bound to the user and scope", async () => {
    const { code, openid } = await authorizeCode({ nickname: "小红" });
    const body = await exchange(code);
    const user = await getDb().sandboxWechatUser.findUniqueOrThrow({ where: { openid } });
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      expires_in: 7200,
      refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      openid,
      scope: "snsapi_userinfo",
      unionid: user.unionid,
    });
    expect(body.access_token).not.toBe(body.refresh_token);
  });

  it("answers errors with HTTP 200 and a JSON errcode, as WeChat does", async () => {
    const res = await sandboxApiRoutes[ACCESS_TOKEN](new Request(`http://localhost:3000${ACCESS_TOKEN}?appid=wx0000000000000000`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ errcode: 40013, errmsg: expect.stringMatching(/^invalid appid, rid: /) });
  });

  it("checks the appid, the secret, the code and the grant type, in that order", async () => {
    const { code } = await authorizeCode();
    const { appid, secret } = appCredentials();
    const cases: [Record<string, string>, number][] = [
      [{ appid: "", secret, code, grant_type: "authorization_code" }, 41002],
      [{ appid: "wx0000000000000000", secret, code, grant_type: "authorization_code" }, 40013],
      [{ appid, secret: "", code, grant_type: "authorization_code" }, 41004],
      [{ appid, secret: `${secret}x`, code, grant_type: "authorization_code" }, 40125],
      [{ appid, secret, code: "", grant_type: "authorization_code" }, 41008],
      [{ appid, secret, code, grant_type: "client_credential" }, 40002],
      [{ appid, secret, code: "NoSuchCode0000000000000000000000", grant_type: "authorization_code" }, 40029],
    ];
    for (const [query, errcode] of cases) {
      expect(await callSandbox(ACCESS_TOKEN, query), JSON.stringify(query)).toMatchObject({ errcode });
    }
    // None of the failures spent the code.
    expect(await exchange(code)).toHaveProperty("access_token");
  });

  it("accepts a code once: the second exchange gets 40163 code been used", async () => {
    const { code, openid } = await authorizeCode();
    expect(await exchange(code)).toHaveProperty("access_token");
    expect(await exchange(code)).toMatchObject({ errcode: 40163, errmsg: expect.stringContaining("code been used") });
    expect(await getDb().sandboxOAuthToken.count({ where: { openid } })).toBe(1);
  });

  it("lets exactly one of two concurrent exchanges of one code win", async () => {
    const { code, openid } = await authorizeCode();
    const results = await Promise.all([exchange(code), exchange(code)]);
    const winners = results.filter((r) => "access_token" in r);
    const losers = results.filter((r) => r.errcode === 40163);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(await getDb().sandboxOAuthToken.findMany({ where: { openid }, select: { accessToken: true } })).toEqual([{ accessToken: winners[0].access_token }]);
  });

  it("refuses an expired code with 40029 and leaves it unused", async () => {
    const { code } = await authorizeCode();
    await getDb().sandboxOAuthCode.update({ where: { code }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await exchange(code)).toMatchObject({ errcode: 40029 });
    expect((await getDb().sandboxOAuthCode.findUniqueOrThrow({ where: { code } })).usedAt).toBeNull();
  });

  it("gives a code a five-minute life", async () => {
    const before = Date.now();
    const { code } = await authorizeCode();
    const row = await getDb().sandboxOAuthCode.findUniqueOrThrow({ where: { code } });
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(5 * 60 * 1000 - 50);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
  });

  it("treats a code issued to another app as unknown", async () => {
    const { code } = await authorizeCode();
    await getDb().sandboxOAuthCode.update({ where: { code }, data: { appId: "wx1111111111111111" } });
    expect(await exchange(code)).toMatchObject({ errcode: 40029 });
  });
});

describe("GET /sns/oauth2/refresh_token", () => {
  const refresh = (refresh_token: string, over: Record<string, string> = {}) =>
    callSandbox(REFRESH, { appid: appCredentials().appid, grant_type: "refresh_token", refresh_token, ...over });

  it("issues a new access token, retires the old one, and keeps the refresh token", async () => {
    const t = await tokenFor();
    const body = await refresh(t.refresh_token);
    expect(body).toEqual({ access_token: expect.any(String), expires_in: 7200, refresh_token: t.refresh_token, openid: t.openid, scope: "snsapi_userinfo" });
    expect(body.access_token).not.toBe(t.access_token);
    expect(await callSandbox(AUTH, { access_token: body.access_token as string, openid: t.openid })).toEqual({ errcode: 0, errmsg: "ok" });
    expect(await callSandbox(AUTH, { access_token: t.access_token, openid: t.openid })).toMatchObject({ errcode: 40001 });
  });

  it("revives an expired access token", async () => {
    const t = await tokenFor();
    await getDb().sandboxOAuthToken.update({ where: { accessToken: t.access_token }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await callSandbox(AUTH, { access_token: t.access_token, openid: t.openid })).toMatchObject({ errcode: 42001 });
    const body = await refresh(t.refresh_token);
    expect(await callSandbox(AUTH, { access_token: body.access_token as string, openid: t.openid })).toEqual({ errcode: 0, errmsg: "ok" });
  });

  it("hands two concurrent refreshes one and the same valid token", async () => {
    const t = await tokenFor();
    const [a, b] = await Promise.all([refresh(t.refresh_token), refresh(t.refresh_token)]);
    expect(a.access_token).toBe(b.access_token);
    expect(await callSandbox(AUTH, { access_token: a.access_token as string, openid: t.openid })).toEqual({ errcode: 0, errmsg: "ok" });
  });

  it("rejects a wrong appid, grant type, or a missing, unknown or expired refresh token", async () => {
    const t = await tokenFor();
    expect(await refresh(t.refresh_token, { appid: "" })).toMatchObject({ errcode: 41002 });
    expect(await refresh(t.refresh_token, { appid: "wx0000000000000000" })).toMatchObject({ errcode: 40013 });
    expect(await refresh(t.refresh_token, { grant_type: "authorization_code" })).toMatchObject({ errcode: 40002 });
    expect(await refresh("")).toMatchObject({ errcode: 41003 });
    expect(await refresh("not-a-refresh-token-we-issued-0000")).toMatchObject({ errcode: 40030 });
    expect(await refresh("bad token!")).toMatchObject({ errcode: 40030 });
    // Thirty days after the authorisation the refresh token is dead.
    await getDb().sandboxOAuthToken.update({ where: { refreshToken: t.refresh_token }, data: { createdAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) } });
    expect(await refresh(t.refresh_token)).toMatchObject({ errcode: 42002 });
  });
});

describe("GET /sns/userinfo", () => {
  it("returns the user's profile for a snsapi_userinfo token", async () => {
    const t = await tokenFor({ nickname: "小明 Ming" });
    const user = await getDb().sandboxWechatUser.findUniqueOrThrow({ where: { openid: t.openid } });
    const body = await callSandbox(USERINFO, { access_token: t.access_token, openid: t.openid, lang: "zh_CN" });
    expect(body).toEqual({
      openid: t.openid,
      nickname: "小明 Ming",
      sex: 0,
      province: "",
      city: "",
      country: "",
      headimgurl: `http://localhost:3000/sandbox/wechat/avatar/${t.openid}.svg`,
      privilege: [],
      unionid: user.unionid,
    });
  });

  it("refuses a snsapi_base token with 48001 api unauthorized", async () => {
    const t = await tokenFor({ scope: "snsapi_base" });
    expect(t.scope).toBe("snsapi_base");
    expect(await callSandbox(USERINFO, { access_token: t.access_token, openid: t.openid })).toMatchObject({ errcode: 48001, errmsg: expect.stringContaining("api unauthorized") });
  });

  it("tells missing, malformed, unknown, expired and other-user tokens apart", async () => {
    const t = await tokenFor();
    const other = await tokenFor();
    expect(await callSandbox(USERINFO, { openid: t.openid })).toMatchObject({ errcode: 41001 });
    expect(await callSandbox(USERINFO, { access_token: t.access_token })).toMatchObject({ errcode: 41009 });
    expect(await callSandbox(USERINFO, { access_token: "bad token", openid: t.openid })).toMatchObject({ errcode: 40014 });
    expect(await callSandbox(USERINFO, { access_token: "wellFormedButNeverIssued0000", openid: t.openid })).toMatchObject({ errcode: 40001 });
    expect(await callSandbox(USERINFO, { access_token: t.access_token, openid: other.openid })).toMatchObject({ errcode: 40003 });
    await getDb().sandboxOAuthToken.update({ where: { accessToken: t.access_token }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await callSandbox(USERINFO, { access_token: t.access_token, openid: t.openid })).toMatchObject({ errcode: 42001 });
  });
});

describe("GET /sns/auth", () => {
  it("says ok for a valid token of that user, and errs otherwise", async () => {
    const t = await tokenFor({ scope: "snsapi_base" });
    expect(await callSandbox(AUTH, { access_token: t.access_token, openid: t.openid })).toEqual({ errcode: 0, errmsg: "ok" });
    expect(await callSandbox(AUTH, { access_token: t.access_token, openid: "oSomeoneElse000000000000000" })).toMatchObject({ errcode: 40003 });
    expect(await callSandbox(AUTH, { access_token: "", openid: t.openid })).toMatchObject({ errcode: 41001 });
  });
});

describe("the sandbox switch", () => {
  afterEach(() => {
    delete process.env.SANDBOX_ENABLED;
    resetEnvForTests();
  });

  it("makes every API endpoint a 404 when SANDBOX_ENABLED is false", async () => {
    process.env.SANDBOX_ENABLED = "false";
    resetEnvForTests();
    for (const [path, handler] of Object.entries(sandboxApiRoutes)) {
      const res = await handler(new Request(`http://localhost:3000${path}?appid=x`));
      expect(res.status, path).toBe(404);
    }
  });
});
