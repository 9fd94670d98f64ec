"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { shipOrderAction } from "@/lib/orders/actions/seller-orders";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError } from "@/lib/actions/result";
import { CARRIERS } from "@/lib/orders/schemas";

/** Ship a paid order: carrier from the list and the tracking number; what was typed stays on an error. */
export function ShipForm({ storeId, orderId }: { storeId: string; orderId: string }) {
  const t = useTranslations("orders");
  const [state, formAction] = useActionState(shipOrderAction, null);
  const v = (k: string) => (state && !state.ok ? state.values?.[k] : undefined) ?? "";
  const err = (k: string) => firstError(state, k);
  return (
    <form action={formAction} noValidate className="space-y-4" aria-label={t("seller.shipTitle")}>
      <FormStatus state={state} success={t("seller.shipped")} />
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="orderId" value={orderId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField id="ship-carrier" label={t("seller.carrier")} name="carrier" defaultValue={v("carrier")} error={err("carrier")} required>
          <option value="">{t("seller.chooseCarrier")}</option>
          {CARRIERS.map((c) => (
            <option key={c} value={c}>
              {t(`carriers.${c}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="ship-tracking"
          label={t("seller.trackingNo")}
          name="trackingNo"
          defaultValue={v("trackingNo")}
          error={err("trackingNo")}
          hint={t("seller.trackingHint")}
          required
          maxLength={30}
          autoCapitalize="characters"
          spellCheck={false}
          className="font-mono"
        />
      </div>
      <SubmitButton pendingLabel={t("seller.shipping")}>{t("seller.ship")}</SubmitButton>
    </form>
  );
}
