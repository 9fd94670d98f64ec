"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { newId, valueProblem, type DimDraft } from "@/lib/catalog/editor-model";
import { SPEC_LIMITS } from "@/lib/catalog/sku-matrix";

type Errors = Record<string, string | undefined>;

/** Up to three spec dimensions (颜色, 尺码 …), each with its values as chips. */
export function SpecEditor({ specs, onChange, errors }: { specs: DimDraft[]; onChange: (specs: DimDraft[]) => void; errors: Errors }) {
  const t = useTranslations("catalog.specs");
  const set = (i: number, dim: DimDraft) => onChange(specs.map((d, j) => (j === i ? dim : d)));
  const suggestions = (t("suggestions") as string).split(",").filter((s) => !specs.some((d) => d.name.trim() === s));

  return (
    <div className="space-y-3">
      {specs.length === 0 && <p className="text-sm text-neutral-500">{t("none")}</p>}
      {specs.map((dim, i) => (
        <DimensionRow
          key={dim.id}
          index={i}
          dim={dim}
          suggestions={suggestions}
          onChange={(d) => set(i, d)}
          onRemove={() => onChange(specs.filter((_, j) => j !== i))}
          nameError={errors[`specs.${dim.id}.name`]}
          valuesError={errors[`specs.${dim.id}.values`]}
        />
      ))}
      {errors.specs && (
        <p className="text-xs text-red-600" role="alert">
          {errors.specs}
        </p>
      )}
      {specs.length < SPEC_LIMITS.dimensions && (
        <Button variant="secondary" size="sm" onClick={() => onChange([...specs, { id: newId("d"), name: "", values: [] }])}>
          <span aria-hidden>+</span> {specs.length ? t("addAnother") : t("add")}
        </Button>
      )}
    </div>
  );
}

function DimensionRow({
  index,
  dim,
  suggestions,
  onChange,
  onRemove,
  nameError,
  valuesError,
}: {
  index: number;
  dim: DimDraft;
  suggestions: string[];
  onChange: (dim: DimDraft) => void;
  onRemove: () => void;
  nameError?: string;
  valuesError?: string;
}) {
  const t = useTranslations("catalog.specs");
  const tf = useTranslations("errors.fields");
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const nameId = `spec-${dim.id}-name`;
  const valueId = `spec-${dim.id}-value`;
  const shownValuesError = problem ?? valuesError;

  /** Adds one or more values (a paste of "红,蓝,绿" adds three); returns whether all went in. */
  function add(raw: string): boolean {
    const parts = raw.split(/[,，、\n\t]/).map((s) => s.trim()).filter(Boolean);
    if (!parts.length) return true;
    let values = dim.values;
    let firstProblem: string | null = null;
    for (const p of parts) {
      const why = valueProblem({ ...dim, values }, p);
      if (why) firstProblem ??= why;
      else values = [...values, p];
    }
    if (values !== dim.values) onChange({ ...dim, values });
    setProblem(firstProblem ? tf(firstProblem) : null);
    return !firstProblem;
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === "," || e.key === "，") {
      e.preventDefault();
      if (add(text)) setText("");
    } else if (e.key === "Backspace" && !text && dim.values.length) {
      onChange({ ...dim, values: dim.values.slice(0, -1) });
    }
  }

  return (
    <fieldset className="rounded-lg border border-neutral-200 bg-neutral-50/60 p-3">
      <legend className="sr-only">{t("dimensionN", { n: index + 1 })}</legend>
      <div className="flex flex-wrap items-start gap-3">
        <div className="w-44 space-y-1">
          <label htmlFor={nameId} className="block text-xs font-medium text-neutral-600">
            {t("name")}
          </label>
          <input
            id={nameId}
            className={controlClass}
            value={dim.name}
            maxLength={SPEC_LIMITS.nameLength}
            placeholder={t("namePlaceholder")}
            list={`${nameId}-suggest`}
            onChange={(e) => onChange({ ...dim, name: e.target.value })}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${nameId}-error` : undefined}
            autoFocus={!dim.name && dim.values.length === 0}
          />
          <datalist id={`${nameId}-suggest`}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {nameError && (
            <p id={`${nameId}-error`} className="text-xs text-red-600" role="alert">
              {nameError}
            </p>
          )}
        </div>
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor={valueId} className="block text-xs font-medium text-neutral-600">
            {t("values")} <span className="font-normal text-neutral-400">({dim.values.length}/{SPEC_LIMITS.valuesPerDimension})</span>
          </label>
          <div
            className={`flex min-h-10 flex-wrap items-center gap-1.5 rounded-lg border bg-white px-2 py-1.5 focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/30 ${
              shownValuesError ? "border-red-500" : "border-neutral-300"
            }`}
          >
            <ul className="contents">
              {dim.values.map((v, vi) => (
                <li key={v} className="inline-flex items-center gap-1 rounded-md bg-brand-50 py-0.5 pr-1 pl-2 text-sm text-brand-700">
                  {v}
                  <button
                    type="button"
                    className="grid size-5 place-items-center rounded text-brand-700/70 hover:bg-brand-100 hover:text-brand-700"
                    aria-label={t("removeValue", { value: v })}
                    onClick={() => onChange({ ...dim, values: dim.values.filter((_, j) => j !== vi) })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
            <input
              id={valueId}
              className="min-w-28 flex-1 border-0 bg-transparent px-1 py-0.5 text-sm outline-none placeholder:text-neutral-400"
              value={text}
              maxLength={SPEC_LIMITS.valueLength * 10}
              placeholder={dim.values.length ? t("addValueShort") : t("valuePlaceholder")}
              onChange={(e) => {
                setText(e.target.value);
                if (problem) setProblem(null);
              }}
              onKeyDown={onKeyDown}
              onPaste={(e) => {
                const pasted = e.clipboardData.getData("text");
                if (/[,，、\n\t]/.test(pasted)) {
                  e.preventDefault();
                  if (add(text + pasted)) setText("");
                }
              }}
              onBlur={() => {
                if (text.trim() && add(text)) setText("");
              }}
              aria-invalid={shownValuesError ? true : undefined}
              aria-describedby={shownValuesError ? `${valueId}-error` : `${valueId}-hint`}
            />
          </div>
          {shownValuesError ? (
            <p id={`${valueId}-error`} className="text-xs text-red-600" role="alert">
              {shownValuesError}
            </p>
          ) : (
            <p id={`${valueId}-hint`} className="text-xs text-neutral-500">
              {t("valuesHint")}
            </p>
          )}
        </div>
        <Button variant="ghost" size="sm" className="mt-5 text-neutral-500" onClick={onRemove} aria-label={t("removeDimension", { n: index + 1 })}>
          {t("remove")}
        </Button>
      </div>
    </fieldset>
  );
}
