"use client";
import { useTranslations } from "next-intl";
import { useCallback, useState, type ChangeEvent } from "react";

export interface Uploaded {
  id: string;
  width: number;
  height: number;
  src: string;
}

export const ACCEPT = "image/jpeg,image/png,image/webp,image/gif,image/avif";

/** Posts one file to /api/uploads; returns the image or a message in the user's language. */
export function useImageUpload(storeId?: string) {
  const t = useTranslations("errors");
  const [busy, setBusy] = useState(0);

  const upload = useCallback(
    async (file: File): Promise<{ ok: true; image: Uploaded } | { ok: false; error: string }> => {
      setBusy((n) => n + 1);
      try {
        const body = new FormData();
        body.set("file", file);
        if (storeId) body.set("storeId", storeId);
        const res = await fetch("/api/uploads", { method: "POST", body });
        const json = await res.json().catch(() => null);
        if (res.ok && json?.image) return { ok: true, image: json.image as Uploaded };
        const key: string | undefined = json?.error?.fieldErrors?.file?.[0];
        const code: string | undefined = json?.error?.code;
        if (key && t.has(`fields.${key}`)) return { ok: false, error: t(`fields.${key}`) };
        return { ok: false, error: code && t.has(`codes.${code}`) ? t(`codes.${code}`) : t("codes.INTERNAL") };
      } catch {
        return { ok: false, error: t("codes.INTERNAL") };
      } finally {
        setBusy((n) => n - 1);
      }
    },
    [storeId, t],
  );

  return { upload, busy: busy > 0 };
}

/**
 * A file input's change handler for one image: uploads the picked file, hands its id to
 * `onUploaded`, and keeps the upload's error (in the user's language) until the next pick.
 */
export function useSingleImagePick(storeId: string | undefined, onUploaded: (imageId: string) => void) {
  const { upload, busy } = useImageUpload(storeId);
  const [uploadError, setUploadError] = useState<string | null>(null);

  async function onPick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = ""; // picking the same file again still fires a change
    if (!file) return;
    setUploadError(null);
    const r = await upload(file);
    if (r.ok) onUploaded(r.image.id);
    else setUploadError(r.error);
  }

  return { onPick, busy, uploadError };
}
