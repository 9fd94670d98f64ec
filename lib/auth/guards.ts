import "server-only";
// Page-level access: not signed in → sign-in page (then back); wrong role or someone
// else's record → 404, exactly as for a record that does not exist.
import { notFound, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import type { Actor, Role } from "./actor";
import { getActor } from "./session";

export function signInUrl(next: string) {
  return `/signin?callbackUrl=${encodeURIComponent(next)}`;
}

export async function pageActor(opts: { roles: Role[]; next: string }): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(signInUrl(opts.next));
  if (!opts.roles.includes(actor.role)) notFound();
  return actor;
}

/** Runs a domain read for a page, turning NOT_FOUND into the 404 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "UNAUTHENTICATED")) notFound();
    throw e;
  }
}
