"use client";
import Image from "next/image";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { mediaSrc } from "@/lib/media/variants";
import { ACCEPT, useSingleImagePick } from "./use-image-upload";

/** One image for a form: uploads on pick, keeps the id in a hidden input named `name`. */
export function ImageInput({
  name,
  label,
  storeId,
  defaultImageId,
  error,
  hint,
  required,
}: {
  name: string;
  label: string;
  storeId?: string;
  defaultImageId?: string | null;
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  const t = useTranslations("common");
  const tm = useTranslations("media");
  const id = useId();
  const [imageId, setImageId] = useState(defaultImageId ?? "");
  const { onPick, busy, uploadError } = useSingleImagePick(storeId, setImageId);
  const shown = uploadError ?? error;

  return (
    <div className="space-y-1">
      <span className="block text-sm font-medium text-neutral-800">
        {label}
        {required && <span className="ml-0.5 text-red-600" aria-hidden>*</span>}
      </span>
      <input type="hidden" name={name} value={imageId} />
      <div className="flex items-center gap-4">
        <div className="relative size-20 overflow-hidden rounded-lg bg-neutral-100 ring-1 ring-neutral-200">
          {imageId ? <Image src={mediaSrc(imageId)} alt={label} fill sizes="80px" className="object-cover" /> : null}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={id} className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">
            {busy ? tm("uploading") : imageId ? tm("replace") : tm("choose")}
          </label>
          <input
            id={id}
            type="file"
            accept={ACCEPT}
            className="sr-only"
            onChange={onPick}
            disabled={busy}
            aria-invalid={shown ? true : undefined}
            aria-describedby={shown ? `${id}-error` : undefined}
          />
          {imageId && !required && (
            <button type="button" className="text-left text-xs text-neutral-500 hover:underline" onClick={() => setImageId("")}>
              {t("delete")}
            </button>
          )}
        </div>
      </div>
      {hint && !shown && <p className="text-xs text-neutral-500">{hint}</p>}
      {shown && (
        <p id={`${id}-error`} className="text-xs text-red-600" role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}
