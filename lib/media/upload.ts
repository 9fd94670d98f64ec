import "server-only";
import { hitRateLimit } from "@/lib/api/rate-limit";
import { requireRole, requireStoreMember, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { storage } from "@/lib/storage";
import { createId } from "./ids";
import { processImage } from "./process";
import { mediaSrc } from "./variants";

export interface UploadedImage {
  id: string;
  width: number;
  height: number;
  src: string;
}

export function imageKey(imageId: string, width: number) {
  return `images/${imageId}/${width}.webp`;
}

/**
 * Images one account may upload per hour, counted before any decoding (an upload costs a
 * decode and five WebP encodes, and anyone can open a seller account): a seller filling a
 * store with items and galleries stays well under it; a script uploading in a loop does not.
 */
export const UPLOAD_LIMIT = { limit: 300, windowMs: 60 * 60_000 } as const;

/**
 * Stores an uploaded image for a seller: into one of their stores, or (storeId null) as
 * their own until an application or store claims it.
 */
export async function uploadImage(actor: Actor | null, opts: { storeId: string | null; data: Buffer }): Promise<UploadedImage> {
  const seller = opts.storeId ? requireStoreMember(actor, opts.storeId) : requireRole(actor, "SELLER", "ADMIN");
  return saveImage({ storeId: opts.storeId, uploaderId: seller.userId, data: opts.data });
}

/**
 * Processes and stores an image for an uploader the caller has already authorised (e.g. a
 * buyer's evidence for a case, filed under the order's store). Files first, then the row: a
 * row never points at missing files, and a failure removes what was written.
 */
export async function saveImage(opts: { storeId: string | null; uploaderId: string; data: Buffer }): Promise<UploadedImage> {
  const quota = await hitRateLimit(`upload:${opts.uploaderId}`, UPLOAD_LIMIT);
  if (!quota.allowed) throw new AppError("RATE_LIMITED", "Too many uploads; try again later.", { details: { retryAfterSeconds: quota.retryAfterSeconds } });
  const processed = await processImage(opts.data, { maxBytes: env().UPLOAD_MAX_BYTES });
  const id = createId();
  const store = storage();
  try {
    for (const v of processed.variants) await store.put(imageKey(id, v.width), v.data, "image/webp");
    await db.image.create({
      data: {
        id,
        storeId: opts.storeId,
        uploaderId: opts.uploaderId,
        sourceType: processed.sourceType,
        width: processed.width,
        height: processed.height,
        bytes: opts.data.length,
        sha256: processed.sha256,
        variants: processed.variants.map((v) => v.width),
      },
    });
  } catch (e) {
    await store.deletePrefix(`images/${id}/`).catch(() => {});
    throw e;
  }
  return { id, width: processed.width, height: processed.height, src: mediaSrc(id) };
}
