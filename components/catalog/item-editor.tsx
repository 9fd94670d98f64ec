"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { saveItemAction } from "@/lib/catalog/actions/items";
import { ImageListInput } from "@/components/media/image-list-input";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField, TextField, controlClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import {
  draftToInput,
  fileServerErrors,
  fillSkuDrafts,
  fingerprint,
  initialDraft,
  matrixRows,
  specProblems,
  tableDims,
  tableSize,
  type BlockDraft,
  type DimDraft,
  type DraftErrors,
  type ExistingSku,
  type ItemDraft,
  type SavedItemShape,
  type SkuDraft,
} from "@/lib/catalog/editor-model";
import { ITEM_LIMITS, POSTAGE_MODES } from "@/lib/catalog/schemas";
import { SPEC_LIMITS } from "@/lib/catalog/sku-matrix";
import { formatFen, parseYuan } from "@/lib/money";
import { DescriptionEditor } from "./description-editor";
import { ItemStatusBadge } from "./item-status-badge";
import { MainImageField } from "./main-image-field";
import { SkuTable } from "./sku-table";
import { SpecEditor } from "./spec-editor";
import { useUnsavedGuard } from "./use-unsaved-guard";

export interface EditorItem extends SavedItemShape {
  id: string;
  version: number;
  status: "DRAFT" | "ON_SALE" | "OFF_SALE";
}

type Banner = { tone: "error" | "success" | "warning"; text: string; stale?: boolean } | null;

// Live spec problems that would only nag while the seller is still typing: shown after a save attempt.
const QUIET_UNTIL_SUBMIT = new Set(["required", "specNoValues"]);

/**
 * The item editor: everything a seller sets about an item, held in React state and saved in
 * one typed call. Nothing typed is lost on an error; errors appear next to their input.
 */
export function ItemEditor({
  storeId,
  storeStatus,
  categories,
  item,
  created,
}: {
  storeId: string;
  storeStatus: string;
  categories: { id: string; name: string }[];
  item: EditorItem | null;
  /** Just created (arrived from the "new item" page). */
  created?: boolean;
}) {
  const t = useTranslations("catalog.editor");
  const tf = useTranslations("errors.fields");
  const router = useRouter();
  const root = useRef<HTMLDivElement>(null);

  // The server's SKUs come from props: after a save the page refreshes and new SKUs become existing ones.
  const existing: ExistingSku[] = useMemo(() => item?.skus ?? [], [item?.skus]);
  const existingByKey = useMemo(() => new Map(existing.map((s) => [s.specKey, s])), [existing]);

  const [draft, setDraft] = useState<ItemDraft>(() => initialDraft(item, { categoryId: "" }));
  const [baseline, setBaseline] = useState(() => fingerprint(draft));
  const [version, setVersion] = useState(item?.version ?? 0);
  const [status, setStatus] = useState(item?.status ?? "DRAFT");
  const [errors, setErrors] = useState<DraftErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [banner, setBanner] = useState<Banner>(created ? { tone: "success", text: t("created") } : null);
  const [pending, startTransition] = useTransition();
  const focusErrors = useRef(false);

  const current = useMemo(() => fingerprint(draft), [draft]);
  const dirty = current !== baseline;
  const guard = useUnsavedGuard(dirty, t("leaveWarning"));

  // ── state updates (each clears the errors of what it touches) ──
  const clear = useCallback((...paths: string[]) => {
    setErrors((e) => {
      if (!paths.some((p) => p in e)) return e;
      const next = { ...e };
      for (const p of paths) delete next[p];
      return next;
    });
  }, []);
  const patch = (p: Partial<ItemDraft>, ...paths: string[]) => {
    setDraft((d) => ({ ...d, ...p }));
    clear(...(paths.length ? paths : Object.keys(p)));
  };
  const setSpecs = (specs: DimDraft[]) => {
    setDraft((d) => fillSkuDrafts({ ...d, specs }, existing));
    clear("specs", "skus");
  };
  // Stable, so the memoised SKU rows re-render only when their own cells change.
  const setSku = useCallback(
    (rowKey: string, field: keyof SkuDraft, value: string) => {
      setDraft((d) => ({ ...d, skus: { ...d.skus, [rowKey]: { ...d.skus[rowKey], [field]: value } } }));
      clear(`skus.${rowKey}.${{ price: "priceFen", original: "originalPriceFen", stock: "stock", code: "code" }[field]}`);
    },
    [clear],
  );
  const fillAll = (values: Partial<SkuDraft>) => {
    setDraft((d) => {
      const skus = { ...d.skus };
      for (const row of matrixRows(d.specs)) {
        const isNew = !existingByKey.has(row.specKey);
        skus[row.key] = { ...skus[row.key], ...values, ...(isNew ? {} : { stock: skus[row.key]?.stock ?? "" }) };
      }
      return { ...d, skus };
    });
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("skus."))));
  };
  const setBlocks = (update: (blocks: BlockDraft[]) => BlockDraft[]) => {
    setDraft((d) => ({ ...d, description: update(d.description) }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("description"))));
  };

  // ── derived ──
  const rows = useMemo(() => matrixRows(draft.specs), [draft.specs]);
  const dims = useMemo(() => tableDims(draft.specs), [draft.specs]);
  const tooMany = tableSize(draft.specs) > SPEC_LIMITS.skus;
  const liveSpecErrors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [path, key] of Object.entries(specProblems(draft.specs))) if (submitted || !QUIET_UNTIL_SUBMIT.has(key)) out[path] = tf(key);
    return out;
  }, [draft.specs, submitted, tf]);
  const shown: Record<string, string | undefined> = useMemo(() => ({ ...errors, ...liveSpecErrors }), [errors, liveSpecErrors]);

  // ── saving ──
  const save = useCallback(
    (putOnSale: boolean) => {
      if (pending) return;
      setSubmitted(true);
      const { input, index, errors: local } = draftToInput(draft, existing);
      const problems = { ...local, ...specProblems(draft.specs) };
      if (Object.keys(problems).length) {
        setErrors(Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, tf(v)])));
        setBanner({ tone: "error", text: t("fixErrors") });
        focusErrors.current = true;
        return;
      }
      const savedPrint = current;
      startTransition(async () => {
        const r = await saveItemAction({ ...input, storeId, itemId: item?.id, expectedVersion: item ? version : undefined, putOnSale });
        if (r.ok) {
          setErrors({});
          setBaseline(savedPrint);
          setVersion(r.data.version);
          setStatus(r.data.status);
          if (!item) {
            guard.release();
            router.replace(`/seller/stores/${storeId}/items/${r.data.id}?created=1`);
            return;
          }
          setBanner({ tone: "success", text: putOnSale && r.data.status === "ON_SALE" ? t("savedOnSale") : t("saved") });
        } else {
          setErrors(fileServerErrors(r.fieldErrors, index));
          setBanner({ tone: "error", text: r.code === "STALE" ? t("stale") : r.error, stale: r.code === "STALE" });
          focusErrors.current = true;
        }
      });
    },
    [pending, draft, current, existing, tf, t, storeId, item, version, guard, router],
  );

  // Move to the first problem after an unsuccessful save.
  useEffect(() => {
    if (!focusErrors.current) return;
    focusErrors.current = false;
    const first = root.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) {
      first.focus({ preventScroll: true });
      first.scrollIntoView({ block: "center", behavior: "smooth" });
    } else root.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [errors, banner]);

  // The "just created" notice is for this visit only: a reload should not repeat it.
  useEffect(() => {
    if (created) window.history.replaceState(null, "", window.location.pathname);
  }, [created]);

  // Ctrl/⌘+S saves (keeping the status).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        save(false);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save]);

  const canPutOnSale = storeStatus === "APPROVED" && status !== "ON_SALE";
  const galleryError = shown.galleryImageIds;

  return (
    <div ref={root} className="space-y-5 pb-4">
      {banner && (
        <div className="scroll-mt-20">
          <Notice tone={banner.tone} title={banner.stale ? t("staleTitle") : undefined}>
            <p>{banner.text}</p>
            {banner.stale && (
              <Button
                variant="secondary"
                size="sm"
                className="mt-2"
                onClick={() => {
                  guard.release();
                  window.location.reload();
                }}
              >
                {t("reload")}
              </Button>
            )}
          </Notice>
        </div>
      )}
      {storeStatus === "SUSPENDED" && <Notice tone="warning">{t("suspendedHint")}</Notice>}

      <Card title={t("basics")}>
        <div className="grid gap-4 md:grid-cols-[1fr_16rem]">
          <TextField
            label={t("title")}
            name="title"
            value={draft.title}
            onChange={(e) => patch({ title: e.target.value })}
            error={shown.title}
            hint={t("titleHint", { count: draft.title.trim().length, max: ITEM_LIMITS.title })}
            maxLength={ITEM_LIMITS.title}
            required
            autoFocus={!item}
          />
          <SelectField label={t("category")} name="categoryId" value={draft.categoryId} onChange={(e) => patch({ categoryId: e.target.value })} error={shown.categoryId} required>
            <option value="" disabled>
              {t("chooseCategory")}
            </option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        </div>
      </Card>

      <Card title={t("images")}>
        <div className="grid gap-6 lg:grid-cols-[auto_1fr]">
          <MainImageField
            value={draft.mainImageId}
            onChange={(mainImageId) => patch({ mainImageId })}
            storeId={storeId}
            canTakeFromGallery={draft.gallery.length > 0}
            onTakeFromGallery={() => patch({ mainImageId: draft.gallery[0], gallery: draft.gallery.slice(1) }, "mainImageId", "galleryImageIds")}
            error={shown.mainImageId}
          />
          <div className="space-y-1">
            <ImageListInput
              value={draft.gallery}
              onChange={(gallery) => patch({ gallery }, "galleryImageIds")}
              storeId={storeId}
              max={ITEM_LIMITS.gallery}
              label={t("gallery")}
              error={galleryError}
            />
            <p className="text-xs text-neutral-500">{t("galleryHint")}</p>
          </div>
        </div>
      </Card>

      <Card title={t("specsAndSkus")} actions={rows.length > 0 && !tooMany ? <span className="text-xs text-neutral-500">{t("skuCount", { count: rows.length })}</span> : null}>
        <div className="space-y-5">
          <div>
            <p className="mb-3 text-sm text-neutral-600">{t("specsIntro")}</p>
            <SpecEditor specs={draft.specs} onChange={setSpecs} errors={shown} />
          </div>
          {shown.skus && <Notice tone="error">{shown.skus}</Notice>}
          {tooMany ? (
            <Notice tone="warning">{t("tooManySkus", { count: tableSize(draft.specs), max: SPEC_LIMITS.skus })}</Notice>
          ) : (
            <SkuTable storeId={storeId} dims={dims} rows={rows} drafts={draft.skus} existing={existingByKey} errors={shown} onChange={setSku} onFillAll={fillAll} />
          )}
        </div>
      </Card>

      <Card title={t("purchase")}>
        <PurchaseFields draft={draft} patch={patch} errors={shown} />
      </Card>

      <Card title={t("description")}>
        <DescriptionEditor blocks={draft.description} onChange={setBlocks} storeId={storeId} errors={shown} />
      </Card>

      <div className="sticky bottom-3 z-10 rounded-xl bg-white/95 px-4 py-3 shadow-lg ring-1 ring-neutral-200 backdrop-blur">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3 text-sm" aria-live="polite">
            <ItemStatusBadge status={status} />
            <span className={dirty ? "text-amber-700" : "text-neutral-500"}>{pending ? t("saving") : dirty ? t("unsaved") : item ? t("allSaved") : t("notSavedYet")}</span>
            <kbd className="hidden rounded border border-neutral-200 px-1.5 text-xs text-neutral-400 lg:inline">{t("shortcut")}</kbd>
          </div>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => save(false)} disabled={pending}>
              {status === "ON_SALE" ? t("save") : t("saveDraft")}
            </Button>
            {status !== "ON_SALE" && (
              <Button onClick={() => save(true)} disabled={pending || !canPutOnSale} title={!canPutOnSale ? t("cannotPutOnSaleSuspended") : undefined}>
                {pending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />}
                {t("saveAndPutOnSale")}
              </Button>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

/** Buy limit and postage: free, one fee per order, or first unit + each additional unit. */
function PurchaseFields({
  draft,
  patch,
  errors,
}: {
  draft: ItemDraft;
  patch: (p: Partial<ItemDraft>, ...paths: string[]) => void;
  errors: Record<string, string | undefined>;
}) {
  const t = useTranslations("catalog.purchase");
  const first = parseYuan(draft.postage) ?? 0;
  const extra = parseYuan(draft.postageExtra) ?? 0;
  const yuanInput = (label: string, key: "postage" | "postageExtra", path: string) => (
    <div className="w-44">
      <Field label={label} name={path} error={errors[path]}>
        <div className="relative">
          <span aria-hidden className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-sm text-neutral-400">
            ¥
          </span>
          <input
            id={`f-${path}`}
            className={`${controlClass} pl-7 tabular-nums`}
            inputMode="decimal"
            placeholder="0.00"
            value={draft[key]}
            onChange={(e) => patch({ [key]: e.target.value }, path)}
            aria-invalid={errors[path] ? true : undefined}
            aria-describedby={errors[path] ? `f-${path}-error` : undefined}
          />
        </div>
      </Field>
    </div>
  );

  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <TextField
        label={t("buyLimit")}
        name="buyLimit"
        value={draft.buyLimit}
        onChange={(e) => patch({ buyLimit: e.target.value })}
        error={errors.buyLimit}
        hint={t("buyLimitHint")}
        inputMode="numeric"
        placeholder={t("noLimit")}
        maxLength={4}
      />
      <fieldset className="space-y-3">
        <legend className="mb-1 text-sm font-medium text-neutral-800">{t("postage")}</legend>
        <div className="flex flex-wrap gap-2" role="radiogroup">
          {POSTAGE_MODES.map((mode) => (
            <label
              key={mode}
              className={`flex cursor-pointer items-start gap-2 rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500/40 ${
                draft.postageMode === mode ? "border-brand-500 bg-brand-50" : "border-neutral-300 hover:bg-neutral-50"
              }`}
            >
              <input
                type="radio"
                name="postageMode"
                value={mode}
                checked={draft.postageMode === mode}
                onChange={() => patch({ postageMode: mode }, "postageMode", "postageFen", "postageExtraFen")}
                className="mt-0.5 accent-brand-500"
              />
              <span>
                <span className="block font-medium">{t(`mode.${mode}`)}</span>
                <span className="block text-xs text-neutral-500">{t(`modeHint.${mode}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.postageMode && <p className="text-xs text-red-600">{errors.postageMode}</p>}
        {draft.postageMode !== "FREE" && (
          <div className="flex flex-wrap items-end gap-4">
            {yuanInput(draft.postageMode === "FLAT" ? t("perOrderFee") : t("firstUnitFee"), "postage", "postageFen")}
            {draft.postageMode === "PER_ITEM" && yuanInput(t("extraUnitFee"), "postageExtra", "postageExtraFen")}
          </div>
        )}
        {draft.postageMode === "PER_ITEM" && (
          <p className="text-xs text-neutral-500">{t("perItemExample", { first: formatFen(first), extra: formatFen(extra), total: formatFen(first + 2 * extra) })}</p>
        )}
        {draft.postageMode === "FLAT" && <p className="text-xs text-neutral-500">{t("flatExample", { fee: formatFen(first) })}</p>}
      </fieldset>
    </div>
  );
}
