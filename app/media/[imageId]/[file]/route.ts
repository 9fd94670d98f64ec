import { imageKey } from "@/lib/media/upload";
import { isVariantWidth } from "@/lib/media/variants";
import { storage } from "@/lib/storage";

// Stored variants never change (a new upload gets a new id): cache them forever.
export async function GET(_req: Request, ctx: { params: Promise<{ imageId: string; file: string }> }) {
  const { imageId, file } = await ctx.params;
  const m = /^(\d+)\.webp$/.exec(file);
  if (!/^[a-z0-9]{10,40}$/.test(imageId) || !m || !isVariantWidth(Number(m[1]))) return new Response("Not found", { status: 404 });
  const obj = await storage().get(imageKey(imageId, Number(m[1])));
  if (!obj) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(obj.data), {
    headers: { "Content-Type": "image/webp", "Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff" },
  });
}
