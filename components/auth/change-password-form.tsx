"use client";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { FormStatus } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";

type Result = { keptSession: boolean };
type Action = (prev: FormState<Result>, fd: FormData) => Promise<FormState<Result>>;
type Fields = { currentPassword: string; newPassword: string; confirmPassword: string };
const empty: Fields = { currentPassword: "", newPassword: "", confirmPassword: "" };

/**
 * Current, new and repeated password. The fields are controlled: the server never echoes a
 * password back (lib/actions/define.ts), so what was typed stays here when it is refused.
 */
export function ChangePasswordForm({ action }: { action: Action }) {
  const t = useTranslations("auth");
  const [fields, setFields] = useState<Fields>(empty);
  const [state, formAction] = useActionState<FormState<Result>, FormData>(async (prev, fd) => {
    const result = await action(prev, fd);
    if (result?.ok) {
      // Not kept (the session could not be re-issued): signed out like the others.
      if (!result.data.keptSession) window.location.assign("/signin?callbackUrl=%2Fme");
      else setFields(empty);
    }
    return result;
  }, null);
  const err = (k: keyof Fields) => firstError(state, k);
  const field = (name: keyof Fields) => ({ name, value: fields[name], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setFields((f) => ({ ...f, [name]: e.target.value })), error: err(name) });

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.ok ? <Notice tone="success">{t("passwordChanged")}</Notice> : <FormStatus state={state} />}
      <TextField label={t("currentPassword")} type="password" required autoComplete="current-password" {...field("currentPassword")} />
      <TextField label={t("newPassword")} type="password" required minLength={8} hint={t("passwordHint")} autoComplete="new-password" {...field("newPassword")} />
      <TextField label={t("confirmPassword")} type="password" required autoComplete="new-password" {...field("confirmPassword")} />
      <SubmitButton block size="lg" pendingLabel={t("changingPassword")}>
        {t("changePasswordSubmit")}
      </SubmitButton>
    </form>
  );
}
