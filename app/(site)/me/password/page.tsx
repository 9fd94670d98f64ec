import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { pageActor } from "@/lib/auth/guards";
import { changePasswordAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("changePassword") };
}

export default async function ChangePasswordPage() {
  await pageActor({ roles: ["SELLER", "ADMIN"], next: "/me/password" });
  const [t, tc] = await Promise.all([getTranslations("auth"), getTranslations("common")]);
  return (
    <AuthFrame appName={tc("appName")} title={t("changePassword")}>
      <p className="mb-4 text-sm text-neutral-600">{t("changePasswordIntro")}</p>
      <ChangePasswordForm action={changePasswordAction} />
      <p className="mt-6 text-center text-sm">
        <Link href="/me" className="font-medium text-brand-700 hover:underline">
          {t("backToAccount")}
        </Link>
      </p>
    </AuthFrame>
  );
}
