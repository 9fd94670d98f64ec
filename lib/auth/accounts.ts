import "server-only";
import { z } from "zod";
import { clearRateLimit, hitRateLimit } from "@/lib/api/rate-limit";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { deviceIdFor, issueDeviceToken } from "./device";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import type { Role } from "./actor";

export interface SignedInUser {
  id: string;
  name: string;
  role: Role;
  /** Copied into the session token (lib/auth/session-state.ts). */
  sessionVersion: number;
}

export const emailSchema = z.email({ error: "emailFormat" }).max(254, { error: "tooLong" }).transform((e) => e.trim().toLowerCase());
export const passwordSchema = z.string().min(8, { error: "passwordTooShort" }).max(200, { error: "tooLong" });

export const sellerSignUpInput = z.object({
  name: z.string().trim().min(1, { error: "required" }).max(60, { error: "tooLong" }),
  email: z.string().trim().pipe(emailSchema),
  password: passwordSchema,
});
export type SellerSignUpInput = z.input<typeof sellerSignUpInput>;

/** Password guesses allowed per email address per window; a success clears the count. */
export const SIGN_IN_LIMIT = { limit: 10, windowMs: 15 * 60_000 } as const;
/**
 * Sign-in attempts allowed from one client address per window, whatever the addresses tried:
 * one guess at each of many accounts (password spraying) never reaches SIGN_IN_LIMIT.
 */
export const SIGN_IN_ADDRESS_LIMIT = { limit: 100, windowMs: 15 * 60_000 } as const;
/** New accounts from one client address per hour (each costs a password hash). */
export const SIGN_UP_ADDRESS_LIMIT = { limit: 20, windowMs: 60 * 60_000 } as const;

const rateLimited = (what: string, retryAfterSeconds: number) => new AppError("RATE_LIMITED", `Too many ${what}; try again later.`, { details: { retryAfterSeconds } });

/** Counts an attempt against the client address's allowance; refuses past it (no address: not limited here). */
async function hitAddressLimit(kind: "signin" | "signup", clientIp: string | null | undefined, rule: { limit: number; windowMs: number }) {
  if (!clientIp) return;
  const decision = await hitRateLimit(`${kind}:ip:${clientIp}`, rule);
  if (!decision.allowed) throw rateLimited(kind === "signin" ? "sign-in attempts" : "sign-ups", decision.retryAfterSeconds);
}

/**
 * Email + password sign-in for sellers and admins. Null on any mismatch (no hint which). A
 * refusal for too many attempts checks no password: it says so anyway, and checking one (an
 * Argon2 hash, ~19 MiB) per refused attempt would let a flood of them use up the machine.
 */
export async function authenticateWithPassword(
  email: string,
  password: string,
  opts: { deviceToken?: string | null; clientIp?: string | null } = {},
): Promise<(SignedInUser & { deviceToken: string }) | null> {
  const parsed = z.string().trim().pipe(emailSchema).safeParse(email);
  if (!parsed.success) return null;
  await hitAddressLimit("signin", opts.clientIp, SIGN_IN_ADDRESS_LIMIT);
  // Throttle guessing per address (across app instances: the counter is in the database), or
  // per device for a browser that signed in to this address before (lib/auth/device.ts).
  const deviceId = deviceIdFor(parsed.data, opts.deviceToken);
  const throttle = deviceId ? `signin:device:${deviceId}` : `signin:email:${parsed.data}`;
  const decision = await hitRateLimit(throttle, SIGN_IN_LIMIT);
  if (!decision.allowed) throw rateLimited("sign-in attempts", decision.retryAfterSeconds);
  const user = await db.user.findUnique({
    where: { email: parsed.data },
    select: { id: true, name: true, role: true, passwordHash: true, disabled: true, sessionVersion: true },
  });
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password)) || user.disabled) return null;
  await clearRateLimit(throttle);
  return { id: user.id, name: user.name, role: user.role, sessionVersion: user.sessionVersion, deviceToken: deviceId ? opts.deviceToken! : issueDeviceToken(parsed.data) };
}

/** A new seller account (they then apply to open a store). Bad input and a taken email are field errors. */
export async function registerSeller(input: SellerSignUpInput, opts: { clientIp?: string | null } = {}): Promise<SignedInUser> {
  const data = parseInput(sellerSignUpInput, input);
  await hitAddressLimit("signup", opts.clientIp, SIGN_UP_ADDRESS_LIMIT);
  return createPasswordAccount("SELLER", data);
}

/** An email + password account of `role` (validated input); a taken email is a field error. */
export async function createPasswordAccount(role: "SELLER" | "ADMIN", data: { name: string; email: string; password: string }): Promise<SignedInUser> {
  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw new AppError("VALIDATION", "That email already has an account.", { fieldErrors: { email: ["emailTaken"] } });
  try {
    return await db.user.create({
      data: { role, name: data.name, email: data.email, passwordHash: await hashPassword(data.password) },
      select: { id: true, name: true, role: true, sessionVersion: true },
    });
  } catch (e) {
    // Two sign-ups racing for one email: the unique index decides.
    if (isUniqueViolation(e)) {
      throw new AppError("VALIDATION", "That email already has an account.", { fieldErrors: { email: ["emailTaken"] } });
    }
    throw e;
  }
}

const wechatProfile = z.object({
  openid: z.string().trim().min(1).max(64),
  unionid: z.string().trim().max(64).optional(),
  nickname: z.string(),
  headimgurl: z.string().max(1000).optional(),
});

/**
 * A buyer arriving through WeChat OAuth: found by openid, created on first visit, profile
 * (nickname, avatar, unionid) refreshed on each sign-in. A disabled buyer is refused and
 * left untouched.
 */
export async function upsertWechatBuyer(profile: { openid: string; unionid?: string; nickname: string; headimgurl?: string }): Promise<SignedInUser> {
  const p = parseInput(wechatProfile, profile);
  const existing = await db.user.findUnique({ where: { wechatOpenId: p.openid }, select: { disabled: true } });
  if (existing?.disabled) throw new AppError("FORBIDDEN", "This account is disabled.");
  const name = p.nickname.trim().slice(0, 60) || "WeChat user";
  const profileData = { name, wechatUnionId: p.unionid || null, avatarUrl: p.headimgurl || null };
  // One statement (INSERT … ON CONFLICT): two first sign-ins racing create one buyer.
  const user = await db.user.upsert({
    where: { wechatOpenId: p.openid },
    create: { role: "BUYER", wechatOpenId: p.openid, ...profileData },
    update: profileData,
    select: { id: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (user.disabled) throw new AppError("FORBIDDEN", "This account is disabled.");
  return { id: user.id, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
