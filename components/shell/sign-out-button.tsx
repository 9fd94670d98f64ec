"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton({ className = "" }: { className?: string }) {
  const t = useTranslations("common");
  return (
    <button type="button" className={`text-sm text-neutral-600 hover:text-neutral-900 ${className}`} onClick={() => signOut({ callbackUrl: "/" })}>
      {t("signOut")}
    </button>
  );
}
