"use client";
import Image from "next/image";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { mediaSrc } from "@/lib/media/variants";
import { ACCEPT, useImageUpload } from "./use-image-upload";

/** An ordered list of images (a gallery): add several at once, reorder, remove. Controlled. */
export function ImageListInput({
  value,
  onChange,
  storeId,
  max = 9,
  label,
  error,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  storeId: string;
  max?: number;
  label: string;
  error?: string;
}) {
  const tm = useTranslations("media");
  const id = useId();
  const { upload, busy } = useImageUpload(storeId);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const shown = uploadError ?? error;

  async function onPick(e: React.ChangeEvent<HTMLInputElement>) {
    const files = Array.from(e.target.files ?? []).slice(0, Math.max(0, max - value.length));
    e.target.value = "";
    setUploadError(null);
    let next = value;
    for (const file of files) {
      const r = await upload(file);
      if (r.ok) {
        next = [...next, r.image.id];
        onChange(next);
      } else setUploadError(r.error);
    }
  }

  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= value.length) return;
    const next = [...value];
    [next[i], next[j]] = [next[j], next[i]];
    onChange(next);
  };

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-neutral-800">
        {label} <span className="font-normal text-neutral-500">({value.length}/{max})</span>
      </legend>
      <ul className="flex flex-wrap gap-3">
        {value.map((imageId, i) => (
          <li key={imageId} className="group relative size-24 overflow-hidden rounded-lg bg-neutral-100 ring-1 ring-neutral-200">
            <Image src={mediaSrc(imageId)} alt={tm("imageN", { n: i + 1 })} fill sizes="96px" className="object-cover" />
            <div className="absolute inset-x-0 bottom-0 flex justify-between bg-black/50 text-xs text-white">
              <button type="button" className="px-2 py-1 disabled:opacity-40" onClick={() => move(i, -1)} disabled={i === 0} aria-label={tm("moveLeft")}>
                ←
              </button>
              <button type="button" className="px-2 py-1" onClick={() => onChange(value.filter((v) => v !== imageId))} aria-label={tm("remove")}>
                ✕
              </button>
              <button type="button" className="px-2 py-1 disabled:opacity-40" onClick={() => move(i, 1)} disabled={i === value.length - 1} aria-label={tm("moveRight")}>
                →
              </button>
            </div>
          </li>
        ))}
        {value.length < max && (
          <li>
            <label
              htmlFor={id}
              className="flex size-24 cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed border-neutral-300 text-xs text-neutral-500 hover:border-brand-500 hover:text-brand-700"
            >
              <span className="text-2xl leading-none">+</span>
              {busy ? tm("uploading") : tm("add")}
            </label>
            <input id={id} type="file" accept={ACCEPT} multiple className="sr-only" onChange={onPick} disabled={busy} />
          </li>
        )}
      </ul>
      {shown && (
        <p className="text-xs text-red-600" role="alert">
          {shown}
        </p>
      )}
    </fieldset>
  );
}
