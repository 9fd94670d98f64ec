// Where to send someone after signing in. Pure: shared by pages, actions and tests.
import type { Role } from "./actor";

/** Each role's home. */
export function homeFor(role: Role): string {
  return role === "SELLER" ? "/seller" : role === "ADMIN" ? "/admin" : "/";
}

/**
 * A ?callbackUrl reduced to a path on this site, or null. Accepts "/path?query#hash" and
 * absolute URLs on the app's own origin; refuses other origins, protocol-relative "//host",
 * backslash tricks and control characters (no open redirect through the sign-in page).
 */
export function safeCallbackPath(raw: string | string[] | null | undefined, appUrl: string): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > 2000) return null;
  // Browsers treat "\" like "/" and drop tabs and newlines, so "/\evil.com" would leave the site.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  const base = new URL(appUrl);
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  if (!value.startsWith("/") && !/^https?:\/\//i.test(value)) return null;
  if (value.startsWith("//")) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "https://our.host//evil.com" has the path "//evil.com", which a browser reads as a host.
  if (path.startsWith("//")) return null;
  // Never back to the sign-in pages themselves (a loop), nor into next-auth's endpoints.
  if (/^\/(signin|signup)(\/|$|\?|#)/.test(path) || path.startsWith("/api/auth/")) return null;
  return path;
}

/** After sign-in: the requested page if it is safe, else the role's home. */
export function afterSignIn(role: Role, callbackUrl: string | null | undefined, appUrl: string): string {
  return safeCallbackPath(callbackUrl, appUrl) ?? homeFor(role);
}
