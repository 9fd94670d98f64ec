"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { FormStatus } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/**
 * The new password, twice, for the mailed link's token. Controlled: a refusal keeps what was
 * typed. `usable`: the link can still be used (the page re-reads it after the reset, when it
 * no longer can: the success stays shown).
 */
export function ResetPasswordForm({ action, token, usable }: { action: Action; token: string; usable: boolean }) {
  const t = useTranslations("auth");
  const [fields, setFields] = useState({ newPassword: "", confirmPassword: "" });
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <Notice tone="success">{t("passwordReset")}</Notice>
        <p className="text-center text-sm">
          <Link href="/signin" className="font-medium text-brand-700 hover:underline">
            {t("signInLink")}
          </Link>
        </p>
      </div>
    );
  }
  if (!usable) {
    return (
      <div className="space-y-4">
        <Notice tone="error">{t("resetLinkUnusable")}</Notice>
        <p className="text-center text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
            {t("askAgain")}
          </Link>
        </p>
      </div>
    );
  }
  const field = (name: "newPassword" | "confirmPassword") => ({
    name,
    value: fields[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setFields((f) => ({ ...f, [name]: e.target.value })),
    error: firstError(state, name),
  });
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField label={t("newPassword")} type="password" required minLength={8} hint={t("passwordHint")} autoComplete="new-password" {...field("newPassword")} />
      <TextField label={t("confirmPassword")} type="password" required autoComplete="new-password" {...field("confirmPassword")} />
      <SubmitButton block size="lg" pendingLabel={t("resettingPassword")}>
        {t("resetPasswordSubmit")}
      </SubmitButton>
    </form>
  );
}
