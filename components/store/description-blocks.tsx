import Image from "next/image";
import { mediaSrc } from "@/lib/media/variants";
import type { DescriptionBlock } from "@/lib/storefront/types";

/** The item's rich description: paragraphs and full-width images, in the seller's order. */
export function DescriptionBlocks({ blocks, imageSizes }: { blocks: DescriptionBlock[]; imageSizes: Record<string, { width: number; height: number }> }) {
  return (
    <div className="space-y-3">
      {blocks.map((b, i) =>
        b.type === "text" ? (
          <p key={i} className="px-4 text-sm leading-6 whitespace-pre-line text-neutral-800">
            {b.text}
          </p>
        ) : (
          <Image
            key={i}
            src={mediaSrc(b.imageId)}
            alt=""
            width={imageSizes[b.imageId]?.width ?? 800}
            height={imageSizes[b.imageId]?.height ?? 800}
            sizes="(max-width: 448px) 100vw, 448px"
            className="h-auto w-full"
          />
        ),
      )}
    </div>
  );
}
