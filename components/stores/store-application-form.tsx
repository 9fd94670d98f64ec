"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ImageInput } from "@/components/media/image-input";
import { firstError, type FormState } from "@/lib/actions/result";

export interface ApplicationValues {
  name: string;
  slug: string;
  logoImageId: string | null;
  description: string;
  businessName: string;
  officialAccountId: string;
  mchId: string;
  contactPhone: string;
}

// Both application actions end in a redirect on success, so their data type is never.
type Action = (prev: FormState<never>, fd: FormData) => Promise<FormState<never>>;

/** The store application (new, or corrected after a rejection). */
export function StoreApplicationForm({ action, initial, storeId, submitLabel }: { action: Action; initial?: ApplicationValues; storeId?: string; submitLabel: string }) {
  const t = useTranslations("onboarding");
  const [state, formAction] = useActionState(action, null);
  const v = (k: keyof ApplicationValues) => state?.values?.[k] ?? initial?.[k] ?? "";
  const err = (k: string) => firstError(state, k);

  return (
    <form action={formAction} className="space-y-5" noValidate>
      <FormStatus state={state} />
      {storeId && <input type="hidden" name="storeId" value={storeId} />}
      <fieldset className="space-y-4">
        <legend className="mb-2 text-sm font-semibold text-neutral-500">{t("sectionStore")}</legend>
        <TextField label={t("name")} name="name" defaultValue={v("name")} error={err("name")} required maxLength={30} />
        <TextField
          label={t("slug")}
          name="slug"
          defaultValue={v("slug")}
          error={err("slug")}
          hint={t("slugHint")}
          required
          maxLength={40}
          autoCapitalize="none"
          spellCheck={false}
          pattern="[a-z0-9\-]+"
        />
        <ImageInput name="logoImageId" label={t("logo")} defaultImageId={v("logoImageId") || null} storeId={storeId} error={err("logoImageId")} hint={t("logoHint")} required />
        <TextAreaField label={t("description")} name="description" defaultValue={v("description")} error={err("description")} maxLength={500} />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="mb-2 text-sm font-semibold text-neutral-500">{t("sectionBusiness")}</legend>
        <TextField label={t("businessName")} name="businessName" defaultValue={v("businessName")} error={err("businessName")} required maxLength={100} />
        <TextField label={t("officialAccountId")} name="officialAccountId" defaultValue={v("officialAccountId")} error={err("officialAccountId")} hint={t("officialAccountHint")} required />
        <TextField label={t("mchId")} name="mchId" defaultValue={v("mchId")} error={err("mchId")} hint={t("mchIdHint")} required inputMode="numeric" />
        <TextField label={t("contactPhone")} name="contactPhone" defaultValue={v("contactPhone")} error={err("contactPhone")} required inputMode="tel" type="tel" />
      </fieldset>
      <SubmitButton pendingLabel={t("submitting")}>{submitLabel}</SubmitButton>
    </form>
  );
}
