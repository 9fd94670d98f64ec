import "server-only";
// Which stores may work on their catalogue: an approved store, and a suspended one (it may
// tidy up, but not sell). Pending and rejected applications have no catalogue yet.
import type { Tx } from "@/lib/db/client";
import type { StoreStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

/**
 * The store's status, refusing (INVALID_STATE) one that is not APPROVED or SUSPENDED.
 * Takes a share lock on the store row, so a suspension cannot slip in between this check
 * and the caller's writes (the admin's status UPDATE waits for our transaction).
 */
export async function assertStoreOperating(tx: Tx, storeId: string): Promise<StoreStatus> {
  const rows = await tx.$queryRaw<{ status: StoreStatus }[]>`SELECT "status" FROM "Store" WHERE "id" = ${storeId} FOR SHARE`;
  const status = rows[0]?.status;
  if (!status) throw new AppError("NOT_FOUND", "Store not found");
  if (status !== "APPROVED" && status !== "SUSPENDED") {
    throw new AppError("INVALID_STATE", "The store is not open yet: its application is still under review.");
  }
  return status;
}
