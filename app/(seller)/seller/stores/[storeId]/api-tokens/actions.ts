"use server";
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { createStoreApiToken, revokeStoreApiToken } from "@/lib/api/open-v1/tokens";

// Shapes only: lib/api/open-v1/tokens.ts validates the values and reports field errors itself.
const str = z.string();

/** Creates a token; the answer carries the secret, which is never shown again. */
export const createApiTokenAction = defineFormAction(
  { input: z.object({ storeId: str, name: str, expiresInDays: str.optional() }), auth: ["SELLER"] },
  async ({ storeId, name, expiresInDays }, { actor }) => {
    const t = await createStoreApiToken(actor, storeId, { name, expiresInDays: expiresInDays || undefined });
    return { id: t.id, name: t.name, prefix: t.prefix, expiresAt: t.expiresAt?.toISOString() ?? null, token: t.token };
  },
);

export const revokeApiTokenAction = defineAction({ input: z.object({ storeId: str, tokenId: str }), auth: ["SELLER"] }, async ({ storeId, tokenId }, { actor }) => {
  await revokeStoreApiToken(actor, storeId, tokenId);
  return null;
});
