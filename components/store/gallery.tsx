import Image from "next/image";
import { useTranslations } from "next-intl";
import { mediaSrc } from "@/lib/media/variants";

/** The item's images, swiped sideways with CSS scroll snapping (no script). */
export function Gallery({ imageIds, title }: { imageIds: string[]; title: string }) {
  const t = useTranslations("store");
  if (!imageIds.length) {
    return (
      <div aria-hidden className="grid aspect-square place-items-center bg-neutral-100 text-5xl text-neutral-300">
        店
      </div>
    );
  }
  return (
    <div
      className="flex aspect-square snap-x snap-mandatory overflow-x-auto overscroll-x-contain bg-neutral-100 [scrollbar-width:none] [&::-webkit-scrollbar]:hidden"
      role="region"
      aria-label={t("gallery")}
      tabIndex={0}
    >
      {imageIds.map((id, i) => (
        <div key={id} className="relative w-full shrink-0 snap-center snap-always">
          <Image
            src={mediaSrc(id)}
            alt={t("imageOf", { title, n: i + 1, total: imageIds.length })}
            fill
            sizes="(max-width: 448px) 100vw, 448px"
            className="object-cover"
            loading={i === 0 ? "eager" : "lazy"}
            fetchPriority={i === 0 ? "high" : "auto"}
          />
          {imageIds.length > 1 && (
            <span aria-hidden className="absolute right-3 bottom-3 rounded-full bg-black/45 px-2 py-0.5 text-xs text-white tabular-nums">
              {i + 1}/{imageIds.length}
            </span>
          )}
        </div>
      ))}
    </div>
  );
}
