import Image from "next/image";
import { mediaSrc } from "@/lib/media/variants";

export function ItemThumb({ imageId, size = 40 }: { imageId: string | null; size?: number }) {
  return (
    <span className="relative inline-block shrink-0 overflow-hidden rounded bg-neutral-100 ring-1 ring-neutral-200" style={{ width: size, height: size }}>
      {imageId && <Image src={mediaSrc(imageId)} alt="" fill sizes={`${size}px`} className="object-cover" />}
    </span>
  );
}
