import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import type { Role } from "./actor";

export interface SignedInUser {
  id: string;
  name: string;
  role: Role;
}

export const emailSchema = z.email({ error: "emailFormat" }).max(254).transform((e) => e.trim().toLowerCase());
export const passwordSchema = z.string().min(8, { error: "passwordTooShort" }).max(200);

export const sellerSignUpInput = z.object({
  name: z.string().trim().min(1, { error: "required" }).max(60),
  email: z.string().trim().pipe(emailSchema),
  password: passwordSchema,
});
export type SellerSignUpInput = z.input<typeof sellerSignUpInput>;

/** Email + password sign-in for sellers and admins. Null on any mismatch (no hint which). */
export async function authenticateWithPassword(email: string, password: string): Promise<SignedInUser | null> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({
    where: { email: parsed.data },
    select: { id: true, name: true, role: true, passwordHash: true, disabled: true },
  });
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password)) || user.disabled) return null;
  return { id: user.id, name: user.name, role: user.role };
}

export async function registerSeller(input: SellerSignUpInput): Promise<SignedInUser> {
  const data = sellerSignUpInput.parse(input);
  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw new AppError("VALIDATION", "That email already has an account.", { fieldErrors: { email: ["emailTaken"] } });
  try {
    return await db.user.create({
      data: { role: "SELLER", name: data.name, email: data.email, passwordHash: await hashPassword(data.password) },
      select: { id: true, name: true, role: true },
    });
  } catch (e) {
    // Two sign-ups racing for one email: the unique index decides.
    if ((e as { code?: string }).code === "P2002") {
      throw new AppError("VALIDATION", "That email already has an account.", { fieldErrors: { email: ["emailTaken"] } });
    }
    throw e;
  }
}

/** A buyer arriving through WeChat OAuth: found by openid, created on first visit, profile refreshed. */
export async function upsertWechatBuyer(profile: { openid: string; unionid?: string; nickname: string; headimgurl?: string }): Promise<SignedInUser> {
  const name = profile.nickname.trim().slice(0, 60) || "WeChat user";
  const user = await db.user.upsert({
    where: { wechatOpenId: profile.openid },
    create: { role: "BUYER", name, wechatOpenId: profile.openid, wechatUnionId: profile.unionid, avatarUrl: profile.headimgurl || null },
    update: { name, wechatUnionId: profile.unionid, avatarUrl: profile.headimgurl || null },
    select: { id: true, name: true, role: true, disabled: true },
  });
  if (user.disabled) throw new AppError("FORBIDDEN", "This account is disabled.");
  return { id: user.id, name: user.name, role: user.role };
}
