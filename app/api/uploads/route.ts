import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, readFormData, route } from "@/lib/http";
import { uploadImage } from "@/lib/media/upload";
import { uploadCaseEvidence } from "@/lib/protection/uploads";

const fields = z.object({ storeId: z.string().min(1).max(64).optional(), orderId: z.string().min(1).max(64).optional() });

/**
 * POST multipart/form-data { file, storeId? | orderId? } → 201 { image: { id, width, height, src } }
 * orderId: a buyer's evidence image for an after-sale case on that order of theirs.
 */
export const POST = route(async (req: Request) => {
  // Cookie-authenticated: a page on another origin of the same site must not upload as the user.
  assertSameOrigin(req, env().APP_URL);
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  let form: FormData;
  try {
    // The file plus multipart overhead; reading stops as soon as the body is larger.
    form = await readFormData(req, env().UPLOAD_MAX_BYTES + 64_000);
  } catch (e) {
    if (e instanceof AppError && e.code === "TOO_LARGE") throw new AppError("TOO_LARGE", "The file is too large.", { fieldErrors: { file: ["fileTooLarge"] } });
    throw new AppError("VALIDATION", "Expected multipart/form-data with a file.", { fieldErrors: { file: ["fileMissing"] } });
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("VALIDATION", "No file was sent.", { fieldErrors: { file: ["fileMissing"] } });
  const parsed = fields.safeParse({ storeId: form.get("storeId") ?? undefined, orderId: form.get("orderId") ?? undefined });
  if (!parsed.success) throw new AppError("VALIDATION", "Bad store or order id.", { fieldErrors: { storeId: ["invalid"] } });
  const data = Buffer.from(await file.arrayBuffer());
  const image = parsed.data.orderId
    ? await uploadCaseEvidence(actor, { orderId: parsed.data.orderId, data })
    : await uploadImage(actor, { storeId: parsed.data.storeId ?? null, data });
  return Response.json({ image }, { status: 201 });
});
