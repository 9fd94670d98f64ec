"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { FormStatus } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** The address to mail a reset link to; the answer is the same whether or not it has an account. */
export function ForgotPasswordForm({ action, minutes }: { action: Action; minutes: number }) {
  const t = useTranslations("auth");
  const [state, formAction] = useActionState<FormState, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.ok ? <Notice tone="success">{t("resetLinkSent", { minutes })}</Notice> : <FormStatus state={state} />}
      <TextField
        label={t("email")}
        name="email"
        type="email"
        defaultValue={state?.values?.email ?? ""}
        error={firstError(state, "email")}
        required
        autoComplete="username"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
      />
      <SubmitButton block size="lg" pendingLabel={t("sendingResetLink")}>
        {t("sendResetLink")}
      </SubmitButton>
      <p className="text-center text-sm">
        <Link href="/signin" className="font-medium text-brand-700 hover:underline">
          {t("backToSignIn")}
        </Link>
      </p>
    </form>
  );
}
