// The whole sign-in, as a browser would go through it: next-auth's handler (our options),
// our hop to WeChat's authorize URL, the sandbox's consent form, the callback, the session.
// next-auth runs through its request/response-object form (no Next server needed), and fetch
// is routed in-process to the sandbox.
import NextAuth from "next-auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as wechatHop } from "@/app/api/auth/wechat/authorize/route";
import { POST as decide } from "@/app/sandbox/wechat/connect/oauth2/authorize/decide/route";
import { registerSeller } from "@/lib/auth/accounts";
import { getAuthOptions } from "@/lib/auth/options";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createSandboxUser } from "@/lib/sandbox/wechat-oauth/users";
import { useTestDatabase } from "../../support/db";
import { sandboxFetch } from "../../support/wechat-sandbox";

useTestDatabase();

beforeAll(() => {
  vi.stubGlobal("fetch", sandboxFetch);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

const quiet = { error() {}, warn() {}, debug() {} };

/** What next-auth answered: status, Location, JSON body. */
interface Answer {
  status: number;
  redirect?: string;
  body?: unknown;
}

/** One browser: a cookie jar and next-auth's endpoints. */
function browser() {
  const jar = new Map<string, string>();
  const options = { ...getAuthOptions(), logger: quiet };
  async function auth(action: string, opts: { method?: string; providerId?: string; query?: Record<string, string>; body?: Record<string, string> } = {}): Promise<Answer> {
    const headers = new Map<string, string | string[]>();
    const answer: Answer = { status: 200 };
    const res = {
      status(code: number) {
        answer.status = code;
        return res;
      },
      setHeader(name: string, value: string | string[]) {
        headers.set(name.toLowerCase(), value);
        return res;
      },
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      end() {},
      json(body: unknown) {
        answer.body = body;
      },
      send(body: unknown) {
        answer.body = body;
      },
    };
    const req = {
      method: opts.method ?? "GET",
      query: { nextauth: opts.providerId ? [action, opts.providerId] : [action], ...opts.query },
      body: opts.body,
      cookies: Object.fromEntries(jar),
      headers: { host: new URL(env().APP_URL).host },
    };
    await NextAuth(req as never, res as never, options);
    const setCookies = headers.get("set-cookie") ?? [];
    for (const c of Array.isArray(setCookies) ? setCookies : [setCookies]) {
      const [pair, ...attrs] = c.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = decodeURIComponent(pair.slice(eq + 1).trim());
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split("=")[1]).getTime() < Date.now()));
      if (expired || !value) jar.delete(name);
      else jar.set(name, value);
    }
    const location = headers.get("location");
    if (typeof location === "string") answer.redirect = location;
    return answer;
  }
  return {
    auth,
    async session() {
      const res = await auth("session");
      return res.body as { user?: { id?: string; name?: string } };
    },
    /** "Sign in with WeChat": the URL of WeChat's (the sandbox's) consent page. */
    async startWechat(callbackUrl: string) {
      const csrf = (await auth("csrf")).body as { csrfToken: string };
      const signin = await auth("signin", { method: "POST", providerId: "wechat", body: { csrfToken: csrf.csrfToken, callbackUrl } });
      expect(signin.redirect).toMatch(/\/api\/auth\/wechat\/authorize\?/);
      const hop = await wechatHop(new Request(signin.redirect!));
      expect(hop.status).toBe(302);
      return new URL(hop.headers.get("location")!);
    },
    /** WeChat redirected back to our callback. */
    async callback(redirect: URL) {
      expect(redirect.pathname).toBe("/api/auth/callback/wechat");
      return auth("callback", { providerId: "wechat", query: Object.fromEntries(redirect.searchParams) });
    },
  };
}

/** The tester's choice on the consent page. */
async function consent(page: URL, fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of page.searchParams) fd.set(k, v);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  const res = await decide(new Request(`${env().APP_URL}/sandbox/wechat/connect/oauth2/authorize/decide`, { method: "POST", body: fd }));
  expect(res.status).toBe(303);
  return new URL(res.headers.get("location")!);
}

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
