import "server-only";
// Device cookies, after OWASP's "Slow Down Online Guessing Attacks with Device Cookies".
// Password guesses are limited per email address, which let anyone lock a known seller or
// admin out by guessing wrong ten times. A browser that has signed in to an address before
// carries a cookie bound to that address (an HMAC with the session secret), and its guesses
// are counted against that device instead: strangers still share the address's limit, the
// owner's own browser keeps working while it is locked.
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import { env } from "@/lib/env";

export const DEVICE_COOKIE = "ls_device";
const DEVICE_MAX_AGE_S = 180 * 86_400;

function mac(email: string, nonce: string): string {
  return crypto.createHmac("sha256", env().AUTH_SECRET).update(`device:${email}:${nonce}`).digest("base64url");
}

/** A new device token for a browser that just signed in as `email`. */
export function issueDeviceToken(email: string): string {
  const nonce = crypto.randomBytes(12).toString("base64url");
  return `${nonce}.${mac(email, nonce)}`;
}

/** The device's id when `token` was issued for `email`, else null (missing, forged, or another address's). */
export function deviceIdFor(email: string, token: string | null | undefined): string | null {
  const m = /^([\w-]{16})\.([\w-]{43})$/.exec(token ?? "");
  if (!m) return null;
  const expected = Buffer.from(mac(email, m[1]));
  const given = Buffer.from(m[2]);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? m[1] : null;
}

/** The device cookie's value in a Cookie header, if any. */
export function readDeviceCookie(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === DEVICE_COOKIE) return value.join("=") || null;
  }
  return null;
}

export function deviceCookieHeader(token: string, secure: boolean): string {
  return `${DEVICE_COOKIE}=${token}; Path=/; Max-Age=${DEVICE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/**
 * Carries the cookie between the auth route and the credentials check inside next-auth
 * (which sees neither the request's cookies nor the response): the route puts the incoming
 * token in, a successful sign-in puts the token to set.
 */
export const deviceContext = new AsyncLocalStorage<{ incoming: string | null; outgoing?: string; clientIp?: string | null }>();
