import "server-only";
// Transaction-scoped advisory locks: for "read, check, then write" steps that no row lock
// covers (a count against a limit, "exactly one default"), so two requests for the same
// owner take turns. Released at commit or rollback.
import type { Tx } from "./client";

export async function lockForTransaction(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}
