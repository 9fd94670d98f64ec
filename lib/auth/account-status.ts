import "server-only";
// Suspending a user's account (User.disabled) and lifting it. A suspended account cannot sign
// in (lib/auth/accounts.ts), its API tokens answer as unknown (lib/auth/api-tokens.ts), and
// its sessions end at once on every instance (lib/auth/session-state.ts).
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireAdmin, type Actor } from "./actor";
import { sessionsChanged } from "./session-state";

export const setAccountDisabledInput = z.object({ userId: z.string().min(1).max(64), disabled: z.boolean() });

/** Admins only (anyone else: 404). An admin cannot suspend their own account. */
export async function setAccountDisabled(actor: Actor | null, input: z.input<typeof setAccountDisabledInput>): Promise<{ userId: string; disabled: boolean }> {
  const admin = requireAdmin(actor);
  const { userId, disabled } = parseInput(setAccountDisabledInput, input);
  if (disabled && userId === admin.userId) throw new AppError("CONFLICT", "You cannot suspend your own account.");
  // Suspending also moves the session version on, so sessions stay ended once it is lifted.
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { disabled, ...(disabled ? { sessionVersion: { increment: 1 } } : {}) } });
  if (!count) throw new AppError("NOT_FOUND", "Not found");
  sessionsChanged(userId);
  return { userId, disabled };
}
