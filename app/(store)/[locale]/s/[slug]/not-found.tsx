"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { storePath } from "@/lib/storefront/paths";

// An unknown group or item, or one no longer on sale, inside a store that exists.
export default function StorefrontNotFound() {
  const t = useTranslations("store");
  const { slug } = useParams<{ slug: string }>();
  return (
    <div className="px-6 py-16 text-center">
      <p aria-hidden className="text-4xl">🛍️</p>
      <h1 className="mt-3 text-lg font-semibold text-neutral-900">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-sm text-neutral-600">{t("notFoundBody")}</p>
      {slug && (
        <Link href={storePath(slug)} className="mt-6 inline-block text-sm font-medium text-brand-700">
          {t("backToStore")}
        </Link>
      )}
    </div>
  );
}
