import "server-only";
// The admin audit log: who did what to which record, when and why. Append-only (the database
// refuses UPDATE and DELETE); written in the transaction of the action it records.
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

export async function writeAudit(tx: Tx, e: { actorId: string; action: string; subjectType: string; subjectId: string; reason?: string | null; data?: Record<string, unknown> }) {
  await tx.auditLog.create({
    data: { actorId: e.actorId, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, reason: e.reason ?? null, data: e.data ? (e.data as Prisma.InputJsonValue) : Prisma.JsonNull },
  });
}

export interface AuditEntry {
  id: string;
  actorId: string;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  reason: string | null;
  data: unknown;
  createdAt: Date;
}

/** Admin: the audit log, newest first, optionally for one subject; `before` pages back by id. */
export async function listAuditLog(actor: Actor | null, opts: { subjectType?: string; subjectId?: string; before?: string; take?: number } = {}): Promise<{ entries: AuditEntry[]; nextBefore: string | null }> {
  requireAdmin(actor);
  const take = Math.min(Math.max(opts.take ?? 50, 1), 200);
  let before: bigint | undefined;
  try {
    before = opts.before ? BigInt(opts.before) : undefined;
  } catch {
    before = undefined;
  }
  const rows = await db.auditLog.findMany({
    where: {
      ...(opts.subjectType ? { subjectType: opts.subjectType } : {}),
      ...(opts.subjectId ? { subjectId: opts.subjectId } : {}),
      ...(before !== undefined ? { id: { lt: before } } : {}),
    },
    orderBy: { id: "desc" },
    take: take + 1,
    select: { id: true, actorId: true, action: true, subjectType: true, subjectId: true, reason: true, data: true, createdAt: true },
  });
  const page = rows.slice(0, take);
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: [...new Set(page.map((r) => r.actorId))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  return {
    entries: page.map((r) => ({ ...r, id: String(r.id), actorName: names.get(r.actorId) ?? null })),
    nextBefore: rows.length > take ? String(page[page.length - 1].id) : null,
  };
}
