// What a seller may enter for an Open API token. Pure: shared by lib/api/open-v1/tokens.ts
// and the token form.
import { z } from "zod";

export const TOKEN_LIMITS = { name: 40, activePerStore: 20 } as const;
/** Lifetimes a seller may choose, in days; 0 = does not expire. */
export const TOKEN_LIFETIMES = [0, 30, 90, 365] as const;

export const createTokenInput = z.object({
  name: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(TOKEN_LIMITS.name, { error: "tooLong" }),
  expiresInDays: z.coerce
    .number({ error: "invalid" })
    .refine((n) => (TOKEN_LIFETIMES as readonly number[]).includes(n), { error: "invalid" })
    .optional(),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;
