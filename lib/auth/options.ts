import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { authenticateWithPassword, upsertWechatBuyer } from "./accounts";
import { log } from "@/lib/log";
import { deviceContext } from "./device";
import { endSessions, sessionStands, tokenVersion } from "./session-state";
import { exchangeCode, fetchUserInfo, WechatOAuthError, type WechatUserInfo } from "./wechat-oauth";

let options: NextAuthOptions | undefined;

const SESSION_ENDED = "SessionEndedError";

/** Thrown in the jwt callback for a session that was ended (signed out, password changed, suspended). */
export class SessionEndedError extends Error {
  // A literal: a production build renames classes, and the logger below matches on it.
  override name = SESSION_ENDED;
  constructor() {
    super("This session was ended.");
  }
}

export const SESSION_MAX_AGE_S = 30 * 24 * 3600;

/**
 * The session cookie, as next-auth names it by default (secure, with the __Secure- prefix,
 * when the site is served over https). Spelled out so that re-issuing a token
 * (lib/auth/session-cookie.ts) writes exactly the cookie next-auth reads.
 */
export function sessionCookie() {
  const secure = (process.env.NEXTAUTH_URL ?? env().APP_URL).startsWith("https://");
  return { name: `${secure ? "__Secure-" : ""}next-auth.session-token`, options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure } };
}

/** next-auth configuration, built on first use from the validated environment. */
export function getAuthOptions(): NextAuthOptions {
  options ??= build();
  return options;
}

function build(): NextAuthOptions {
  const e = env();
  // next-auth v4 reads its own origin from NEXTAUTH_URL.
  process.env.NEXTAUTH_URL ??= e.APP_URL;
  return {
    secret: e.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    cookies: { sessionToken: sessionCookie() },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "password",
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          try {
            const device = deviceContext.getStore();
            const user = await authenticateWithPassword(credentials.email, credentials.password, { deviceToken: device?.incoming, clientIp: device?.clientIp });
            if (user && device) device.outgoing = user.deviceToken;
            return user ? { id: user.id, name: user.name, sessionVersion: user.sessionVersion } : null;
          } catch (e) {
            // next-auth hands the message to the sign-in form as `error`.
            if (e instanceof AppError && e.code === "RATE_LIMITED") throw new Error("RATE_LIMITED");
            throw e;
          }
        },
      }),
      {
        id: "wechat",
        name: "WeChat",
        type: "oauth",
        clientId: e.WECHAT_APP_ID,
        clientSecret: e.WECHAT_APP_SECRET,
        // Our own hop formats WeChat's authorize URL exactly (appid, order, #wechat_redirect);
        // next-auth sets the state cookie, and the token request below compares it.
        authorization: { url: `${e.APP_URL}/api/auth/wechat/authorize`, params: { scope: "snsapi_userinfo" } },
        token: {
          url: `${e.WECHAT_API_BASE_URL}/sns/oauth2/access_token`,
          async request({ params, checks }) {
            // With a custom token request next-auth only decodes the state cookie; comparing it
            // with the state WeChat sent back (login CSRF protection) is up to us.
            if (!checks.state || params.state !== checks.state) throw new Error("OAuth state mismatch");
            // WeChat redirects without a code when the user denies: nothing to exchange.
            if (!params.code) throw new WechatOAuthError(41008, "missing code (authorisation denied)");
            const t = await exchangeCode(String(params.code));
            return {
              tokens: {
                access_token: t.access_token,
                refresh_token: t.refresh_token,
                expires_at: Math.floor(Date.now() / 1000) + t.expires_in,
                scope: t.scope,
                openid: t.openid,
                unionid: t.unionid,
              },
            };
          },
        },
        userinfo: {
          url: `${e.WECHAT_API_BASE_URL}/sns/userinfo`,
          async request({ tokens }) {
            return (await fetchUserInfo(String(tokens.access_token), String(tokens.openid))) as never;
          },
        },
        async profile(p: WechatUserInfo) {
          try {
            const user = await upsertWechatBuyer(p);
            return { id: user.id, name: user.name, image: p.headimgurl || null, sessionVersion: user.sessionVersion };
          } catch (e) {
            // Refused in the signIn callback below, so the page says "access denied" rather
            // than a generic callback failure.
            if (e instanceof AppError && e.code === "FORBIDDEN") return { id: `disabled:${p.openid}`, name: null, disabled: true };
            throw e;
          }
        },
        checks: ["state"],
        idToken: false,
      },
    ],
    callbacks: {
      async signIn({ user }) {
        return !(user as { disabled?: boolean }).disabled;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          return token;
        }
        // Every session read (getServerSession, /api/auth/session) passes here: a token whose
        // sessions were ended is refused, and next-auth then answers no session and clears
        // the cookie where it can.
        if (typeof token.uid !== "string") throw new SessionEndedError();
        let stands: boolean;
        try {
          stands = await sessionStands(token.uid, tokenVersion(token));
        } catch (e) {
          // Unreachable database: not a reason to clear the cookie. getActor reads the user
          // row itself and answers the outage as one (lib/auth/session.ts).
          if (!isDatabaseUnavailable(e)) throw e;
          log.warn("session check: database unavailable", { error: e });
          return token;
        }
        if (!stands) throw new SessionEndedError();
        return token;
      },
      async session({ session, token }) {
        if (session.user) Object.assign(session.user, { id: token.uid as string, sv: tokenVersion(token) });
        return session;
      },
    },
    events: {
      // Signing out ends the account's sessions everywhere, not just this browser's cookie;
      // only when this token is current (an ended one must not end the newer sessions).
      // next-auth catches and logs what this throws and clears the cookie anyway.
      async signOut({ token }) {
        if (typeof token?.uid === "string") await endSessions(token.uid, { ifVersion: tokenVersion(token) });
      },
    },
    logger: {
      error(code, metadata) {
        // An ended session is an expected answer, not a fault.
        if (code === "JWT_SESSION_ERROR" && (metadata as { name?: string } | undefined)?.name === SESSION_ENDED) return;
        log.error(`next-auth: ${code}`, { metadata });
      },
    },
  };
}
