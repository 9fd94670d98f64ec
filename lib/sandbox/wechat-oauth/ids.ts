import "server-only";
// Identifiers in WeChat's shapes: openid "o" + 27 URL-safe characters, unionid "o" + 28,
// a 32-character code, long opaque tokens.
import crypto from "node:crypto";

const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `n` characters drawn uniformly from `alphabet` (rejection sampling, no modulo bias). */
export function randomString(n: number, alphabet: string): string {
  const limit = 256 - (256 % alphabet.length);
  let out = "";
  while (out.length < n) {
    for (const b of crypto.randomBytes(n * 2)) {
      if (b < limit) out += alphabet[b % alphabet.length];
      if (out.length === n) break;
    }
  }
  return out;
}

export const newOpenId = () => `o${randomString(27, URL_SAFE)}`;
export const newUnionId = () => `o${randomString(28, URL_SAFE)}`;
export const newCode = () => randomString(32, ALNUM);
export const newAccessToken = () => randomString(86, URL_SAFE);
export const newRefreshToken = () => randomString(86, URL_SAFE);

export const OPENID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,512}$/;

/** Whether a string could be one of our tokens at all (WeChat tells malformed from unknown). */
export const isTokenShaped = (s: string) => TOKEN_PATTERN.test(s);
