"use client";
import Image from "next/image";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { ACCEPT, useSingleImagePick } from "@/components/media/use-image-upload";
import { mediaSrc } from "@/lib/media/variants";

/** The item's main image (controlled): upload, replace, remove, or take one from the gallery. */
export function MainImageField({
  value,
  onChange,
  storeId,
  canTakeFromGallery,
  onTakeFromGallery,
  error,
}: {
  value: string | null;
  onChange: (imageId: string | null) => void;
  storeId: string;
  /** Offers to move the gallery's first image here when there is no main image. */
  canTakeFromGallery: boolean;
  onTakeFromGallery: () => void;
  error?: string;
}) {
  const t = useTranslations("catalog.editor");
  const tm = useTranslations("media");
  const id = useId();
  const { onPick, busy, uploadError } = useSingleImagePick(storeId, onChange);
  const shown = uploadError ?? error;

  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-neutral-800" id={`${id}-label`}>
        {t("mainImage")}
      </p>
      <div className="flex items-start gap-4">
        <label
          htmlFor={id}
          className={`relative grid size-36 shrink-0 cursor-pointer place-items-center overflow-hidden rounded-xl text-sm ${
            value ? "bg-neutral-100 ring-1 ring-neutral-200" : "border-2 border-dashed border-neutral-300 text-neutral-500 hover:border-brand-500 hover:text-brand-700"
          } ${shown ? "ring-2 ring-red-500" : ""}`}
        >
          {value ? (
            <Image src={mediaSrc(value)} alt={t("mainImage")} fill sizes="144px" className="object-cover" />
          ) : (
            <span className="flex flex-col items-center gap-1">
              <span aria-hidden className="text-3xl leading-none">+</span>
              {busy ? tm("uploading") : tm("choose")}
            </span>
          )}
          {value && busy && <span className="absolute inset-0 grid place-items-center bg-white/70 text-xs">{tm("uploading")}</span>}
        </label>
        <input
          id={id}
          type="file"
          accept={ACCEPT}
          className="sr-only"
          onChange={onPick}
          disabled={busy}
          aria-labelledby={`${id}-label`}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? `${id}-error` : `${id}-hint`}
        />
        <div className="space-y-2 text-sm">
          <p id={`${id}-hint`} className="text-xs text-neutral-500">
            {t("mainImageHint")}
          </p>
          <div className="flex flex-wrap gap-3">
            {value && (
              <label htmlFor={id} className="cursor-pointer font-medium text-brand-700 hover:underline">
                {tm("replace")}
              </label>
            )}
            {value && (
              <button type="button" className="text-neutral-500 hover:underline" onClick={() => onChange(null)}>
                {tm("remove")}
              </button>
            )}
            {!value && canTakeFromGallery && (
              <button type="button" className="font-medium text-brand-700 hover:underline" onClick={onTakeFromGallery}>
                {t("useFirstGalleryImage")}
              </button>
            )}
          </div>
          {shown && (
            <p id={`${id}-error`} className="text-xs text-red-600" role="alert">
              {shown}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
