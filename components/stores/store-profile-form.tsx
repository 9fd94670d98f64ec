"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { updateProfileAction } from "@/lib/stores/actions/apply";
import { ImageInput } from "@/components/media/image-input";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError } from "@/lib/actions/result";

export function StoreProfileForm({
  storeId,
  initial,
}: {
  storeId: string;
  initial: { name: string; logoImageId: string | null; description: string; contactPhone: string; returnRecipient?: string; returnPhone?: string; returnAddress?: string };
}) {
  const t = useTranslations("onboarding");
  const tr = useTranslations("protection.returnAddress");
  const tc = useTranslations("common");
  const [state, action] = useActionState(updateProfileAction, null);
  const v = (k: keyof typeof initial) => state?.values?.[k] ?? initial[k] ?? "";
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormStatus state={state} success={tc("saved")} />
      <input type="hidden" name="storeId" value={storeId} />
      <TextField label={t("name")} name="name" defaultValue={v("name")} error={firstError(state, "name")} required maxLength={30} />
      <ImageInput name="logoImageId" label={t("logo")} storeId={storeId} defaultImageId={v("logoImageId") || null} error={firstError(state, "logoImageId")} required />
      <TextAreaField label={t("description")} name="description" defaultValue={v("description")} error={firstError(state, "description")} maxLength={500} />
      <TextField label={t("contactPhone")} name="contactPhone" type="tel" defaultValue={v("contactPhone")} error={firstError(state, "contactPhone")} required />
      {/* Where buyers send returns: shown to them when a return is accepted. */}
      <fieldset className="space-y-3 rounded-lg border border-neutral-200 p-4">
        <legend className="px-1 text-sm font-medium text-neutral-800">{tr("title")}</legend>
        <p className="text-xs text-neutral-500">{tr("hint")}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={tr("recipient")} name="returnRecipient" defaultValue={v("returnRecipient")} error={firstError(state, "returnRecipient")} maxLength={20} />
          <TextField label={tr("phone")} name="returnPhone" type="tel" defaultValue={v("returnPhone")} error={firstError(state, "returnPhone")} maxLength={20} />
        </div>
        <TextAreaField label={tr("address")} name="returnAddress" defaultValue={v("returnAddress")} error={firstError(state, "returnAddress")} maxLength={200} rows={2} />
      </fieldset>
      <SubmitButton pendingLabel={tc("saving")}>{t("saveProfile")}</SubmitButton>
    </form>
  );
}
