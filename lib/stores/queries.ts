import "server-only";
import { requireAdmin, requireRole, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { StoreStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

const storeSummary = {
  id: true,
  slug: true,
  name: true,
  status: true,
  statusReason: true,
  logoImageId: true,
  submittedAt: true,
} as const;

/** The stores a seller belongs to, with their onboarding status. */
export async function listMyStores(actor: Actor | null) {
  const seller = requireRole(actor, "SELLER");
  return db.store.findMany({
    where: { members: { some: { userId: seller.userId } } },
    select: storeSummary,
    orderBy: { createdAt: "asc" },
  });
}

/** One of the seller's own stores, in full (404 for anyone else's). */
export async function getMyStore(actor: Actor | null, storeId: string) {
  requireStoreMember(actor, storeId);
  const store = await db.store.findUnique({
    where: { id: storeId },
    select: {
      ...storeSummary,
      description: true,
      businessName: true,
      officialAccountId: true,
      mchId: true,
      contactPhone: true,
      reviewedAt: true,
      payBinding: true,
      payBindingError: true,
      payBoundAt: true,
      shareMaxRatioBps: true,
      events: { select: { id: true, type: true, fromStatus: true, toStatus: true, reason: true, createdAt: true }, orderBy: { id: "desc" }, take: 20 },
    },
  });
  if (!store) throw new AppError("NOT_FOUND", "Store not found");
  return store;
}

/** Admin: stores by status, oldest submission first (a review queue is first come, first served). */
export async function listStoresForAdmin(actor: Actor | null, opts: { status?: StoreStatus; query?: string; take?: number } = {}) {
  requireAdmin(actor);
  const q = opts.query?.trim();
  return db.store.findMany({
    where: {
      ...(opts.status ? { status: opts.status } : {}),
      ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { slug: { contains: q.toLowerCase() } }, { businessName: { contains: q, mode: "insensitive" } }] } : {}),
    },
    select: { ...storeSummary, businessName: true, reviewedAt: true, payBinding: true, _count: { select: { items: true } } },
    orderBy: opts.status === "PENDING" ? { submittedAt: "asc" } : { updatedAt: "desc" },
    take: opts.take ?? 100,
  });
}

export async function countStoresByStatus(actor: Actor | null) {
  requireAdmin(actor);
  const rows = await db.store.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all])) as Partial<Record<StoreStatus, number>>;
}

/** Admin: one store's application, members and full trail. */
export async function getStoreForAdmin(actor: Actor | null, storeId: string) {
  requireAdmin(actor);
  const store = await db.store.findUnique({
    where: { id: storeId },
    select: {
      ...storeSummary,
      description: true,
      businessName: true,
      officialAccountId: true,
      mchId: true,
      contactPhone: true,
      reviewedAt: true,
      payBinding: true,
      payBindingError: true,
      payBoundAt: true,
      shareMaxRatioBps: true,
      reviewedBy: { select: { name: true } },
      members: { select: { role: true, user: { select: { name: true, email: true } } } },
      events: { select: { id: true, type: true, fromStatus: true, toStatus: true, reason: true, createdAt: true, actor: { select: { name: true } } }, orderBy: { id: "desc" } },
      _count: { select: { items: true } },
    },
  });
  if (!store) throw new AppError("NOT_FOUND", "Store not found");
  return store;
}
