import "server-only";
// A store's Open API tokens, managed by its sellers: create (the secret is returned this once;
// only its SHA-256 is kept, see lib/auth/api-tokens.ts), list, revoke. A token acts as the
// seller who created it and stops working when revoked, expired, or when that seller leaves
// the store or is disabled.
import { requireStoreMember, type Actor } from "@/lib/auth/actor";
import { issueToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { lockForTransaction } from "@/lib/db/locks";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { createTokenInput, TOKEN_LIMITS, type CreateTokenInput } from "./token-rules";

export { TOKEN_LIFETIMES, TOKEN_LIMITS } from "./token-rules";

export type TokenState = "ACTIVE" | "REVOKED" | "EXPIRED" | "CREATOR_LEFT";

export interface StoreApiToken {
  id: string;
  name: string;
  /** The first characters of the secret, to tell tokens apart. */
  prefix: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  state: TokenState;
}

export interface CreatedToken {
  id: string;
  name: string;
  prefix: string;
  expiresAt: Date | null;
  /** The secret: shown once, never stored. */
  token: string;
}

function stateOf(t: { revokedAt: Date | null; expiresAt: Date | null; user: { disabled: boolean; role: string; memberships: unknown[] } | null }, now: Date): TokenState {
  if (t.revokedAt) return "REVOKED";
  if (t.expiresAt && t.expiresAt <= now) return "EXPIRED";
  if (!t.user || t.user.disabled || t.user.role !== "SELLER" || t.user.memberships.length === 0) return "CREATOR_LEFT";
  return "ACTIVE";
}

/** The store's merchant tokens, newest first (revoked ones too, for the record). */
export async function listStoreApiTokens(actor: Actor | null, storeId: string): Promise<StoreApiToken[]> {
  requireStoreMember(actor, storeId);
  const rows = await db.apiToken.findMany({
    where: { storeId, kind: "MERCHANT" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { name: true, disabled: true, role: true, memberships: { where: { storeId }, select: { storeId: true } } } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const now = new Date();
  return rows.map((t) => ({
    id: t.id,
    name: t.name ?? "",
    prefix: t.prefix,
    createdAt: t.createdAt,
    createdBy: t.user?.name ?? null,
    lastUsedAt: t.lastUsedAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    state: stateOf(t, now),
  }));
}

/** A new token for the store, acting as the actor. The returned `token` is the only copy of the secret. */
export async function createStoreApiToken(actor: Actor | null, storeId: string, input: CreateTokenInput): Promise<CreatedToken> {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(createTokenInput, input);
  const store = await db.store.findUnique({ where: { id: storeId }, select: { status: true } });
  if (!store) throw new AppError("NOT_FOUND", "Store not found");
  if (store.status !== "APPROVED" && store.status !== "SUSPENDED") {
    throw new AppError("INVALID_STATE", "The store is not open yet: its application is still under review.");
  }
  const days = data.expiresInDays ?? 0;
  // Counted and issued under a per-store lock: tokens created at the same moment cannot
  // together pass the limit.
  const issued = await db.$transaction(async (tx) => {
    await lockForTransaction(tx, `store-api-tokens:${storeId}`);
    const active = await tx.apiToken.count({
      where: { storeId, kind: "MERCHANT", revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    });
    if (active >= TOKEN_LIMITS.activePerStore) {
      throw new AppError("VALIDATION", "This store has too many active tokens; revoke one first.", { fieldErrors: { name: ["apiTokensTooMany"] } });
    }
    return issueToken({ kind: "MERCHANT", userId: seller.userId, storeId, name: data.name, expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null }, tx);
  });
  return { id: issued.id, name: data.name, prefix: issued.prefix, expiresAt: issued.expiresAt, token: issued.token };
}

/** Revokes one of the store's tokens at once (its next request is 401). Revoking a revoked token changes nothing. */
export async function revokeStoreApiToken(actor: Actor | null, storeId: string, tokenId: string): Promise<{ revokedAt: Date }> {
  requireStoreMember(actor, storeId);
  if (typeof tokenId !== "string" || !tokenId || tokenId.length > 64) throw new AppError("NOT_FOUND", "Token not found");
  const now = new Date();
  const { count } = await db.apiToken.updateMany({ where: { id: tokenId, storeId, kind: "MERCHANT", revokedAt: null }, data: { revokedAt: now } });
  if (count === 1) return { revokedAt: now };
  const existing = await db.apiToken.findFirst({ where: { id: tokenId, storeId, kind: "MERCHANT" }, select: { revokedAt: true } });
  if (!existing?.revokedAt) throw new AppError("NOT_FOUND", "Token not found");
  return { revokedAt: existing.revokedAt };
}
