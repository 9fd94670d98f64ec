import "server-only";
// Who reaches which case: a buyer their own, a seller their store's, an admin any. Anything
// else is NOT_FOUND (404), exactly like a case that does not exist. Also who may attach which
// images to a case.
import { requireAdmin, requireRole, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CaseActor } from "./request-state";

export interface CaseKey {
  id: string;
  orderId: string;
  storeId: string;
  buyerId: string;
}

const keySelect = { id: true, orderId: true, storeId: true, buyerId: true } as const;

function notFound(): AppError {
  return new AppError("NOT_FOUND", "Case not found");
}

export async function buyerCase(actor: Actor | null, requestId: string): Promise<{ key: CaseKey; by: CaseActor }> {
  const buyer = requireRole(actor, "BUYER");
  const key = await db.afterSaleRequest.findFirst({ where: { id: requestId, buyerId: buyer.userId }, select: keySelect });
  if (!key) throw notFound();
  return { key, by: { kind: "BUYER", id: buyer.userId } };
}

export async function sellerCase(actor: Actor | null, storeId: string, requestId: string): Promise<{ key: CaseKey; by: CaseActor }> {
  const seller = requireStoreMember(actor, storeId);
  const key = await db.afterSaleRequest.findFirst({ where: { id: requestId, storeId }, select: keySelect });
  if (!key) throw notFound();
  return { key, by: { kind: "SELLER", id: seller.userId } };
}

export async function adminCase(actor: Actor | null, requestId: string): Promise<{ key: CaseKey; by: CaseActor }> {
  const admin = requireAdmin(actor);
  const key = await db.afterSaleRequest.findUnique({ where: { id: requestId }, select: keySelect });
  if (!key) throw notFound();
  return { key, by: { kind: "ADMIN", id: admin.userId } };
}

/** A case as whichever party the actor is: the buyer's own, the seller's store's (storeId given), or any for an admin. */
export async function partyCase(actor: Actor | null, requestId: string, storeId?: string) {
  const a = requireRole(actor, "BUYER", "SELLER", "ADMIN");
  if (a.role === "BUYER") return buyerCase(a, requestId);
  if (a.role === "SELLER") return sellerCase(a, storeId ?? "", requestId);
  return adminCase(a, requestId);
}

/**
 * Images a party may attach on a case: their own uploads, made for this store (a buyer's
 * evidence upload is filed under the order's store; a seller's into their store) or, for an
 * admin, their own unattached ones. Unknown and foreign ids get the same field error.
 */
export async function assertCaseImagesUsable(tx: Tx, opts: { by: CaseActor; storeId: string; imageIds: string[]; field: string }) {
  const ids = [...new Set(opts.imageIds)];
  if (!ids.length) return;
  const rows = await tx.image.findMany({ where: { id: { in: ids } }, select: { id: true, storeId: true, uploaderId: true } });
  const ok = new Set(
    rows
      .filter((r) => r.uploaderId === opts.by.id && r.storeId === (opts.by.kind === "ADMIN" ? null : opts.storeId))
      .map((r) => r.id),
  );
  if (ids.some((id) => !ok.has(id))) throw new AppError("VALIDATION", "Unknown image.", { fieldErrors: { [opts.field]: ["imageUnknown"] } });
}
