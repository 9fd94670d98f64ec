// Who is acting, and the authorisation rules over records. Pure: no I/O.
import { AppError } from "@/lib/errors";

export type Role = "BUYER" | "SELLER" | "ADMIN";

export interface Actor {
  userId: string;
  role: Role;
  name: string;
  /** Stores this user is a member of (sellers only). */
  storeIds: string[];
}

export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  return actor;
}

/** Admin-only: everyone else gets 404, so admin surfaces are not even confirmed to exist. */
export function requireAdmin(actor: Actor | null | undefined): Actor {
  const a = requireActor(actor);
  if (a.role !== "ADMIN") throw new AppError("NOT_FOUND", "Not found");
  return a;
}

export function requireRole(actor: Actor | null | undefined, ...roles: Role[]): Actor {
  const a = requireActor(actor);
  if (!roles.includes(a.role)) throw new AppError("NOT_FOUND", "Not found");
  return a;
}

export function isStoreMember(actor: Actor | null | undefined, storeId: string): boolean {
  return !!actor && actor.role === "SELLER" && actor.storeIds.includes(storeId);
}

/**
 * A seller reaches only their own store's rows: anything else is 404, not 403. `notFound`
 * names what was asked for when the store was read from it (an item, a group): someone
 * else's must answer exactly as a missing one does, or the message tells them it exists.
 */
export function requireStoreMember(actor: Actor | null | undefined, storeId: string, notFound = "Store not found"): Actor {
  const a = requireActor(actor);
  if (!isStoreMember(a, storeId)) throw new AppError("NOT_FOUND", notFound);
  return a;
}
