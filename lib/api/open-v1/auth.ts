import "server-only";
// Who is calling the Open API: a store's MERCHANT token, acting as the seller who created it.
// The actor is narrowed to the token's store, so every domain function's requireStoreMember
// answers 404 for anything of another store, even one the same seller belongs to.
import type { Actor } from "@/lib/auth/actor";
import { verifyBearer } from "@/lib/auth/api-tokens";

export interface MerchantIdentity {
  tokenId: string;
  kind: "MERCHANT";
  storeId: string;
  /** The token's creator, limited to the token's store. */
  actor: Actor;
}

/**
 * The identity behind `Authorization: Bearer lsm_…`, or null when the token is missing,
 * malformed, unknown, expired or revoked, or its creator was disabled or is no longer a
 * seller of the token's store.
 */
export async function authenticateMerchant(authorization: string | null): Promise<MerchantIdentity | null> {
  const identity = await verifyBearer(authorization, "MERCHANT");
  if (!identity?.storeId || !identity.actor) return null;
  const { actor, storeId } = identity;
  if (actor.role !== "SELLER" || !actor.storeIds.includes(storeId)) return null;
  return { tokenId: identity.tokenId, kind: "MERCHANT", storeId, actor: { ...actor, storeIds: [storeId] } };
}
