"use client";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { adjustStockAction, setStockLevelAction } from "@/lib/catalog/actions/stock";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";

type Mode = "add" | "remove" | "set";

/**
 * One SKU's stock change: add or remove a quantity, or set the counted level. Setting sends
 * the level the seller is looking at, so a sale in between is caught (STALE) instead of
 * silently overwritten.
 */
export function StockAdjustForm({ storeId, skuId, current, label, autoFocus }: { storeId: string; skuId: string; current: number; label: string; autoFocus?: boolean }) {
  const t = useTranslations("catalog.stock");
  const id = useId();
  const [mode, setMode] = useState<Mode>("add");
  const [qty, setQty] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ qty?: string; note?: string; form?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const n = /^\d{1,8}$/.test(qty.trim()) ? Number(qty.trim()) : null;
  const after = n == null ? null : mode === "add" ? current + n : mode === "remove" ? current - n : n;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    const local: typeof errors = {};
    if (n == null || (mode !== "set" && n === 0)) local.qty = t("qtyInvalid");
    else if (after != null && after < 0) local.qty = t("belowZero", { current });
    if (!note.trim()) local.note = t("noteRequired");
    setErrors(local);
    if (Object.keys(local).length || n == null) return;
    startTransition(async () => {
      const r =
        mode === "set"
          ? await setStockLevelAction({ storeId, skuId, target: n, expectedCurrent: current, note })
          : await adjustStockAction({ storeId, skuId, delta: mode === "add" ? n : -n, note });
      if (r.ok) {
        setQty("");
        setNote("");
        setErrors({});
        setDone(t("nowAt", { stock: r.data.stock }));
      } else {
        setErrors({
          qty: r.fieldErrors?.delta?.[0] ?? r.fieldErrors?.target?.[0],
          note: r.fieldErrors?.note?.[0],
          form: r.code === "STALE" ? t("stale") : r.fieldErrors ? undefined : r.error,
        });
      }
    });
  }

  const modes: Mode[] = ["add", "remove", "set"];
  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-2" noValidate aria-label={t("formLabel", { sku: label })}>
      <div role="radiogroup" aria-label={t("mode")} className="flex h-9 rounded-lg bg-neutral-100 p-0.5 text-xs">
        {modes.map((m) => (
          <label key={m} className={`flex cursor-pointer items-center rounded-md px-2.5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500/50 ${mode === m ? "bg-white font-medium shadow-sm" : "text-neutral-600"}`}>
            <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} className="sr-only" />
            {t(`modes.${m}`)}
          </label>
        ))}
      </div>
      <div className="w-24">
        <label htmlFor={`${id}-qty`} className="sr-only">
          {mode === "set" ? t("newLevel") : t("quantity")}
        </label>
        <input
          id={`${id}-qty`}
          className={`${controlClass} h-9 py-1 tabular-nums`}
          inputMode="numeric"
          placeholder={mode === "set" ? String(current) : "0"}
          value={qty}
          onChange={(e) => setQty(e.target.value)}
          autoFocus={autoFocus}
          aria-invalid={errors.qty ? true : undefined}
          aria-describedby={errors.qty ? `${id}-qty-error` : `${id}-after`}
        />
      </div>
      <div className="min-w-40 flex-1">
        <label htmlFor={`${id}-note`} className="sr-only">
          {t("note")}
        </label>
        <input
          id={`${id}-note`}
          className={`${controlClass} h-9 py-1`}
          placeholder={t("notePlaceholder")}
          list={`${id}-reasons`}
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${id}-note-error` : undefined}
        />
        <datalist id={`${id}-reasons`}>
          {(t("noteSuggestions") as string).split(",").map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
      <Button type="submit" size="sm" className="h-9" disabled={pending}>
        {pending ? t("applying") : t("apply")}
      </Button>
      <div className="basis-full space-y-0.5 text-xs" aria-live="polite">
        {errors.qty && (
          <p id={`${id}-qty-error`} className="text-red-600">
            {errors.qty}
          </p>
        )}
        {errors.note && (
          <p id={`${id}-note-error`} className="text-red-600">
            {errors.note}
          </p>
        )}
        {errors.form && <p className="text-red-600">{errors.form}</p>}
        {!errors.qty && after != null && after >= 0 && (
          <p id={`${id}-after`} className="text-neutral-500">
            {t("willBe", { current, after })}
          </p>
        )}
        {done && <p className="text-brand-700">{done}</p>}
      </div>
    </form>
  );
}
