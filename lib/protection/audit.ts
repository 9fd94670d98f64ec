import "server-only";
// The admin audit log: who did what to which record, when and why. Append-only (the database
// refuses UPDATE and DELETE); written in the transaction of the action it records.
import { isInt8Id } from "@/lib/validation";
import { requireAdmin, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { AUDIT_SUBJECT_TYPES, AuditAction } from "./audit-actions";
import { caseLinks } from "./links";

type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

export async function writeAudit(tx: Tx, e: { actorId: string; action: AuditAction; subjectType: AuditSubjectType; subjectId: string; reason?: string | null; data?: Record<string, unknown> }) {
  await tx.auditLog.create({
    data: { actorId: e.actorId, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, reason: e.reason ?? null, data: e.data ? (e.data as Prisma.InputJsonValue) : Prisma.JsonNull },
  });
}

/**
 * The record an entry is about, as people know it: a complaint or case by its number, an
 * order by its order number, a store by its name, a fee rate by its category (null: the
 * platform rate), a discrepancy by its bill date and reference; where an admin reads it.
 */
export interface AuditSubject {
  type: string;
  /** Its number or name; null when nothing better than the type can be said. */
  label: string | null;
  /** The name in English where names have two languages (categories). */
  labelEn?: string;
  href: string | null;
}

export interface AuditEntry {
  id: string;
  actorId: string;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  subject: AuditSubject;
  reason: string | null;
  data: unknown;
  createdAt: Date;
}

const enc = encodeURIComponent;

/** Numbers and names of the subjects of `rows`, a query per kind of subject. */
export async function describeAuditSubjects(rows: { subjectType: string; subjectId: string }[]): Promise<(r: { subjectType: string; subjectId: string }) => AuditSubject> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type).map((r) => r.subjectId))];
  const none = Promise.resolve([] as never[]);
  const [complaints, requests, orders, stores, categories, discrepancies] = await Promise.all([
    ids("Complaint").length ? db.complaint.findMany({ where: { id: { in: ids("Complaint") } }, select: { id: true, caseNo: true } }) : none,
    ids("AfterSaleRequest").length ? db.afterSaleRequest.findMany({ where: { id: { in: ids("AfterSaleRequest") } }, select: { id: true, caseNo: true } }) : none,
    ids("Order").length ? db.order.findMany({ where: { id: { in: ids("Order") } }, select: { id: true, orderNo: true } }) : none,
    ids("Store").length ? db.store.findMany({ where: { id: { in: ids("Store") } }, select: { id: true, name: true } }) : none,
    ids("FeeRate").length ? db.category.findMany({ where: { id: { in: ids("FeeRate") } }, select: { id: true, nameZh: true, nameEn: true } }) : none,
    ids("ReconDiscrepancy").length ? db.reconDiscrepancy.findMany({ where: { id: { in: ids("ReconDiscrepancy") } }, select: { id: true, billDate: true, ref: true } }) : none,
  ]);
  const by = <T extends { id: string }>(list: T[], label: (x: T) => string) => new Map(list.map((x) => [x.id, label(x)]));
  const labels: Record<string, Map<string, string>> = {
    Complaint: by(complaints, (c) => c.caseNo),
    AfterSaleRequest: by(requests, (r) => r.caseNo),
    Order: by(orders, (o) => o.orderNo),
    Store: by(stores, (s) => s.name),
    FeeRate: by(categories, (c) => c.nameZh),
    ReconDiscrepancy: by(discrepancies, (d) => `${d.billDate} ${d.ref}`),
  };
  const hrefs: Record<string, (id: string) => string> = {
    Complaint: (id) => caseLinks.adminComplaint(id),
    AfterSaleRequest: (id) => caseLinks.adminCase(id),
    Order: () => "/admin/funds",
    Store: (id) => `/admin/stores/${enc(id)}`,
    FeeRate: () => "/admin/funds",
    ReconDiscrepancy: () => "/admin/reconciliation",
  };
  const namesEn = by(categories, (c) => c.nameEn);
  return (r) => {
    const labelEn = r.subjectType === "FeeRate" ? namesEn.get(r.subjectId) : undefined;
    return { type: r.subjectType, label: labels[r.subjectType]?.get(r.subjectId) ?? null, ...(labelEn ? { labelEn } : {}), href: hrefs[r.subjectType]?.(r.subjectId) ?? null };
  };
}

/** Admin: the audit log, newest first, optionally for one subject; `before` pages back by id. */
export async function listAuditLog(actor: Actor | null, opts: { subjectType?: string; subjectId?: string; before?: string; take?: number } = {}): Promise<{ entries: AuditEntry[]; nextBefore: string | null }> {
  requireAdmin(actor);
  const take = Math.min(Math.max(opts.take ?? 50, 1), 200);
  // A cursor that is not a row id within int8 is ignored, as an unreadable one always was.
  const before = opts.before && isInt8Id(opts.before) ? BigInt(opts.before) : undefined;
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
  const [users, subjectOf] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...new Set(page.map((r) => r.actorId))] } }, select: { id: true, name: true } }),
    describeAuditSubjects(page),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    entries: page.map((r) => ({ ...r, id: String(r.id), actorName: names.get(r.actorId) ?? null, subject: subjectOf(r) })),
    nextBefore: rows.length > take ? String(page[page.length - 1].id) : null,
  };
}
