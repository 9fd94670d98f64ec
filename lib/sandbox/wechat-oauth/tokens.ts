import "server-only";
// /sns/oauth2/access_token, /sns/oauth2/refresh_token, /sns/userinfo and /sns/auth, with
// WeChat's checks and error codes. Every failure throws SandboxWechatError.
import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { wxError } from "./errors";
import { isTokenShaped, newAccessToken, newRefreshToken } from "./ids";

/** WeChat's web access token lives two hours; its refresh token thirty days. */
export const ACCESS_TOKEN_TTL_S = 7200;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

type Query = URLSearchParams | Record<string, string | null | undefined>;
const get = (q: Query, name: string) => ((q instanceof URLSearchParams ? q.get(name) : q[name]) ?? "").trim();

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: string;
  unionid?: string;
}

export interface UserInfoResponse {
  openid: string;
  nickname: string;
  /** Since 2021 WeChat no longer discloses gender or region: 0 and empty strings. */
  sex: 0;
  province: string;
  city: string;
  country: string;
  headimgurl: string;
  privilege: string[];
  unionid: string;
}

function sameSecret(a: string, b: string) {
  const h = (s: string) => crypto.createHash("sha256").update(s).digest();
  return crypto.timingSafeEqual(h(a), h(b));
}

function checkApp(appid: string) {
  if (!appid) throw wxError(41002);
  if (appid !== env().WECHAT_APP_ID) throw wxError(40013);
}

/** GET /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code */
export async function exchangeCodeForToken(q: Query, opts: { now?: Date } = {}): Promise<TokenResponse> {
  const now = opts.now ?? new Date();
  const appid = get(q, "appid");
  const secret = get(q, "secret");
  const code = get(q, "code");
  checkApp(appid);
  if (!secret) throw wxError(41004);
  if (!sameSecret(secret, env().WECHAT_APP_SECRET)) throw wxError(40125);
  if (!code) throw wxError(41008);
  if (get(q, "grant_type") !== "authorization_code") throw wxError(40002);

  return db.$transaction(async (tx) => {
    const row = await tx.sandboxOAuthCode.findUnique({ where: { code }, select: { appId: true, openid: true, scope: true, expiresAt: true, usedAt: true } });
    // A code issued to another app is as unknown to this one as a made-up code.
    if (!row || row.appId !== appid) throw wxError(40029);
    if (row.usedAt) throw wxError(40163);
    if (row.expiresAt <= now) throw wxError(40029);
    // The single use itself: of two exchanges racing, only one sees usedAt still null.
    const claimed = await tx.sandboxOAuthCode.updateMany({ where: { code, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) throw wxError(40163);
    const user = await tx.sandboxWechatUser.findUnique({ where: { openid: row.openid }, select: { unionid: true } });
    if (!user) throw wxError(40029);
    const token = await tx.sandboxOAuthToken.create({
      data: {
        accessToken: newAccessToken(),
        refreshToken: newRefreshToken(),
        appId: appid,
        openid: row.openid,
        scope: row.scope,
        expiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_S * 1000),
        createdAt: now,
      },
      select: { accessToken: true, refreshToken: true },
    });
    return {
      access_token: token.accessToken,
      expires_in: ACCESS_TOKEN_TTL_S,
      refresh_token: token.refreshToken,
      openid: row.openid,
      scope: row.scope,
      unionid: user.unionid,
    };
  });
}

/** GET /sns/oauth2/refresh_token?appid&grant_type=refresh_token&refresh_token */
export async function refreshAccessToken(q: Query, opts: { now?: Date } = {}): Promise<TokenResponse> {
  const now = opts.now ?? new Date();
  const appid = get(q, "appid");
  const refreshToken = get(q, "refresh_token");
  checkApp(appid);
  if (get(q, "grant_type") !== "refresh_token") throw wxError(40002);
  if (!refreshToken) throw wxError(41003);
  if (!isTokenShaped(refreshToken)) throw wxError(40030);

  const row = await db.sandboxOAuthToken.findUnique({ where: { refreshToken }, select: { accessToken: true, appId: true, openid: true, scope: true, createdAt: true } });
  if (!row || row.appId !== appid) throw wxError(40030);
  if (row.createdAt.getTime() + REFRESH_TOKEN_TTL_MS <= now.getTime()) throw wxError(42002);

  const fresh = newAccessToken();
  const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_S * 1000);
  // Compare-and-swap on the current access token: of two refreshes racing, one replaces it
  // and the other is handed the winner's token rather than a token that no longer exists.
  const swapped = await db.sandboxOAuthToken.updateMany({ where: { refreshToken, accessToken: row.accessToken }, data: { accessToken: fresh, expiresAt } });
  if (swapped.count === 1) {
    return { access_token: fresh, expires_in: ACCESS_TOKEN_TTL_S, refresh_token: refreshToken, openid: row.openid, scope: row.scope };
  }
  const current = await db.sandboxOAuthToken.findUnique({ where: { refreshToken }, select: { accessToken: true, expiresAt: true } });
  if (!current) throw wxError(40030);
  return {
    access_token: current.accessToken,
    expires_in: Math.max(0, Math.floor((current.expiresAt.getTime() - now.getTime()) / 1000)),
    refresh_token: refreshToken,
    openid: row.openid,
    scope: row.scope,
  };
}

/** The token behind access_token + openid, checked as WeChat does (missing, malformed, unknown, expired, other user). */
async function tokenFor(q: Query, now: Date) {
  const accessToken = get(q, "access_token");
  const openid = get(q, "openid");
  if (!accessToken) throw wxError(41001);
  if (!openid) throw wxError(41009);
  if (!isTokenShaped(accessToken)) throw wxError(40014);
  const row = await db.sandboxOAuthToken.findUnique({ where: { accessToken }, select: { openid: true, scope: true, expiresAt: true } });
  if (!row) throw wxError(40001);
  if (row.expiresAt <= now) throw wxError(42001);
  if (row.openid !== openid) throw wxError(40003);
  return row;
}

/** GET /sns/userinfo?access_token&openid&lang — needs a snsapi_userinfo token. */
export async function getUserInfo(q: Query, opts: { now?: Date } = {}): Promise<UserInfoResponse> {
  const token = await tokenFor(q, opts.now ?? new Date());
  if (!token.scope.split(",").includes("snsapi_userinfo")) throw wxError(48001);
  const user = await db.sandboxWechatUser.findUnique({ where: { openid: token.openid }, select: { openid: true, unionid: true, nickname: true, headimgurl: true } });
  if (!user) throw wxError(40003);
  return { openid: user.openid, nickname: user.nickname, sex: 0, province: "", city: "", country: "", headimgurl: user.headimgurl, privilege: [], unionid: user.unionid };
}

/** GET /sns/auth?access_token&openid — is this token still good for this user? */
export async function checkAccessToken(q: Query, opts: { now?: Date } = {}): Promise<{ errcode: 0; errmsg: "ok" }> {
  await tokenFor(q, opts.now ?? new Date());
  return { errcode: 0, errmsg: "ok" };
}
