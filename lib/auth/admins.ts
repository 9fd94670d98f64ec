import "server-only";
// Platform admins. Nobody can sign up as one: the first is made from the command line
// (`npm run create-admin`) on a deployment without the demo, and that is the only way in.
import crypto from "node:crypto";
import { z } from "zod";
import { parseInput } from "@/lib/validation";
import { createPasswordAccount, emailSchema, passwordSchema } from "./accounts";

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
  const user = await createPasswordAccount("ADMIN", data);
  return { id: user.id, email: data.email };
}
