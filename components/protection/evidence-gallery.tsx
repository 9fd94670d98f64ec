import Image from "next/image";
import { useTranslations } from "next-intl";
import { mediaSrc } from "@/lib/media/variants";

/** Evidence thumbnails; each opens the full image in a new tab. */
export function EvidenceGallery({ imageIds, label }: { imageIds: string[]; label?: string }) {
  const t = useTranslations("protection.evidence");
  if (!imageIds.length) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-2" aria-label={label ?? t("images")}>
      {imageIds.map((id, i) => (
        <li key={id}>
          <a href={`${mediaSrc(id)}/1600.webp`} target="_blank" rel="noreferrer" className="relative block size-20 overflow-hidden rounded-lg bg-neutral-100 ring-1 ring-neutral-200" aria-label={t("openN", { n: i + 1 })}>
            <Image src={mediaSrc(id)} alt={t("imageN", { n: i + 1 })} fill sizes="80px" className="object-cover" />
          </a>
        </li>
      ))}
    </ul>
  );
}
