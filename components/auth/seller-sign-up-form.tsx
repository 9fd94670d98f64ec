"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { FormStatus } from "@/components/ui/form-status";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";

type Action = (prev: FormState<{ email: string }>, fd: FormData) => Promise<FormState<{ email: string }>>;

/** Seller sign-up: create the account, sign in with the same password, go apply for a store. */
export function SellerSignUpForm({ action }: { action: Action }) {
  const t = useTranslations("auth");
  const [state, formAction] = useActionState<FormState<{ email: string }>, FormData>(async (prev, fd) => {
    const result = await action(prev, fd);
    if (result?.ok) {
      const res = await signIn("password", { email: result.data.email, password: String(fd.get("password") ?? ""), redirect: false });
      // Signed in: on to the store application. Should that fail, the sign-in page takes over.
      window.location.assign(res?.ok && !res.error ? "/seller/apply" : "/signin?callbackUrl=%2Fseller%2Fapply");
    }
    return result;
  }, null);
  const v = (k: string) => state?.values?.[k] ?? "";
  const err = (k: string) => firstError(state, k);

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.ok ? <Notice tone="success">{t("createdSigningIn")}</Notice> : <FormStatus state={state} />}
      <TextField label={t("name")} name="name" defaultValue={v("name")} error={err("name")} required maxLength={60} autoComplete="name" />
      <TextField
        label={t("email")}
        name="email"
        type="email"
        defaultValue={v("email")}
        error={err("email")}
        required
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField label={t("password")} name="password" type="password" error={err("password")} hint={t("passwordHint")} required minLength={8} autoComplete="new-password" />
      <SubmitButton block size="lg" pendingLabel={t("creating")}>
        {t("signUpSubmit")}
      </SubmitButton>
      <p className="text-center text-sm text-neutral-500">
        {t("haveAccount")}{" "}
        <Link href="/signin" className="font-medium text-brand-700 hover:underline">
          {t("signInLink")}
        </Link>
      </p>
    </form>
  );
}
