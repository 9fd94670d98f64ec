// next/image loader. Uploaded images are stored as fixed-width WebP variants
// (lib/media/variants.ts); `src` is "/media/<imageId>" and the loader picks the
// smallest variant at least as wide as asked. Other sources pass through.
import { variantFor } from "./variants";

export default function imageLoader({ src, width }: { src: string; width: number; quality?: number }) {
  const m = /^\/media\/([a-z0-9]+)$/i.exec(src);
  if (!m) return src;
  return `/media/${m[1]}/${variantFor(width)}.webp`;
}
