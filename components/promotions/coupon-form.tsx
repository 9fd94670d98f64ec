"use client";
// A seller's new coupon. Everything typed stays after a refusal (each control reads its value
// back from the returned state), and each field shows its own error.
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";

type Action = (prev: FormState<{ id: string }>, form: FormData) => Promise<FormState<{ id: string }>>;

export function CouponForm({ storeId, items, action, defaults }: { storeId: string; items: { id: string; title: string }[]; action: Action; defaults: { startsAt: string; endsAt: string } }) {
  const t = useTranslations("promotions.seller");
  const [state, run] = useActionState(action, null);
  const v = state && !state.ok ? (state.values ?? {}) : {};
  const err = (k: string) => firstError(state, k);
  const [kind, setKind] = useState(v.kind ?? "THRESHOLD");
  const [scope, setScope] = useState(v.scope ?? "STORE");
  const [validity, setValidity] = useState(v.validDays ? "DAYS" : "WINDOW");
  // A new form after a coupon is created: the key changes, so the fields start empty again.
  const formKey = state?.ok ? state.data.id : "new";
  // Controlled: the typed values come back as single strings, which cannot carry several items.
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [audience, setAudience] = useState(v.audience ?? "PUBLIC");
  const toggle = (id: string) => setChosen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  return (
    <form action={run} key={formKey} className="grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="storeId" value={storeId} />
      <TextField label={t("name")} name="name" required maxLength={30} placeholder={t("namePlaceholder")} defaultValue={v.name ?? ""} error={err("name")} />
      <SelectField label={t("kind")} name="kind" value={kind} onChange={(e) => setKind(e.target.value)} error={err("kind")}>
        {(["THRESHOLD", "PERCENT", "AMOUNT"] as const).map((k) => (
          <option key={k} value={k}>
            {t(`kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      {kind !== "PERCENT" && <TextField label={t("amountOff")} name="amountOff" inputMode="decimal" required defaultValue={v.amountOff ?? ""} error={err("amountOff")} />}
      {kind === "THRESHOLD" && <TextField label={t("threshold")} name="threshold" inputMode="decimal" required defaultValue={v.threshold ?? ""} error={err("threshold")} />}
      {kind === "PERCENT" && (
        <>
          <TextField label={t("percentOff")} name="percentOff" inputMode="numeric" required hint={t("percentHint")} defaultValue={v.percentOff ?? ""} error={err("percentOff")} />
          <TextField label={t("cap")} name="cap" inputMode="decimal" defaultValue={v.cap ?? ""} error={err("cap")} />
          <TextField label={t("thresholdOptional")} name="threshold" inputMode="decimal" defaultValue={v.threshold ?? ""} error={err("threshold")} />
        </>
      )}
      <SelectField label={t("scope")} name="scope" value={scope} onChange={(e) => setScope(e.target.value)} error={err("scope")}>
        <option value="STORE">{t("scopeStore")}</option>
        <option value="ITEMS">{t("scopeItems")}</option>
      </SelectField>
      {scope === "ITEMS" && (
        <fieldset className="sm:col-span-2" aria-describedby={err("itemIds") ? "coupon-items-error" : undefined}>
          <legend className="text-sm font-medium text-neutral-800">{t("items")}</legend>
          <div className="mt-1 grid max-h-48 gap-1 overflow-y-auto rounded-lg border border-neutral-200 p-2 sm:grid-cols-2">
            {items.map((it) => (
              <label key={it.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="itemIds[]" value={it.id} checked={chosen.has(it.id)} onChange={() => toggle(it.id)} className="size-4 accent-brand-500" />
                <span className="truncate">{it.title}</span>
              </label>
            ))}
          </div>
          {err("itemIds") && (
            <p id="coupon-items-error" role="alert" className="mt-1 text-xs text-red-600">
              {err("itemIds")}
            </p>
          )}
        </fieldset>
      )}
      <label className="flex items-center gap-2 self-end pb-2 text-sm text-neutral-800">
        <input type="checkbox" name="coversPostage" defaultChecked={v.coversPostage === "on"} className="size-4 accent-brand-500" />
        {t("coversPostage")}
      </label>
      <TextField label={t("startsAt")} name="startsAt" type="datetime-local" required defaultValue={v.startsAt ?? defaults.startsAt} error={err("startsAt")} />
      <TextField label={t("endsAt")} name="endsAt" type="datetime-local" required defaultValue={v.endsAt ?? defaults.endsAt} error={err("endsAt")} />
      <SelectField label={t("validity")} name="validity" value={validity} onChange={(e) => setValidity(e.target.value)}>
        <option value="WINDOW">{t("validityWindow")}</option>
        <option value="DAYS">{t("validityDays")}</option>
      </SelectField>
      {validity === "DAYS" && <TextField label={t("validDays")} name="validDays" inputMode="numeric" required defaultValue={v.validDays ?? "7"} error={err("validDays")} />}
      <TextField label={t("totalQuantity")} name="totalQuantity" inputMode="numeric" required defaultValue={v.totalQuantity ?? "100"} error={err("totalQuantity")} />
      <TextField label={t("perBuyerLimit")} name="perBuyerLimit" inputMode="numeric" required defaultValue={v.perBuyerLimit ?? "1"} error={err("perBuyerLimit")} />
      <SelectField label={t("audience")} name="audience" value={audience} onChange={(e) => setAudience(e.target.value)} error={err("audience")}>
        <option value="PUBLIC">{t("audiencePublic")}</option>
        <option value="TARGETED">{t("audienceTargeted")}</option>
      </SelectField>
      <div className="flex items-center gap-3 sm:col-span-2">
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
        <FormStatus state={state} success={t("created")} />
      </div>
    </form>
  );
}
