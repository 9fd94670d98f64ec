import "server-only";
// Who may attach which uploaded image. An image belongs to a store once attached; before
// that (a logo on a store application) it belongs to its uploader alone.
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Checks that every id names an image the actor may use in `storeId` (or, with storeId null,
 * one they uploaded themselves). Unknown and foreign ids get the same field error.
 */
export async function assertImagesUsable(tx: Tx, opts: { userId: string; storeId: string | null; imageIds: string[]; field: string }) {
  const ids = [...new Set(opts.imageIds)];
  if (!ids.length) return;
  const rows = await tx.image.findMany({ where: { id: { in: ids } }, select: { id: true, storeId: true, uploaderId: true } });
  const ok = new Set(
    rows.filter((r) => (r.storeId ? r.storeId === opts.storeId : r.uploaderId === opts.userId)).map((r) => r.id),
  );
  if (ids.some((id) => !ok.has(id))) {
    throw new AppError("VALIDATION", "Unknown image.", { fieldErrors: { [opts.field]: ["imageUnknown"] } });
  }
}

/** Moves the actor's own unattached images into a store (e.g. when an application creates it). */
export async function claimImages(tx: Tx, opts: { userId: string; storeId: string; imageIds: string[] }) {
  if (!opts.imageIds.length) return;
  await tx.image.updateMany({
    where: { id: { in: opts.imageIds }, storeId: null, uploaderId: opts.userId },
    data: { storeId: opts.storeId },
  });
}
