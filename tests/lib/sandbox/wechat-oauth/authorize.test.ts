// The consent step of the sandbox: what the authorize page accepts, and what "Allow" / "Deny"
// do (through the page's form handler, a plain POST route).
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { POST as decide } from "@/app/sandbox/wechat/connect/oauth2/authorize/decide/route";
import { getDb } from "@/lib/db/client";
import { env, resetEnvForTests } from "@/lib/env";
import { approvalRedirect, denialRedirect, isAuthorisedRedirect, validateAuthorizeRequest } from "@/lib/sandbox/wechat-oauth/authorize";
import { createSandboxUser } from "@/lib/sandbox/wechat-oauth/users";
import { useTestDatabase } from "../../../support/db";

const app = { appId: "wx5a1d6b0c3e2f4a7b", appUrl: "http://localhost:3000" };
const good = {
  appid: app.appId,
  redirect_uri: "http://localhost:3000/api/auth/callback/wechat",
  response_type: "code",
  scope: "snsapi_userinfo",
  state: "abc123",
};

describe("validateAuthorizeRequest", () => {
  it("accepts WeChat's documented request and keeps the state as given", () => {
    expect(validateAuthorizeRequest(new URLSearchParams(good), app)).toEqual({
      ok: true,
      request: { appid: app.appId, redirectUri: good.redirect_uri, scope: "snsapi_userinfo", state: "abc123" },
    });
    expect(validateAuthorizeRequest({ ...good, scope: "snsapi_base", state: undefined }, app)).toMatchObject({ ok: true, request: { scope: "snsapi_base", state: "" } });
  });

  it("answers each bad parameter with WeChat's page error code", () => {
    const cases: [Record<string, string>, number][] = [
      [{ appid: "" }, 10012],
      [{ appid: "wx0000000000000000" }, 40013],
      [{ redirect_uri: "" }, 10011],
      [{ redirect_uri: "https://evil.example/api/auth/callback/wechat" }, 10003],
      [{ redirect_uri: "http://localhost:3001/api/auth/callback/wechat" }, 10003],
      [{ redirect_uri: "https://localhost:3000/api/auth/callback/wechat" }, 10003],
      [{ redirect_uri: "javascript:alert(1)" }, 10003],
      [{ redirect_uri: "/api/auth/callback/wechat" }, 10003],
      [{ redirect_uri: "http://user:pw@localhost:3000/cb" }, 10003],
      [{ response_type: "token" }, 10008],
      [{ scope: "" }, 10010],
      [{ scope: "snsapi_login" }, 10005],
      [{ scope: "snsapi_base,snsapi_userinfo" }, 10005],
    ];
    for (const [over, errcode] of cases) {
      expect(validateAuthorizeRequest({ ...good, ...over }, app), JSON.stringify(over)).toEqual({ ok: false, errcode });
    }
  });

  it("never accepts a redirect_uri that leaves the app's origin", () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.webUrl().map((u) => u.replace(/^https?:\/\/[^/]+/, "http://localhost:3000"))), (uri) => {
        const ok = isAuthorisedRedirect(uri, app.appUrl);
        if (ok) expect(new URL(uri).origin).toBe("http://localhost:3000");
      }),
    );
  });
});

describe("redirects back to the app", () => {
  const request = { appid: app.appId, redirectUri: "http://localhost:3000/cb?next=%2Fme", scope: "snsapi_userinfo" as const, state: "s t&ate" };

  it("appends code and state to redirect_uri on approval, keeping its own query", () => {
    const u = new URL(approvalRedirect(request, "CODE123"));
    expect(u.origin + u.pathname).toBe("http://localhost:3000/cb");
    expect(Object.fromEntries(u.searchParams)).toEqual({ next: "/me", code: "CODE123", state: "s t&ate" });
  });

  it("sends only the state on denial", () => {
    const u = new URL(denialRedirect(request));
    expect(Object.fromEntries(u.searchParams)).toEqual({ next: "/me", state: "s t&ate" });
  });
});

describe("the consent form (POST …/authorize/decide)", () => {
  useTestDatabase();

  afterEach(() => {
    delete process.env.SANDBOX_ENABLED;
    resetEnvForTests();
  });

  function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ ...good, appid: env().WECHAT_APP_ID, ...fields })) fd.set(k, v);
    return decide(new Request("http://localhost:3000/sandbox/wechat/connect/oauth2/authorize/decide", { method: "POST", body: fd, headers }));
  }

  it("on Allow as an existing user issues a one-time code bound to the request and redirects with it", async () => {
    const user = await createSandboxUser({ nickname: "老张" });
    const res = await post({ decision: "allow", user: user.openid });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(good.redirect_uri);
    expect(location.searchParams.get("state")).toBe("abc123");
    const code = location.searchParams.get("code")!;
    expect(code).toMatch(/^[A-Za-z0-9]{32}$/);
    const row = await getDb().sandboxOAuthCode.findUniqueOrThrow({ where: { code } });
    expect(row).toMatchObject({ appId: env().WECHAT_APP_ID, openid: user.openid, scope: "snsapi_userinfo", redirectUri: good.redirect_uri, usedAt: null });
  });

  it("on Allow as a new user creates them, in WeChat's id shapes, with a sandbox avatar", async () => {
    const res = await post({ decision: "allow", user: "new", nickname: "  新朋友  " });
    const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
    const { openid } = await getDb().sandboxOAuthCode.findUniqueOrThrow({ where: { code } });
    const user = await getDb().sandboxWechatUser.findUniqueOrThrow({ where: { openid } });
    expect(user.nickname).toBe("新朋友");
    expect(user.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(user.unionid).toMatch(/^o[A-Za-z0-9_-]{28}$/);
    expect(user.headimgurl).toBe(`http://localhost:3000/sandbox/wechat/avatar/${user.openid}.svg`);
  });

  it("on Deny redirects with the state only and issues nothing", async () => {
    const before = await getDb().sandboxOAuthCode.count();
    const res = await post({ decision: "deny", user: "new", nickname: "x" });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.searchParams.has("code")).toBe(false);
    expect(location.searchParams.get("state")).toBe("abc123");
    expect(await getDb().sandboxOAuthCode.count()).toBe(before);
  });

  it("sends a new user without a nickname back to the page, creating nothing", async () => {
    const users = await getDb().sandboxWechatUser.count();
    const res = await post({ decision: "allow", user: "new", nickname: "   " });
    const location = res.headers.get("location")!;
    expect(location.startsWith("/sandbox/wechat/connect/oauth2/authorize?")).toBe(true);
    const q = new URL(location, "http://x").searchParams;
    expect(q.get("sb_error")).toBe("required");
    expect(q.get("redirect_uri")).toBe(good.redirect_uri);
    expect(await getDb().sandboxWechatUser.count()).toBe(users);
  });

  it("sends an unknown user back to the page", async () => {
    const res = await post({ decision: "allow", user: "oNoSuchUser0000000000000000" });
    expect(new URL(res.headers.get("location")!, "http://x").searchParams.get("sb_error")).toBe("user");
  });

  it("never redirects a tampered request off-site, even on Allow", async () => {
    const user = await createSandboxUser({ nickname: "A" });
    for (const decision of ["allow", "deny"]) {
      const res = await post({ decision, user: user.openid, redirect_uri: "https://evil.example/steal" });
      expect(res.headers.get("location")!.startsWith("/sandbox/wechat/connect/oauth2/authorize?")).toBe(true);
    }
    expect(await getDb().sandboxOAuthCode.count({ where: { openid: user.openid } })).toBe(0);
  });

  it("refuses posts from another site's page", async () => {
    const res = await post({ decision: "allow", user: "new", nickname: "x" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });

  it("is a 404 when the sandbox is off", async () => {
    process.env.SANDBOX_ENABLED = "false";
    resetEnvForTests();
    expect((await post({ decision: "allow", user: "new", nickname: "x" })).status).toBe(404);
  });
});
