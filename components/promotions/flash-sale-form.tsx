"use client";
// A seller's new flash sale for the items chosen: the window, the price (each SKU's own, or a percent
// off them all), optional units at that price and a per-buyer limit. Everything typed stays
// after a refusal, and each SKU row shows its own error.
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { specLabel } from "@/components/catalog/spec-label";
import { firstError, type FormState } from "@/lib/actions/result";
import { formatFen } from "@/lib/money";

type Action = (prev: FormState<{ id: string }>, form: FormData) => Promise<FormState<{ id: string }>>;
export interface SaleSkuOption {
  id: string;
  /** Its item's title, when the sale covers several items (null: one item, its SKUs named by spec alone). */
  itemTitle?: string | null;
  specKey: string;
  priceFen: number;
  stock: number;
}

export function FlashSaleForm({ storeId, skus, action, defaults }: { storeId: string; skus: SaleSkuOption[]; action: Action; defaults: { startsAt: string; endsAt: string } }) {
  const t = useTranslations("promotions.seller.sale");
  const [state, run] = useActionState(action, null);
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const err = (k: string) => firstError(state, k);
  const [mode, setMode] = useState(v.mode ?? "PRICE");
  const formKey = state?.ok ? state.data.id : "new";
  const cell = "py-2 pr-3 align-top";

  return (
    <form action={run} key={formKey} className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="storeId" value={storeId} />
      {skus.map((s) => (
        <input key={s.id} type="hidden" name="skuOrder[]" value={s.id} />
      ))}
      <TextField label={t("name")} name="name" required maxLength={30} placeholder={t("namePlaceholder")} defaultValue={v.name ?? ""} error={err("name")} />
      <SelectField label={t("mode")} name="mode" value={mode} onChange={(e) => setMode(e.target.value)} error={err("mode")}>
        <option value="PRICE">{t("modePrice")}</option>
        <option value="PERCENT">{t("modePercent")}</option>
      </SelectField>
      <TextField label={t("startsAt")} name="startsAt" type="datetime-local" required defaultValue={v.startsAt ?? defaults.startsAt} error={err("startsAt")} />
      <TextField label={t("endsAt")} name="endsAt" type="datetime-local" required defaultValue={v.endsAt ?? defaults.endsAt} error={err("endsAt")} />
      {mode === "PERCENT" && <TextField label={t("percentOff")} name="percentOff" inputMode="numeric" required hint={t("percentHint")} defaultValue={v.percentOff ?? ""} error={err("percentOff")} />}
      <TextField label={t("perBuyerLimit")} name="perBuyerLimit" inputMode="numeric" hint={t("perBuyerHint")} defaultValue={v.perBuyerLimit ?? ""} error={err("perBuyerLimit")} />
      <fieldset className="sm:col-span-2" aria-describedby={err("skus") ? "sale-skus-error" : undefined}>
        <legend className="text-sm font-medium text-neutral-800">{t("skus")}</legend>
        <div className="mt-1 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-neutral-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{t("sku")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t("ownPrice")}</th>
                {mode === "PRICE" && <th scope="col" className="py-1 pr-3 font-medium">{t("salePrice")}</th>}
                <th scope="col" className="py-1 pr-3 font-medium">{t("quantity")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {skus.map((s) => {
                const spec = specLabel(s.specKey) ?? t("defaultSpec");
                const label = s.itemTitle ? `${s.itemTitle} · ${spec}` : spec;
                return (
                  <tr key={s.id}>
                    <td className={cell}>
                      <label className="flex items-center gap-2">
                        <input type="checkbox" name={`sku.${s.id}.on`} defaultChecked={state && !state.ok ? v[`sku.${s.id}.on`] === "on" : true} className="size-4 accent-brand-500" />
                        <span>{label}</span>
                      </label>
                      {err(`sku.${s.id}.on`) && <p role="alert" className="mt-1 text-xs text-red-600">{err(`sku.${s.id}.on`)}</p>}
                    </td>
                    <td className={`${cell} tabular-nums text-neutral-600`}>
                      {formatFen(s.priceFen)}
                      <p className="text-xs text-neutral-400">{t("stock", { n: s.stock })}</p>
                    </td>
                    {mode === "PRICE" && (
                      <td className={cell}>
                        <TextField label={t("salePriceOf", { sku: label })} hideLabel name={`sku.${s.id}.price`} inputMode="decimal" defaultValue={v[`sku.${s.id}.price`] ?? ""} error={err(`sku.${s.id}.price`)} />
                      </td>
                    )}
                    <td className={cell}>
                      <TextField label={t("quantityOf", { sku: label })} hideLabel name={`sku.${s.id}.quantity`} inputMode="numeric" placeholder={t("quantityAll")} defaultValue={v[`sku.${s.id}.quantity`] ?? ""} error={err(`sku.${s.id}.quantity`) ?? (mode === "PERCENT" ? err(`sku.${s.id}.price`) : undefined)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {err("skus") && (
          <p id="sale-skus-error" role="alert" className="mt-1 text-xs text-red-600">
            {err("skus")}
          </p>
        )}
      </fieldset>
      <p className="text-xs text-neutral-500 sm:col-span-2">{t("couponRule")}</p>
      <div className="flex items-center gap-3 sm:col-span-2">
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
        <FormStatus state={state} success={t("created")} />
      </div>
    </form>
  );
}
