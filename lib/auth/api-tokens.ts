import "server-only";
// Bearer tokens for the JSON APIs. A token is 32 random bytes shown once; only its SHA-256
// is stored, so a database leak does not leak usable tokens.
import crypto from "node:crypto";
import { batcher, READ_BATCH } from "@/lib/db/batch";
import { db, type Tx } from "@/lib/db/client";
import type { ApiTokenKind } from "@/lib/db/generated/enums";
import type { Actor } from "./actor";
import { actorColumns, actorFromRow, type ActorRow } from "./actor-row";

const PREFIX: Record<ApiTokenKind, string> = { BUYER: "lsb_", MERCHANT: "lsm_" };
export const BUYER_TOKEN_DAYS = 30;

export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** `client`: a transaction to issue it in (default: the app's client). */
export async function issueToken(opts: { kind: ApiTokenKind; userId?: string; storeId?: string; name?: string; expiresAt?: Date | null }, client: Pick<Tx, "apiToken"> = db) {
  const token = PREFIX[opts.kind] + crypto.randomBytes(32).toString("base64url");
  const row = await client.apiToken.create({
    data: { kind: opts.kind, userId: opts.userId ?? null, storeId: opts.storeId ?? null, name: opts.name ?? null, tokenHash: hashToken(token), prefix: token.slice(0, 10), expiresAt: opts.expiresAt ?? null },
    select: { id: true, prefix: true, expiresAt: true, createdAt: true },
  });
  return { token, ...row };
}

export function issueBuyerToken(userId: string) {
  return issueToken({ kind: "BUYER", userId, expiresAt: new Date(Date.now() + BUYER_TOKEN_DAYS * 86_400_000) });
}

export interface BearerIdentity {
  tokenId: string;
  kind: ApiTokenKind;
  storeId: string | null;
  actor: Actor | null;
}

type TokenRow = { id: string; kind: ApiTokenKind; storeId: string | null; expiresAt: Date | null; revokedAt: Date | null; lastUsedAt: Date | null; tokenUserId: string | null } & ActorRow;

/**
 * Tokens with their users and the users' stores, by hash: every API request looks its token
 * up, so lookups made at the same moment share one statement (lib/db/batch.ts).
 */
const tokensByHash = batcher(
  async (hashes: string[]): Promise<(TokenRow | undefined)[]> => {
    const rows = await db.$queryRaw<(TokenRow & { tokenHash: string })[]>`
      SELECT t."tokenHash", t.id, t.kind::text AS kind, t."userId" AS "tokenUserId", t."storeId", t."expiresAt", t."revokedAt", t."lastUsedAt", ${actorColumns}
        FROM "ApiToken" t LEFT JOIN "User" u ON u.id = t."userId"
       WHERE t."tokenHash" = ANY(${hashes}::text[])`;
    const byHash = new Map(rows.map(({ tokenHash, ...row }) => [tokenHash, row]));
    return hashes.map((h) => byHash.get(h));
  },
  READ_BATCH,
);

/** The identity behind an `Authorization: Bearer …` header, or null when missing, unknown, expired or revoked. */
export async function verifyBearer(header: string | null, kind: ApiTokenKind): Promise<BearerIdentity | null> {
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header?.trim() ?? "");
  if (!m || !m[1].startsWith(PREFIX[kind])) return null;
  const row = await tokensByHash(hashToken(m[1]));
  if (!row || row.kind !== kind || row.revokedAt || (row.expiresAt && row.expiresAt < new Date())) return null;
  const actor = actorFromRow(row);
  if (row.tokenUserId && !actor) return null; // the user was disabled
  // Recording use costs a write: at most once a minute per token.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: row.id, kind: row.kind, storeId: row.storeId, actor };
}
