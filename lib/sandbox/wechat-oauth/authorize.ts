import "server-only";
// /connect/oauth2/authorize: validate the request the way WeChat's page does, then on the
// tester's decision either issue a one-time code (5 minutes, bound to app, user, scope and
// redirect_uri) or send the browser back with the state only.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { AuthorizePageErrcode } from "./errors";
import { newCode } from "./ids";
import { createSandboxUser, getSandboxUser, type SandboxUserInput } from "./users";

export const WECHAT_SCOPES = ["snsapi_base", "snsapi_userinfo"] as const;
export type WechatScope = (typeof WECHAT_SCOPES)[number];

/** A code is good for five minutes, once. */
export const CODE_TTL_MS = 5 * 60 * 1000;

export interface AuthorizeRequest {
  appid: string;
  redirectUri: string;
  scope: WechatScope;
  state: string;
}

export type AuthorizeCheck = { ok: true; request: AuthorizeRequest } | { ok: false; errcode: AuthorizePageErrcode };

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function param(params: Params, name: string): string {
  const v = params instanceof URLSearchParams ? params.get(name) : params[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/**
 * Validates an authorize request against the one registered app. Pure: the app id and its
 * authorised origin are passed in. WeChat checks the appid first, then the redirect_uri's
 * domain, then the scope; a bad request shows an error page and never redirects.
 */
export function validateAuthorizeRequest(params: Params, app: { appId: string; appUrl: string }): AuthorizeCheck {
  const appid = param(params, "appid").trim();
  const redirectUri = param(params, "redirect_uri").trim();
  const responseType = param(params, "response_type").trim();
  const scope = param(params, "scope").trim();
  const state = param(params, "state");

  if (!appid) return { ok: false, errcode: 10012 };
  if (appid !== app.appId) return { ok: false, errcode: 40013 };
  if (!redirectUri) return { ok: false, errcode: 10011 };
  if (!isAuthorisedRedirect(redirectUri, app.appUrl)) return { ok: false, errcode: 10003 };
  if (responseType !== "code") return { ok: false, errcode: 10008 };
  if (!scope) return { ok: false, errcode: 10010 };
  if (!(WECHAT_SCOPES as readonly string[]).includes(scope)) return { ok: false, errcode: 10005 };
  return { ok: true, request: { appid, redirectUri, scope: scope as WechatScope, state } };
}

/** An http(s) URL on the app's own origin (the sandbox's "authorised domain"), without credentials. */
export function isAuthorisedRedirect(redirectUri: string, appUrl: string): boolean {
  let u: URL;
  try {
    u = new URL(redirectUri);
  } catch {
    return false;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return false;
  if (u.username || u.password) return false;
  return u.origin === new URL(appUrl).origin;
}

/** Where the browser goes after "Allow": redirect_uri?code=…&state=… */
export function approvalRedirect(request: AuthorizeRequest, code: string): string {
  const u = new URL(request.redirectUri);
  u.hash = "";
  u.searchParams.set("code", code);
  u.searchParams.set("state", request.state);
  return u.toString();
}

/** Where the browser goes after "Deny": redirect_uri?state=… (WeChat sends no code). */
export function denialRedirect(request: AuthorizeRequest): string {
  const u = new URL(request.redirectUri);
  u.hash = "";
  u.searchParams.delete("code");
  u.searchParams.set("state", request.state);
  return u.toString();
}

export type Approver = { openid: string } | { newUser: SandboxUserInput };

/**
 * The tester allowed the request as an existing sandbox user or a new one: create the user
 * if asked, issue the code, and return the redirect. One transaction: no user without a code.
 */
export async function approveAuthorization(request: AuthorizeRequest, who: Approver, opts: { now?: Date } = {}): Promise<{ code: string; openid: string; redirectTo: string }> {
  const now = opts.now ?? new Date();
  // Re-check: the request came back through a form and must still be one we would show.
  const check = validateAuthorizeRequest(
    { appid: request.appid, redirect_uri: request.redirectUri, response_type: "code", scope: request.scope, state: request.state },
    { appId: env().WECHAT_APP_ID, appUrl: env().APP_URL },
  );
  if (!check.ok) throw new AppError("VALIDATION", "Invalid authorize request.", { details: { errcode: check.errcode } });

  return db.$transaction(async (tx) => {
    let openid: string;
    if ("openid" in who) {
      const user = await getSandboxUser(who.openid, tx);
      if (!user) throw new AppError("VALIDATION", "No such sandbox user.", { fieldErrors: { user: ["invalid"] } });
      openid = user.openid;
    } else {
      openid = (await createSandboxUser(who.newUser, tx)).openid;
    }
    const code = newCode();
    await tx.sandboxOAuthCode.create({
      data: { code, appId: request.appid, openid, scope: request.scope, redirectUri: request.redirectUri, expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now },
    });
    // Housekeeping: codes are useless a day after they expire.
    await tx.sandboxOAuthCode.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } });
    return { code, openid, redirectTo: approvalRedirect(request, code) };
  });
}
