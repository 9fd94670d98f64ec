import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { RESET_TOKEN_TTL_MS } from "@/lib/auth/password-reset";
import { requestPasswordResetAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("forgotPasswordTitle") };
}

export default async function ForgotPasswordPage() {
  const [t, tc] = await Promise.all([getTranslations("auth"), getTranslations("common")]);
  return (
    <AuthFrame appName={tc("appName")} title={t("forgotPasswordTitle")}>
      <p className="mb-4 text-sm text-neutral-600">{t("forgotPasswordIntro")}</p>
      <ForgotPasswordForm action={requestPasswordResetAction} minutes={RESET_TOKEN_TTL_MS / 60_000} />
    </AuthFrame>
  );
}
