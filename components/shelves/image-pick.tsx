"use client";
import Image from "next/image";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { ACCEPT, useSingleImagePick } from "@/components/media/use-image-upload";
import { mediaSrc } from "@/lib/media/variants";

/** One image, controlled: uploads into the store on pick and reports the new id. */
export function ImagePick({
  label,
  value,
  onChange,
  storeId,
  error,
  hint,
  required,
  aspect = "square",
}: {
  label: string;
  value: string;
  onChange: (imageId: string) => void;
  storeId: string;
  error?: string;
  hint?: string;
  required?: boolean;
  aspect?: "square" | "wide";
}) {
  const tm = useTranslations("media");
  const tc = useTranslations("common");
  const id = useId();
  const { onPick, busy, uploadError } = useSingleImagePick(storeId, onChange);
  const shown = uploadError ?? error;

  return (
    <div className="space-y-1">
      <span className="block text-sm font-medium text-neutral-800">
        {label}
        {required && <span className="ml-0.5 text-red-600" aria-hidden>*</span>}
      </span>
      <div className="flex items-center gap-3">
        <div className={`relative overflow-hidden rounded-lg bg-neutral-100 ring-1 ring-neutral-200 ${aspect === "wide" ? "h-16 w-32" : "size-16"}`}>
          {value ? <Image src={mediaSrc(value)} alt="" fill sizes="128px" className="object-cover" /> : null}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={id} className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">
            {busy ? tm("uploading") : value ? tm("replace") : tm("choose")}
          </label>
          <input
            id={id}
            type="file"
            accept={ACCEPT}
            className="sr-only"
            onChange={onPick}
            disabled={busy}
            aria-invalid={shown ? true : undefined}
            aria-describedby={shown ? `${id}-error` : hint ? `${id}-hint` : undefined}
          />
          {value && !required && (
            <button type="button" className="text-left text-xs text-neutral-500 hover:underline" onClick={() => onChange("")}>
              {tc("delete")}
            </button>
          )}
        </div>
      </div>
      {hint && !shown && (
        <p id={`${id}-hint`} className="text-xs text-neutral-500">
          {hint}
        </p>
      )}
      {shown && (
        <p id={`${id}-error`} className="text-xs text-red-600" role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}
