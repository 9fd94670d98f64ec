import "server-only";
// Password reset by mail, for sellers and admins. A request mails a link holding a random
// token; only the token's SHA-256 is stored, it works once, for RESET_TOKEN_TTL_MS. The answer
// to a request is the same whether or not the address has an account (the mail is sent in the
// background, so it does not take longer either). A reset ends every session of the account.
import crypto from "node:crypto";
import { z } from "zod";
import { clearRateLimit, hitRateLimit } from "@/lib/api/rate-limit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/server";
import { sendMailInBackground } from "@/lib/mail/mailer";
import { parseInput } from "@/lib/validation";
import { emailSchema, passwordSchema } from "./accounts";
import { hashPassword } from "./password";
import { sessionsChanged } from "./session-state";

export const RESET_TOKEN_TTL_MS = 30 * 60_000;
/** Reset mails per address per hour: counted whether or not it has an account. */
export const RESET_EMAIL_LIMIT = { limit: 5, windowMs: 60 * 60_000 } as const;
/** Reset requests from one client address per hour, whatever the addresses asked for. */
export const RESET_ADDRESS_LIMIT = { limit: 30, windowMs: 60 * 60_000 } as const;

export const resetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: "invalid" });
export const requestPasswordResetInput = z.object({ email: z.string().trim().pipe(emailSchema) });
export const resetPasswordInput = z
  .object({ token: resetTokenSchema, newPassword: passwordSchema, confirmPassword: z.string().max(200, { error: "tooLong" }) })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ["confirmPassword"], error: "passwordMismatch" });

const hashResetToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
const rateLimited = (retryAfterSeconds: number) => new AppError("RATE_LIMITED", "Too many reset requests; try again later.", { details: { retryAfterSeconds } });
const invalidLink = () => new AppError("INVALID_STATE", "This reset link is not valid.", { details: { messageKey: "resetLinkInvalid" } });

/** Mails a reset link when `email` is a seller's or admin's (not suspended); otherwise does nothing, saying nothing. */
export async function requestPasswordReset(input: z.input<typeof requestPasswordResetInput>, opts: { clientIp?: string | null; locale: Locale }): Promise<void> {
  const { email } = parseInput(requestPasswordResetInput, input);
  if (opts.clientIp) {
    const byAddress = await hitRateLimit(`reset:ip:${opts.clientIp}`, RESET_ADDRESS_LIMIT);
    if (!byAddress.allowed) throw rateLimited(byAddress.retryAfterSeconds);
  }
  const byEmail = await hitRateLimit(`reset:email:${email}`, RESET_EMAIL_LIMIT);
  if (!byEmail.allowed) throw rateLimited(byEmail.retryAfterSeconds);

  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, passwordHash: true, disabled: true } });
  if (!user?.passwordHash || user.disabled) return;
  const token = crypto.randomBytes(32).toString("base64url");
  // Only the newest link works: asking again replaces the one before.
  await db.$transaction([
    db.passwordResetToken.deleteMany({ where: { userId: user.id, usedAt: null } }),
    db.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashResetToken(token), expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) } }),
  ]);
  const t = translator(opts.locale, "auth.resetMail");
  const link = `${env().APP_URL}/reset-password?token=${token}`;
  sendMailInBackground({ to: email, subject: t("subject"), text: t("body", { name: user.name, link, minutes: RESET_TOKEN_TTL_MS / 60_000 }) });
}

/** Whether a reset link's token can still be used (the page says so before asking for a password). */
export async function resetTokenUsable(token: string): Promise<boolean> {
  if (!resetTokenSchema.safeParse(token).success) return false;
  const row = await db.passwordResetToken.findUnique({ where: { tokenHash: hashResetToken(token) }, select: { usedAt: true, expiresAt: true, user: { select: { disabled: true } } } });
  return !!row && !row.usedAt && row.expiresAt > new Date() && !row.user.disabled;
}

/** Sets a new password through a reset link (used up by it) and ends the account's sessions. */
export async function resetPassword(input: z.input<typeof resetPasswordInput>): Promise<void> {
  const data = parseInput(resetPasswordInput, input);
  const tokenHash = hashResetToken(data.token);
  // Checked before hashing the password: a guessed token must not cost an Argon2 hash.
  if (!(await resetTokenUsable(data.token))) throw invalidLink();
  const passwordHash = await hashPassword(data.newPassword);
  const user = await db.$transaction(async (tx) => {
    // Used up in the statement that checks it: two uses racing, one wins.
    const [used] = await tx.$queryRaw<{ userId: string }[]>`
      UPDATE "PasswordResetToken" SET "usedAt" = now() WHERE "tokenHash" = ${tokenHash} AND "usedAt" IS NULL AND "expiresAt" > now() RETURNING "userId"`;
    if (!used) throw invalidLink();
    await tx.passwordResetToken.deleteMany({ where: { userId: used.userId, usedAt: null } });
    return tx.user.update({ where: { id: used.userId }, data: { passwordHash, sessionVersion: { increment: 1 } }, select: { id: true, email: true } });
  });
  sessionsChanged(user.id);
  // The owner is back in: guesses counted against the address no longer lock them out.
  if (user.email) await clearRateLimit(`signin:email:${user.email}`);
}
