import "server-only";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { isLocale, type Locale } from "./config";

/**
 * The storefront's locale, from its URL segment (app/(store)/[locale], filled in by proxy.ts),
 * set as this render's locale. Each storefront layout and page calls it before anything
 * translated: reading the locale from the request instead would stop the page from being
 * rendered once and cached.
 */
export async function storeLocale(params: Promise<{ locale: string }>): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  return locale;
}
