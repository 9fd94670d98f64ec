import "server-only";
// Buyers' evidence images: a buyer may upload images only for one of their own paid orders;
// the image is filed under that order's store with the buyer as uploader, and only that buyer
// can attach it to a case (assertCaseImagesUsable).
import { requireRole, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { saveImage, type UploadedImage } from "@/lib/media/upload";

export async function uploadCaseEvidence(actor: Actor | null, opts: { orderId: string; data: Buffer }): Promise<UploadedImage> {
  const buyer = requireRole(actor, "BUYER");
  const order = await db.order.findFirst({
    where: { id: opts.orderId, buyerId: buyer.userId, status: { in: ["PAID", "SHIPPED", "COMPLETED", "CLOSED"] } },
    select: { storeId: true },
  });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  return saveImage({ storeId: order.storeId, uploaderId: buyer.userId, data: opts.data });
}
