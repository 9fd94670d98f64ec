"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { memo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import type { DimDraft, ExistingSku, MatrixRow, SkuDraft } from "@/lib/catalog/editor-model";
import { ITEM_LIMITS } from "@/lib/catalog/schemas";
import { fenToYuanString, parseYuan } from "@/lib/money";

type Field = keyof SkuDraft;
const cell = `${controlClass} h-9 py-1.5 tabular-nums`;

/** Normalises a typed amount ("12.5" → "12.50") when it is one; leaves anything else for the error. */
function tidyYuan(text: string): string {
  const fen = parseYuan(text);
  return fen == null ? text : fenToYuanString(fen);
}

/**
 * The SKU matrix as a table: price and original price in yuan, initial stock for new SKUs
 * (existing stock is changed on the stock page, through the ledger), SKU code. Enter and
 * the up/down arrows move within a column, like a spreadsheet.
 */
export function SkuTable({
  storeId,
  dims,
  rows,
  drafts,
  existing,
  errors,
  onChange,
  onFillAll,
}: {
  storeId: string;
  dims: DimDraft[];
  rows: MatrixRow[];
  drafts: Record<string, SkuDraft>;
  existing: Map<string, ExistingSku>;
  errors: Record<string, string | undefined>;
  onChange: (rowKey: string, field: Field, value: string) => void;
  onFillAll: (values: Partial<SkuDraft>) => void;
}) {
  const t = useTranslations("catalog.skus");
  const table = useRef<HTMLTableElement>(null);

  function onKeyDown(e: React.KeyboardEvent<HTMLTableElement>) {
    const el = e.target as HTMLElement;
    const col = el.dataset.col;
    const row = Number(el.dataset.row);
    if (!col || e.altKey || e.ctrlKey || e.metaKey) return;
    let next = row;
    if ((e.key === "Enter" && !e.shiftKey) || e.key === "ArrowDown") next = row + 1;
    else if ((e.key === "Enter" && e.shiftKey) || e.key === "ArrowUp") next = row - 1;
    else return;
    e.preventDefault();
    const target = table.current?.querySelector<HTMLInputElement>(`input[data-col="${col}"][data-row="${next}"]`);
    target?.focus();
    target?.select();
  }

  return (
    <div className="space-y-3">
      {rows.length > 1 && <FillAll onFill={onFillAll} />}
      <div className="overflow-x-auto rounded-lg ring-1 ring-neutral-200">
        <table ref={table} className="w-full text-left text-sm" onKeyDown={onKeyDown}>
          <thead className="bg-neutral-50 text-xs text-neutral-500">
            <tr>
              {dims.map((d) => (
                <th key={d.id} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                  {d.name.trim() || t("unnamedDimension")}
                </th>
              ))}
              {dims.length === 0 && (
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("sku")}
                </th>
              )}
              <th scope="col" className="w-36 px-3 py-2 font-medium">
                {t("price")} <span className="text-red-600" aria-hidden>*</span>
              </th>
              <th scope="col" className="w-36 px-3 py-2 font-medium">
                {t("originalPrice")}
              </th>
              <th scope="col" className="w-32 px-3 py-2 font-medium">
                {t("stock")}
              </th>
              <th scope="col" className="w-40 px-3 py-2 font-medium">
                {t("code")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-100">
            {rows.map((row, i) => (
              <SkuRow
                key={row.key}
                storeId={storeId}
                row={row}
                index={i}
                noDims={dims.length === 0}
                draft={drafts[row.key]}
                saved={existing.get(row.specKey)}
                errPrice={errors[`skus.${row.key}.priceFen`]}
                errOriginal={errors[`skus.${row.key}.originalPriceFen`]}
                errStock={errors[`skus.${row.key}.stock`]}
                errCode={errors[`skus.${row.key}.code`]}
                onChange={onChange}
              />
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-neutral-500">{t("hint")}</p>
    </div>
  );
}

/** One row; memoised, so typing in one cell does not re-render a 500-row table. */
const SkuRow = memo(function SkuRow({
  storeId,
  row,
  index: i,
  noDims,
  draft,
  saved,
  errPrice,
  errOriginal,
  errStock,
  errCode,
  onChange,
}: {
  storeId: string;
  row: MatrixRow;
  index: number;
  noDims: boolean;
  draft: SkuDraft | undefined;
  saved: ExistingSku | undefined;
  errPrice?: string;
  errOriginal?: string;
  errStock?: string;
  errCode?: string;
  onChange: (rowKey: string, field: Field, value: string) => void;
}) {
  const t = useTranslations("catalog.skus");
  const rowLabel = row.values.join(" / ") || t("defaultSku");
  const input = (field: Field, error: string | undefined, opts: { label: string; inputMode?: "decimal" | "numeric" | "text"; maxLength?: number; placeholder?: string; yuan?: boolean }) => {
    const id = `sku-${i}-${field}`;
    return (
      <div className="space-y-0.5">
        <div className="relative">
          {opts.yuan && <span aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-xs text-neutral-400">¥</span>}
          <input
            id={id}
            data-row={i}
            data-col={field}
            className={`${cell} ${opts.yuan ? "pl-6" : ""}`}
            value={draft?.[field] ?? ""}
            inputMode={opts.inputMode}
            maxLength={opts.maxLength}
            placeholder={opts.placeholder}
            autoComplete="off"
            aria-label={`${opts.label} · ${rowLabel}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => onChange(row.key, field, e.target.value)}
            onBlur={opts.yuan ? (e) => e.target.value !== tidyYuan(e.target.value) && onChange(row.key, field, tidyYuan(e.target.value)) : undefined}
          />
        </div>
        {error && (
          <p id={`${id}-error`} className="text-xs leading-tight text-red-600" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <tr className="align-top">
      {row.values.map((v, j) => (
        <th key={j} scope="row" className="px-3 py-2.5 font-normal whitespace-nowrap text-neutral-800">
          {v}
        </th>
      ))}
      {noDims && (
        <th scope="row" className="px-3 py-2.5 font-normal text-neutral-500">
          {t("defaultSku")}
        </th>
      )}
      <td className="px-2 py-1.5">{input("price", errPrice, { label: t("price"), inputMode: "decimal", placeholder: "0.00", yuan: true })}</td>
      <td className="px-2 py-1.5">{input("original", errOriginal, { label: t("originalPrice"), inputMode: "decimal", placeholder: t("optional"), yuan: true })}</td>
      <td className="px-2 py-1.5">
        {saved ? (
          <div className="flex h-9 items-center justify-between gap-2 px-1">
            <span className={`tabular-nums ${saved.stock === 0 ? "text-red-600" : "text-neutral-800"}`}>{saved.stock}</span>
            <Link href={`/seller/stores/${storeId}/stock?skuId=${saved.id}`} className="text-xs font-medium text-brand-700 hover:underline">
              {t("adjust")}
              <span className="sr-only"> · {rowLabel}</span>
            </Link>
          </div>
        ) : (
          input("stock", errStock, { label: t("initialStock"), inputMode: "numeric", placeholder: "0", maxLength: 9 })
        )}
      </td>
      <td className="px-2 py-1.5">{input("code", errCode, { label: t("code"), maxLength: ITEM_LIMITS.skuCode, placeholder: t("optional") })}</td>
    </tr>
  );
});

/** One price / original price / stock for every row at once. */
function FillAll({ onFill }: { onFill: (values: Partial<SkuDraft>) => void }) {
  const t = useTranslations("catalog.skus");
  const [v, setV] = useState({ price: "", original: "", stock: "" });
  const [bad, setBad] = useState<string | null>(null);
  const tf = useTranslations("errors.fields");

  function apply() {
    const out: Partial<SkuDraft> = {};
    if (v.price.trim()) {
      if (parseYuan(v.price) == null) return setBad(tf("priceInvalid"));
      out.price = tidyYuan(v.price);
    }
    if (v.original.trim()) {
      if (parseYuan(v.original) == null) return setBad(tf("priceInvalid"));
      out.original = tidyYuan(v.original);
    }
    if (v.stock.trim()) {
      if (!/^\d{1,9}$/.test(v.stock.trim())) return setBad(tf("stockInvalid"));
      out.stock = v.stock.trim();
    }
    setBad(null);
    if (Object.keys(out).length) onFill(out);
  }

  const field = (k: keyof typeof v, label: string, mode: "decimal" | "numeric") => (
    <label className="flex items-center gap-1.5 text-xs text-neutral-600">
      {label}
      <input
        className={`${controlClass} h-8 w-24 py-1`}
        inputMode={mode}
        value={v[k]}
        onChange={(e) => setV({ ...v, [k]: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          }
        }}
      />
    </label>
  );

  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg bg-neutral-50 px-3 py-2" role="group" aria-label={t("fillAll")}>
      <span className="text-xs font-medium text-neutral-700">{t("fillAll")}</span>
      {field("price", t("priceYuan"), "decimal")}
      {field("original", t("originalPriceYuan"), "decimal")}
      {field("stock", t("newStock"), "numeric")}
      <Button size="sm" variant="secondary" onClick={apply}>
        {t("apply")}
      </Button>
      {bad && (
        <span className="text-xs text-red-600" role="alert">
          {bad}
        </span>
      )}
    </div>
  );
}
