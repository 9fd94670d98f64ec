// The whole sign-in, as a browser would go through it: next-auth's handler (our options),
// our hop to WeChat's authorize URL, the sandbox's consent form, the callback, the session.
// next-auth runs through its request/response-object form (no Next server needed), and fetch
// is routed in-process to the sandbox.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { registerSeller } from "@/lib/auth/accounts";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createSandboxUser } from "@/lib/sandbox/wechat-oauth/users";
import { useTestDatabase } from "../../support/db";
import { browser, consent } from "../../support/next-auth-browser";
import { sandboxFetch } from "../../support/wechat-sandbox";

useTestDatabase();

beforeAll(() => {
  vi.stubGlobal("fetch", sandboxFetch);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe("signing in with WeChat (sandbox)", () => {
  it("creates the buyer from the WeChat profile, starts a session and lands on callbackUrl", async () => {
    const b = browser();
    const page = await b.startWechat("/s/tea?from=share");
    expect(page.pathname).toBe("/sandbox/wechat/connect/oauth2/authorize");
    expect(page.hash).toBe("#wechat_redirect");
    const back = await consent(page, { decision: "allow", user: "new", nickname: "买家小李" });
    const done = await b.callback(back);
    expect(done.redirect).toBe(`${env().APP_URL}/s/tea?from=share`);

    const session = await b.session();
    const user = await getDb().user.findUniqueOrThrow({ where: { id: session.user!.id } });
    const { openid } = await getDb().sandboxOAuthCode.findUniqueOrThrow({ where: { code: back.searchParams.get("code")! } });
    const sandboxUser = await getDb().sandboxWechatUser.findUniqueOrThrow({ where: { openid } });
    expect(user).toMatchObject({ role: "BUYER", name: "买家小李", wechatOpenId: openid, wechatUnionId: sandboxUser.unionid, avatarUrl: sandboxUser.headimgurl });
  });

  it("signs a returning buyer into the same account", async () => {
    const sandboxUser = await createSandboxUser({ nickname: "回头客" });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const b = browser();
      const back = await consent(await b.startWechat("/"), { decision: "allow", user: sandboxUser.openid });
      await b.callback(back);
      ids.push((await b.session()).user!.id!);
    }
    expect(ids[0]).toBe(ids[1]);
  });

  it("fails with OAuthCallback, and no session, when the user denies", async () => {
    const b = browser();
    const back = await consent(await b.startWechat("/"), { decision: "deny" });
    const res = await b.callback(back);
    expect(res.redirect).toMatch(/\/signin\?error=OAuthCallback|\/error\?error=OAuthCallback/);
    expect((await b.session()).user).toBeUndefined();
  });

  it("rejects a callback whose state is not this browser's (login CSRF)", async () => {
    const victim = browser();
    await victim.startWechat("/");
    // The attacker's own approved code, with their state, delivered to the victim's browser.
    const attacker = browser();
    const attackersCallback = await consent(await attacker.startWechat("/"), { decision: "allow", user: "new", nickname: "Attacker" });
    const res = await victim.callback(attackersCallback);
    expect(res.redirect).toMatch(/error=OAuthCallback/);
    expect((await victim.session()).user).toBeUndefined();
    // …and the code was not spent, so it was never exchanged.
    expect((await getDb().sandboxOAuthCode.findUniqueOrThrow({ where: { code: attackersCallback.searchParams.get("code")! } })).usedAt).toBeNull();
  });

  it("refuses a replayed callback (the code is single-use)", async () => {
    const b = browser();
    const back = await consent(await b.startWechat("/"), { decision: "allow", user: "new", nickname: "Replay" });
    await b.callback(back);
    const again = browser();
    await again.startWechat("/");
    const res = await again.callback(back);
    expect(res.redirect).toMatch(/error=OAuthCallback/);
  });

  it("refuses a disabled buyer with AccessDenied", async () => {
    const sandboxUser = await createSandboxUser({ nickname: "封禁用户" });
    await getDb().user.create({ data: { role: "BUYER", name: "封禁用户", wechatOpenId: sandboxUser.openid, disabled: true } });
    const b = browser();
    const res = await b.callback(await consent(await b.startWechat("/"), { decision: "allow", user: sandboxUser.openid }));
    expect(res.redirect).toMatch(/error=AccessDenied/);
    expect((await b.session()).user).toBeUndefined();
  });
});

describe("signing in with email and password", () => {
  it("starts a session for the right password and refuses a wrong one", async () => {
    const seller = await registerSeller({ name: "Seller", email: "flow@example.test", password: "flow password" });
    const b = browser();
    const csrf = ((await b.auth("csrf")).body as { csrfToken: string }).csrfToken;
    const wrong = await b.auth("callback", { method: "POST", providerId: "password", body: { csrfToken: csrf, email: "flow@example.test", password: "nope nope", callbackUrl: "/seller" } });
    expect(wrong.redirect).toMatch(/error=CredentialsSignin/);
    expect((await b.session()).user).toBeUndefined();

    const right = await b.auth("callback", { method: "POST", providerId: "password", body: { csrfToken: csrf, email: "FLOW@example.test", password: "flow password", callbackUrl: "/seller" } });
    expect(right.redirect).toBe(`${env().APP_URL}/seller`);
    expect((await b.session()).user).toMatchObject({ id: seller.id, name: "Seller" });
  });
});
