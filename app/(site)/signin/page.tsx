import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AuthFrame } from "@/components/auth/auth-frame";
import { SignInPanel } from "@/components/auth/sign-in-panel";
import { afterSignIn, safeCallbackPath } from "@/lib/auth/redirects";
import { getActor } from "@/lib/auth/session";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

// next-auth's ?error= codes → our messages.
const errorMessages: Record<string, string> = {
  OAuthSignin: "oauthFailed",
  OAuthCallback: "oauthFailed",
  OAuthCreateAccount: "oauthFailed",
  OAuthAccountNotLinked: "oauthFailed",
  Callback: "oauthFailed",
  AccessDenied: "accessDenied",
  CredentialsSignin: "invalidCredentials",
  SessionRequired: "sessionRequired",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const appUrl = env().APP_URL;
  const actor = await getActor();
  if (actor) redirect(afterSignIn(actor.role, typeof sp.callbackUrl === "string" ? sp.callbackUrl : null, appUrl));

  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
  const error = typeof sp.error === "string" ? t(errorMessages[sp.error] ?? "signInFailed") : null;
  return (
    <AuthFrame appName={tc("appName")} title={t("signInTitle")}>
      <SignInPanel callbackUrl={safeCallbackPath(sp.callbackUrl, appUrl)} pageError={error} canResetPassword={env().MAIL_TRANSPORT !== "none"} />
    </AuthFrame>
  );
}
