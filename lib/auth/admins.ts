import "server-only";
// Platform admins. Nobody can sign up as one: the first is made from the command line
// (`npm run create-admin`) on a deployment without the demo, and that is the only way in.
import crypto from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { emailSchema, passwordSchema } from "./accounts";
import { hashPassword } from "./password";

export const createAdminInput = z.object({
  email: z.string().trim().pipe(emailSchema),
  name: z.string().trim().min(1, { error: "required" }).max(60, { error: "tooLong" }),
  password: passwordSchema,
});

/** A random password for a new admin, shown to them once. */
export function generatePassword(): string {
  return crypto.randomBytes(18).toString("base64url");
}

export async function createAdmin(input: z.input<typeof createAdminInput>): Promise<{ id: string; email: string }> {
  const data = parseInput(createAdminInput, input);
  if (await db.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
    throw new AppError("VALIDATION", "That email already has an account.", { fieldErrors: { email: ["emailTaken"] } });
  }
  const user = await db.user.create({
    data: { role: "ADMIN", email: data.email, name: data.name, passwordHash: await hashPassword(data.password) },
    select: { id: true, email: true },
  });
  return { id: user.id, email: user.email! };
}
