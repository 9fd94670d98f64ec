// One browser driving next-auth's endpoints with our options, through next-auth's
// request/response-object form (no Next server needed): a cookie jar, sign-in with a password
// or WeChat (the sandbox; stub fetch with sandboxFetch), sign-out, the session.
import NextAuth from "next-auth";
import { expect } from "vitest";
import { GET as wechatHop } from "@/app/api/auth/wechat/authorize/route";
import { POST as decide } from "@/app/sandbox/wechat/connect/oauth2/authorize/decide/route";
import { getAuthOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";

const quiet = { error() {}, warn() {}, debug() {} };

/** What next-auth answered: status, Location, JSON body. */
export interface Answer {
  status: number;
  redirect?: string;
  body?: unknown;
}

/** One browser: a cookie jar and next-auth's endpoints. */
export function browser(initialJar?: Map<string, string>) {
  const jar = new Map<string, string>(initialJar);
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
    jar,
    /** Another browser holding a copy of this one's cookies (a stolen or second-tab cookie). */
    copy: () => browser(jar),
    async csrf() {
      return ((await auth("csrf")).body as { csrfToken: string }).csrfToken;
    },
    async signInWithPassword(email: string, password: string, callbackUrl = "/seller") {
      return auth("callback", { method: "POST", providerId: "password", body: { csrfToken: await this.csrf(), email, password, callbackUrl } });
    },
    async signOut() {
      return auth("signout", { method: "POST", body: { csrfToken: await this.csrf(), callbackUrl: "/" } });
    },
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
export async function consent(page: URL, fields: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of page.searchParams) fd.set(k, v);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  const res = await decide(new Request(`${env().APP_URL}/sandbox/wechat/connect/oauth2/authorize/decide`, { method: "POST", body: fd }));
  expect(res.status).toBe(303);
  return new URL(res.headers.get("location")!);
}

