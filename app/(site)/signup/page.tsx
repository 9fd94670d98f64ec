import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/auth/auth-frame";
import { SellerSignUpForm } from "@/components/auth/seller-sign-up-form";
import { homeFor } from "@/lib/auth/redirects";
import { getActor } from "@/lib/auth/session";
import { signUpAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signUpTitle") };
}

export default async function SignUpPage() {
  const actor = await getActor();
  if (actor) redirect(homeFor(actor.role));
  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
  return (
    <AuthFrame appName={tc("appName")} title={t("signUpTitle")}>
      <p className="-mt-4 mb-6 text-sm text-neutral-500">{t("signUpIntro")}</p>
      <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
        <SellerSignUpForm action={signUpAction} />
      </div>
    </AuthFrame>
  );
}
