import "server-only";
// The token's store, reference data (categories) and image upload.
import crypto from "node:crypto";
import { z } from "zod";
import { listCategories } from "@/lib/catalog/queries";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { uploadImage } from "@/lib/media/upload";
import { endpoint, type Endpoint } from "../../endpoint";
import { getTokenStore } from "../queries";
import { categorySchema, imageSchema, storeSchema } from "../schemas";
import { imageUrl } from "../serialize";
import { caller, idempotent } from "../support";
import { readBody } from "@/lib/http";

export const storeEndpoints: Endpoint[] = [
  endpoint({
    method: "GET",
    path: "/store",
    operationId: "getStore",
    tag: "Store",
    summary: "The token's store",
    description: "Which store this token works on, the token itself and its rate limit: a cheap way to check a token.",
    auth: true,
    responses: { 200: { description: "The store.", schema: storeSchema } },
    handler: async (ctx) => {
      const { actor, storeId, tokenId } = caller(ctx);
      const { store, token } = await getTokenStore(actor, storeId, tokenId);
      if (store.status !== "APPROVED" && store.status !== "SUSPENDED") throw new AppError("NOT_FOUND", "Store not found");
      return {
        status: 200,
        body: {
          id: store.id,
          slug: store.slug,
          name: store.name,
          status: store.status,
          token: { id: token.id, name: token.name ?? "", prefix: token.prefix, expiresAt: token.expiresAt?.toISOString() ?? null },
          rateLimit: { perMinute: env().OPEN_API_RATE_LIMIT_PER_MINUTE },
        },
      };
    },
  }),
  endpoint({
    method: "GET",
    path: "/categories",
    operationId: "listCategories",
    tag: "Store",
    summary: "Product categories",
    description: "The platform's categories; a product's `categoryId` is one of these ids.",
    auth: true,
    responses: { 200: { description: "Every category, in display order.", schema: z.object({ categories: z.array(categorySchema) }) } },
    handler: async () => ({ status: 200, body: { categories: await listCategories() } }),
  }),
  endpoint({
    method: "POST",
    path: "/images",
    operationId: "uploadImage",
    tag: "Store",
    summary: "Upload an image",
    description:
      "Send the image file itself as the request body (Content-Type image/jpeg, image/png, image/webp or image/gif; up to the server's upload limit, 10 MB by default). The answer's `id` is what products (mainImageId, galleryImageIds, description images) and shelf banners refer to.",
    auth: true,
    idempotencyKey: "optional",
    responses: {
      201: { description: "Stored.", schema: imageSchema },
      413: { description: "TOO_LARGE: over the upload limit." },
      415: { description: "UNSUPPORTED_MEDIA: not an image we can read." },
    },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      const max = env().UPLOAD_MAX_BYTES;
      const data = await readBody(ctx.req, max);
      if (!data.length) throw new AppError("VALIDATION", "Send the image as the request body.", { fieldErrors: { body: ["fileMissing"] } });
      const sha256 = crypto.createHash("sha256").update(data).digest("hex");
      return idempotent({ ...ctx, body: { sha256 } }, async () => {
        const image = await uploadImage(actor, { storeId, data });
        return { status: 201, body: { id: image.id, width: image.width, height: image.height, url: imageUrl(image.id)! } };
      });
    },
  }),
];
