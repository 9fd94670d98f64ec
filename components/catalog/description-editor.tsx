"use client";
import Image from "next/image";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { ACCEPT, useImageUpload } from "@/components/media/use-image-upload";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { newId, type BlockDraft } from "@/lib/catalog/editor-model";
import { ITEM_LIMITS } from "@/lib/catalog/schemas";
import { mediaSrc } from "@/lib/media/variants";

/** The item's detail page: text and image blocks, added, reordered and removed. */
export function DescriptionEditor({
  blocks,
  onChange,
  storeId,
  errors,
}: {
  blocks: BlockDraft[];
  /** Functional, so an upload finishing late does not undo what was typed meanwhile. */
  onChange: (update: (blocks: BlockDraft[]) => BlockDraft[]) => void;
  storeId: string;
  errors: Record<string, string | undefined>;
}) {
  const t = useTranslations("catalog.description");
  const tm = useTranslations("media");
  const fileId = useId();
  const { upload, busy } = useImageUpload(storeId);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const replaceFor = useRef<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const full = blocks.length >= ITEM_LIMITS.descriptionBlocks;

  const move = (i: number, d: -1 | 1) =>
    onChange((list) => {
      const j = i + d;
      if (j < 0 || j >= list.length) return list;
      const next = [...list];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });

  function addText() {
    const id = newId("b");
    setFocusId(id);
    onChange((list) => [...list, { id, type: "text", text: "" }]);
  }

  function pickImage(replaceId: string | null) {
    replaceFor.current = replaceId;
    fileInput.current?.click();
  }

  async function onPick(e: React.ChangeEvent<HTMLInputElement>) {
    const replacing = replaceFor.current;
    const files = Array.from(e.target.files ?? []).slice(0, replacing ? 1 : ITEM_LIMITS.descriptionBlocks - blocks.length);
    e.target.value = "";
    setUploadError(null);
    for (const file of files) {
      const r = await upload(file);
      if (!r.ok) {
        setUploadError(r.error);
        continue;
      }
      const imageId = r.image.id;
      onChange((list) =>
        replacing
          ? list.map((b): BlockDraft => (b.id === replacing ? { id: b.id, type: "image", imageId } : b))
          : list.length < ITEM_LIMITS.descriptionBlocks
            ? [...list, { id: newId("b"), type: "image", imageId }]
            : list,
      );
    }
  }

  return (
    <div className="space-y-3">
      {blocks.length === 0 && <p className="text-sm text-neutral-500">{t("empty")}</p>}
      <ol className="space-y-3">
        {blocks.map((b, i) => {
          const error = b.type === "text" ? errors[`description.${b.id}.text`] : errors[`description.${b.id}.imageId`];
          const label = b.type === "text" ? t("textN", { n: i + 1 }) : t("imageN", { n: i + 1 });
          const inputId = `desc-${b.id}`;
          return (
            <li key={b.id} className="group rounded-lg border border-neutral-200 bg-white">
              <div className="flex items-center justify-between border-b border-neutral-100 px-3 py-1.5">
                {b.type === "text" ? (
                  <label htmlFor={inputId} className="text-xs font-medium text-neutral-500">
                    {label}
                  </label>
                ) : (
                  <span className="text-xs font-medium text-neutral-500">{label}</span>
                )}
                <div className="flex items-center gap-1 text-neutral-500">
                  <IconButton label={t("moveUp", { label })} onClick={() => move(i, -1)} disabled={i === 0}>
                    ↑
                  </IconButton>
                  <IconButton label={t("moveDown", { label })} onClick={() => move(i, 1)} disabled={i === blocks.length - 1}>
                    ↓
                  </IconButton>
                  <IconButton label={t("remove", { label })} onClick={() => onChange((list) => list.filter((x) => x.id !== b.id))}>
                    ✕
                  </IconButton>
                </div>
              </div>
              <div className="p-3">
                {b.type === "text" ? (
                  <>
                    <textarea
                      id={inputId}
                      className={`${controlClass} min-h-24`}
                      value={b.text}
                      maxLength={ITEM_LIMITS.descriptionText}
                      autoFocus={focusId === b.id}
                      placeholder={t("textPlaceholder")}
                      onChange={(e) => {
                        const text = e.target.value;
                        onChange((list) => list.map((x) => (x.id === b.id ? { ...x, text } : x)));
                      }}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${inputId}-error` : undefined}
                    />
                    <p className="mt-1 text-right text-xs text-neutral-400">
                      {b.text.length}/{ITEM_LIMITS.descriptionText}
                    </p>
                  </>
                ) : (
                  <div className="flex items-end gap-4">
                    <div className="relative h-48 w-full max-w-md overflow-hidden rounded-md bg-neutral-100">
                      <Image src={mediaSrc(b.imageId)} alt={label} fill sizes="448px" className="object-contain" />
                    </div>
                    <Button variant="secondary" size="sm" onClick={() => pickImage(b.id)} disabled={busy}>
                      {tm("replace")}
                    </Button>
                  </div>
                )}
                {error && (
                  <p id={`${inputId}-error`} className="mt-1 text-xs text-red-600" role="alert">
                    {error}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={addText} disabled={full}>
          <span aria-hidden>+</span> {t("addText")}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => pickImage(null)} disabled={full || busy}>
          <span aria-hidden>+</span> {busy ? tm("uploading") : t("addImage")}
        </Button>
        <span className="text-xs text-neutral-400">
          {blocks.length}/{ITEM_LIMITS.descriptionBlocks}
        </span>
        <input ref={fileInput} id={fileId} type="file" accept={ACCEPT} multiple className="sr-only" tabIndex={-1} aria-hidden onChange={onPick} />
      </div>
      {(uploadError || errors.description) && (
        <p className="text-xs text-red-600" role="alert">
          {uploadError ?? errors.description}
        </p>
      )}
    </div>
  );
}

function IconButton({ label, children, ...props }: { label: string; children: React.ReactNode; onClick: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className="grid size-7 place-items-center rounded hover:bg-neutral-100 hover:text-neutral-800 disabled:opacity-30 disabled:hover:bg-transparent"
      {...props}
    >
      {children}
    </button>
  );
}
