"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { updateProfileAction } from "@/app/(seller)/seller/actions";
import { ImageInput } from "@/components/media/image-input";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError } from "@/lib/actions/result";

export function StoreProfileForm({ storeId, initial }: { storeId: string; initial: { name: string; logoImageId: string | null; description: string; contactPhone: string } }) {
  const t = useTranslations("onboarding");
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
      <SubmitButton pendingLabel={tc("saving")}>{t("saveProfile")}</SubmitButton>
    </form>
  );
}
