import "server-only";
// A seller or admin changing their own password. It ends every other session of the account
// (lib/auth/session-state.ts); the browser that changed it keeps its session, re-issued at
// the new version by the action (lib/auth/session-cookie.ts).
import { z } from "zod";
import { clearRateLimit, hitRateLimit } from "@/lib/api/rate-limit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { passwordSchema } from "./accounts";
import { requireRole, type Actor } from "./actor";
import { hashPassword, verifyPassword } from "./password";
import { sessionsChanged } from "./session-state";

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, { error: "required" }).max(200, { error: "tooLong" }),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(200, { error: "tooLong" }),
  })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ["confirmPassword"], error: "passwordMismatch" });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

/**
 * Current-password guesses allowed per account per window: a session left open (or stolen)
 * must not become a way to find the password by trying. A success clears the count.
 */
export const PASSWORD_CHANGE_LIMIT = { limit: 10, windowMs: 15 * 60_000 } as const;

/**
 * Sets a new password after checking the current one (a wrong one is a field error on
 * currentPassword) and ends the account's sessions. Returns the new session version.
 */
export async function changePassword(actor: Actor | null, input: ChangePasswordInput): Promise<{ sessionVersion: number }> {
  const me = requireRole(actor, "SELLER", "ADMIN");
  const data = parseInput(changePasswordInput, input);
  const throttle = `password-change:user:${me.userId}`;
  const decision = await hitRateLimit(throttle, PASSWORD_CHANGE_LIMIT);
  if (!decision.allowed) throw new AppError("RATE_LIMITED", "Too many attempts; try again later.", { details: { retryAfterSeconds: decision.retryAfterSeconds } });
  const user = await db.user.findUnique({ where: { id: me.userId }, select: { passwordHash: true } });
  if (!user?.passwordHash) throw new AppError("NOT_FOUND", "Not found");
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new AppError("VALIDATION", "The current password is wrong.", { fieldErrors: { currentPassword: ["currentPasswordWrong"] } });
  }
  const newHash = await hashPassword(data.newPassword);
  // Only over the hash that was checked: two changes racing must not both pass one check.
  const rows = await db.$queryRaw<{ sessionVersion: number }[]>`
    UPDATE "User" SET "passwordHash" = ${newHash}, "sessionVersion" = "sessionVersion" + 1, "updatedAt" = now()
     WHERE id = ${me.userId} AND "passwordHash" = ${user.passwordHash}
     RETURNING "sessionVersion"`;
  if (!rows.length) throw new AppError("CONFLICT", "The password was changed meanwhile.");
  sessionsChanged(me.userId);
  await clearRateLimit(throttle);
  return { sessionVersion: rows[0].sessionVersion };
}
