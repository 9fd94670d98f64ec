"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { WechatIcon } from "./wechat-icon";

/**
 * Buyers: one big "Sign in with WeChat" button. Sellers and admins: email and password,
 * checked in place (a wrong password keeps the email and says so here).
 */
export function SignInPanel({ callbackUrl, pageError, canResetPassword = false }: { callbackUrl: string | null; pageError: string | null; canResetPassword?: boolean }) {
  const t = useTranslations("auth");
  const [wechatPending, setWechatPending] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const password = useRef<HTMLInputElement>(null);

  async function onWechat() {
    setWechatPending(true);
    try {
      // next-auth posts, then sends the browser to WeChat's consent page.
      await signIn("wechat", { callbackUrl: callbackUrl ?? "/" });
    } catch {
      setWechatPending(false);
      setError(t("signInFailed"));
    }
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const email = String(fd.get("email") ?? "").trim();
    const pw = String(fd.get("password") ?? "");
    if (!email || !pw) {
      setError(t("missingCredentials"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("password", { email, password: pw, redirect: false });
      if (res?.ok && !res.error) {
        // Signed in: the sign-in page sends a signed-in user to the requested page or their home.
        window.location.replace(callbackUrl ? `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin");
        return;
      }
      setError(res?.error === "RATE_LIMITED" ? t("rateLimited") : res?.error && res.error !== "CredentialsSignin" ? t("signInFailed") : t("invalidCredentials"));
    } catch {
      setError(t("signInFailed"));
    }
    setPending(false);
    if (password.current) {
      password.current.value = "";
      password.current.focus();
    }
  }

  return (
    <div className="space-y-8">
      {pageError && <Notice tone="error">{pageError}</Notice>}

      <section aria-labelledby="buyer-heading" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
        <h2 id="buyer-heading" className="text-base font-semibold text-neutral-900">
          {t("buyerHeading")}
        </h2>
        <p className="mt-1 text-sm text-neutral-500">{t("buyerHint")}</p>
        <button
          type="button"
          onClick={onWechat}
          disabled={wechatPending}
          aria-disabled={wechatPending}
          className="mt-4 flex h-12 w-full items-center justify-center gap-2 rounded-xl bg-brand-500 text-base font-medium text-white transition-colors hover:bg-brand-600 disabled:bg-brand-500/60"
        >
          <WechatIcon />
          {wechatPending ? t("wechatRedirecting") : t("wechatButton")}
        </button>
      </section>

      <section aria-labelledby="seller-heading" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
        <h2 id="seller-heading" className="text-base font-semibold text-neutral-900">
          {t("sellerHeading")}
        </h2>
        <form onSubmit={onSubmit} className="mt-4 space-y-4" noValidate aria-describedby={error ? "signin-error" : undefined}>
          {error && (
            <div id="signin-error">
              <Notice tone="error">{error}</Notice>
            </div>
          )}
          <TextField label={t("email")} name="email" type="email" autoComplete="username" inputMode="email" autoCapitalize="none" spellCheck={false} required />
          <TextField ref={password} label={t("password")} name="password" type="password" autoComplete="current-password" required />
          <Button type="submit" block size="lg" disabled={pending} aria-disabled={pending}>
            {pending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />}
            {pending ? t("submitting") : t("submit")}
          </Button>
        </form>
        {canResetPassword && (
          <p className="mt-3 text-center text-sm">
            <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
              {t("forgotPasswordLink")}
            </Link>
          </p>
        )}
        <p className="mt-4 text-center text-sm text-neutral-500">
          {t("noAccount")}{" "}
          <Link href="/signup" className="font-medium text-brand-700 hover:underline">
            {t("createAccount")}
          </Link>
        </p>
      </section>
    </div>
  );
}
