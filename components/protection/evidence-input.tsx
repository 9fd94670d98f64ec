"use client";
import Image from "next/image";
import { useTranslations } from "next-intl";
import { useCallback, useId, useState } from "react";
import { ACCEPT } from "@/components/media/use-image-upload";
import { mediaSrc } from "@/lib/media/variants";

/** Where an upload is filed: a buyer's order (evidence for its case), a seller's store, or the uploader alone (admins). */
export type UploadTarget = { orderId: string } | { storeId: string } | Record<string, never>;

function useCaseUpload(target: UploadTarget) {
  const t = useTranslations("errors");
  const [busy, setBusy] = useState(0);
  const key = JSON.stringify(target);
  const upload = useCallback(
    async (file: File): Promise<{ ok: true; id: string } | { ok: false; error: string }> => {
      setBusy((n) => n + 1);
      try {
        const body = new FormData();
        body.set("file", file);
        for (const [k, v] of Object.entries(JSON.parse(key) as Record<string, string>)) body.set(k, v);
        const res = await fetch("/api/uploads", { method: "POST", body });
        const json = await res.json().catch(() => null);
        if (res.ok && json?.image?.id) return { ok: true, id: json.image.id as string };
        const fieldKey: string | undefined = json?.error?.fieldErrors?.file?.[0];
        const code: string | undefined = json?.error?.code;
        if (fieldKey && t.has(`fields.${fieldKey}`)) return { ok: false, error: t(`fields.${fieldKey}`) };
        return { ok: false, error: code && t.has(`codes.${code}`) ? t(`codes.${code}`) : t("codes.INTERNAL") };
      } catch {
        return { ok: false, error: t("codes.INTERNAL") };
      } finally {
        setBusy((n) => n - 1);
      }
    },
    [key, t],
  );
  return { upload, busy: busy > 0 };
}

/**
 * Evidence images for a case (controlled): pick several at once, remove any. Each id is also
 * written as a hidden input `name[]` so the list travels with a plain form submission.
 */
export function EvidenceInput({
  value,
  onChange,
  target,
  max = 9,
  label,
  name,
  error,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  target: UploadTarget;
  max?: number;
  label: string;
  name?: string;
  error?: string;
}) {
  const tp = useTranslations("protection.evidence");
  const id = useId();
  const { upload, busy } = useCaseUpload(target);
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
        next = [...next, r.id];
        onChange(next);
      } else setUploadError(r.error);
    }
  }

  return (
    <fieldset className="space-y-2" aria-describedby={shown ? `${id}-error` : `${id}-hint`}>
      <legend className="text-sm font-medium text-neutral-800">
        {label} <span className="font-normal text-neutral-500">({value.length}/{max})</span>
      </legend>
      {name && value.map((v) => <input key={v} type="hidden" name={`${name}[]`} value={v} />)}
      <ul className="flex flex-wrap gap-2">
        {value.map((imageId, i) => (
          <li key={imageId} className="relative size-20 overflow-hidden rounded-lg bg-neutral-100 ring-1 ring-neutral-200">
            <Image src={mediaSrc(imageId)} alt={tp("imageN", { n: i + 1 })} fill sizes="80px" className="object-cover" />
            <button
              type="button"
              className="absolute top-0 right-0 grid size-7 place-items-center rounded-bl-lg bg-black/60 text-xs text-white"
              onClick={() => onChange(value.filter((v) => v !== imageId))}
              aria-label={tp("removeN", { n: i + 1 })}
            >
              ✕
            </button>
          </li>
        ))}
        {value.length < max && (
          <li>
            <label
              htmlFor={id}
              className="flex size-20 cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed border-neutral-300 text-xs text-neutral-500 hover:border-brand-500 hover:text-brand-700"
            >
              <span aria-hidden className="text-2xl leading-none">
                +
              </span>
              {busy ? tp("uploading") : tp("add")}
            </label>
            <input id={id} type="file" accept={ACCEPT} multiple className="sr-only" onChange={onPick} disabled={busy} aria-label={tp("addLabel", { label })} />
          </li>
        )}
      </ul>
      {shown ? (
        <p id={`${id}-error`} className="text-xs text-red-600" role="alert">
          {shown}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-neutral-500">
          {tp("hint", { max })}
        </p>
      )}
    </fieldset>
  );
}
