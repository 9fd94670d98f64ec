import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { resetTokenUsable } from "@/lib/auth/password-reset";
import { resetPasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("resetPasswordTitle"), referrer: "no-referrer" };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const token = typeof sp.token === "string" ? sp.token : "";
  const [t, tc, usable] = await Promise.all([getTranslations("auth"), getTranslations("common"), resetTokenUsable(token)]);
  return (
    <AuthFrame appName={tc("appName")} title={t("resetPasswordTitle")}>
      <ResetPasswordForm action={resetPasswordAction} token={token} usable={usable} />
    </AuthFrame>
  );
}
