import "server-only";
// Keeping the current browser signed in across a change that ended the account's sessions
// (a password change): its token is re-issued at the new version, from inside the request
// (a server action) that made the change. Only that request can: next-auth's own update()
// would let any holder of an ended token ask for a fresh one.
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { SESSION_MAX_AGE_S, sessionCookie } from "./options";

/** next-auth splits a token longer than this over several cookies; ours never are, and a split one is not re-issued. */
const MAX_UNCHUNKED = 3800;

/**
 * Re-issues this request's session token for `userId` at session version `version`. False
 * (the browser is then signed out like the others) when the request carries no token of
 * that user.
 */
export async function keepThisSession(userId: string, version: number): Promise<boolean> {
  const { name, options } = sessionCookie();
  const jar = await cookies();
  const raw = jar.get(name)?.value;
  if (!raw) return false;
  const secret = env().AUTH_SECRET;
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (!token || token.uid !== userId) return false;
  const fresh = await encode({ token: { ...token, sv: version }, secret, maxAge: SESSION_MAX_AGE_S });
  if (fresh.length > MAX_UNCHUNKED) return false;
  jar.set(name, fresh, { ...options, expires: new Date(Date.now() + SESSION_MAX_AGE_S * 1000) });
  return true;
}
