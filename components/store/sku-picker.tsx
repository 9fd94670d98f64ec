"use client";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import type { SpecDimension, SpecSelection } from "@/lib/catalog/sku-matrix";
import { initialChoice, pickerState, toggleChoice } from "@/lib/storefront/picker";
import type { StoreSku } from "@/lib/storefront/types";
import { Price, WasPrice } from "./price";

/** A complete choice: one SKU and a quantity within its stock and the item's buy limit. */
export interface SkuSelection {
  skuId: string;
  specKey: string;
  quantity: number;
  priceFen: number;
}

export interface SkuPickerProps {
  specs: SpecDimension[];
  skus: StoreSku[];
  /** Live stock by SKU id; null while it is not known yet (every SKU is offered, none shows a count). */
  stock: Record<string, number> | null;
  buyLimit: number | null;
  priceMinFen: number;
  priceMaxFen: number;
  /**
   * Checkout plugs in here: called with the complete selection when the buyer confirms.
   * Without it the picker renders no confirm control at all (no dead button).
   * A server action can be passed straight from a server component.
   */
  onConfirm?: (selection: SkuSelection) => void | Promise<void>;
  /** Label of the confirm control (e.g. "Add to cart"); required with onConfirm. */
  confirmLabel?: string;
  /** Told about every change of the selection (null while incomplete), for client parents. */
  onChange?: (selection: SkuSelection | null) => void;
  /**
   * A slot under the summary for the checkout's own controls. The picker also renders hidden
   * inputs `skuId` and `quantity`, so wrapping it in a <form> submits the selection.
   */
  children?: ReactNode;
}

/**
 * The storefront's SKU picker: one row of options per spec dimension, combinations without
 * stock disabled, the chosen SKU's price and stock, and a quantity stepper bounded by stock
 * and the buy limit.
 */
export function SkuPicker({ specs, skus, stock, buyLimit, priceMinFen, priceMaxFen, onConfirm, confirmLabel, onChange, children }: SkuPickerProps) {
  const t = useTranslations("store");
  const [chosen, setChosen] = useState<SpecSelection>(() => initialChoice({ specs, skus, stock }));
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const { available, sku, skuStock, max, quantity: qty, selection, allSoldOut, missing } = useMemo(
    () => pickerState({ specs, skus, stock, buyLimit }, chosen, quantity),
    [specs, skus, stock, buyLimit, chosen, quantity],
  );

  // Stock arriving after the first render (a cached item page): an item left with one
  // buyable SKU gets it chosen, as it would have been had stock been known from the start.
  useEffect(() => {
    if (stock) setChosen((c) => (Object.keys(c).length ? c : initialChoice({ specs, skus, stock })));
  }, [stock]);

  const selectionKey = selection ? `${selection.skuId}:${selection.quantity}` : "";
  useEffect(() => {
    onChange?.(selection);
    // Only when the selection itself changes, not on every render of the parent.
  }, [selectionKey]);

  // Another SKU chosen starts again at one unit: a quantity set for 红/S is not meant for 蓝/M.
  const toggle = (dim: string, value: string) => {
    const next = toggleChoice(chosen, dim, value);
    const nextSku = pickerState({ specs, skus, stock, buyLimit }, next, quantity).sku;
    if (sku && nextSku && nextSku.id !== sku.id) setQuantity(1);
    setChosen(next);
  };

  return (
    <div className="space-y-4">
      <div className="flex items-baseline gap-2">
        {sku ? <Price min={sku.priceFen} size="lg" /> : <Price min={priceMinFen} max={priceMaxFen} size="lg" />}
        {sku?.originalPriceFen != null && sku.originalPriceFen > sku.priceFen && <WasPrice min={sku.originalPriceFen} label={t("originalPrice")} />}
        <span className="ml-auto text-xs text-neutral-500" aria-live="polite">
          {allSoldOut ? t("soldOut") : sku && skuStock != null ? (skuStock > 0 ? t("stockLeft", { n: skuStock }) : t("soldOut")) : null}
        </span>
      </div>

      {specs.map((d) => (
        <fieldset key={d.name}>
          <legend className="mb-2 text-sm text-neutral-500">{d.name}</legend>
          <div className="flex flex-wrap gap-2">
            {d.values.map((v) => {
              const selected = chosen[d.name] === v;
              const enabled = selected || available[d.name]?.has(v);
              return (
                <button
                  key={v}
                  type="button"
                  aria-pressed={selected}
                  disabled={!enabled}
                  onClick={() => toggle(d.name, v)}
                  className={`min-h-9 rounded-full px-4 text-sm ring-1 transition-colors ${
                    selected
                      ? "bg-brand-50 font-medium text-brand-700 ring-brand-500"
                      : enabled
                        ? "bg-neutral-100 text-neutral-900 ring-transparent"
                        : "bg-neutral-50 text-neutral-300 line-through ring-transparent"
                  }`}
                >
                  {v}
                  {!enabled && <span className="sr-only"> ({t("soldOut")})</span>}
                </button>
              );
            })}
          </div>
        </fieldset>
      ))}

      <div className="flex items-center justify-between">
        <span id="qty-label" className="text-sm text-neutral-500">
          {t("quantity")}
          {buyLimit != null && <span className="ml-2 text-xs text-amber-700">{t("buyLimit", { n: buyLimit })}</span>}
        </span>
        <div className="flex items-center rounded-full ring-1 ring-neutral-200" role="group" aria-labelledby="qty-label">
          <button
            type="button"
            className="grid size-9 place-items-center text-lg disabled:text-neutral-300"
            onClick={() => setQuantity(qty - 1)}
            disabled={!selection || qty <= 1}
            aria-label={t("decrease")}
          >
            −
          </button>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={Math.max(max, 1)}
            value={qty}
            disabled={!selection}
            onChange={(e) => {
              const n = Number.parseInt(e.target.value, 10);
              if (Number.isFinite(n)) setQuantity(n);
            }}
            aria-label={t("quantity")}
            className="w-12 [appearance:textfield] bg-transparent text-center text-sm tabular-nums disabled:text-neutral-300 [&::-webkit-inner-spin-button]:appearance-none"
          />
          <button
            type="button"
            className="grid size-9 place-items-center text-lg disabled:text-neutral-300"
            onClick={() => setQuantity(qty + 1)}
            disabled={!selection || qty >= max}
            aria-label={t("increase")}
          >
            +
          </button>
        </div>
      </div>

      <p className="rounded-lg bg-neutral-50 px-3 py-2 text-sm text-neutral-700" aria-live="polite">
        {allSoldOut
          ? t("allSoldOut")
          : selection
            ? t("selected", { choice: specs.length ? specs.map((d) => chosen[d.name]).join(" / ") : t("defaultSku"), n: selection.quantity })
            : sku
              ? t("choiceSoldOut")
              : t("choose", { dims: missing.join(t("listSeparator")) })}
      </p>

      <input type="hidden" name="skuId" value={selection?.skuId ?? ""} />
      <input type="hidden" name="quantity" value={selection ? String(selection.quantity) : ""} />

      {onConfirm && selection && (
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm(selection);
            } finally {
              setBusy(false);
            }
          }}
          className="h-11 w-full rounded-full bg-brand-500 text-base font-medium text-white active:bg-brand-600 disabled:opacity-60"
        >
          {confirmLabel}
        </button>
      )}
      {children}
    </div>
  );
}
