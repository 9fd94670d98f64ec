"use client";
import { useParams } from "next/navigation";
import { NotFoundView } from "@/components/shell/not-found-page";
import { defaultLocale, isLocale } from "@/lib/i18n/config";
import en from "@/lib/i18n/messages/en/common.json";
import zhCN from "@/lib/i18n/messages/zh-CN/common.json";

// When a page calls notFound() before its first bytes are sent, Next renders this under the
// root layout instead, and that layout only passes its children through (each surface renders
// its own <html>, see app/layout.tsx) — so this is a whole document. A client component with
// its few words bundled: anything read from the request here would be read while rendering
// every page, and stop the storefront's from being cached. The locale is the storefront's
// URL segment when there is one.
export default function RootNotFound() {
  const { locale } = useParams<{ locale?: string }>() ?? {};
  const lang = isLocale(locale) ? locale : defaultLocale;
  const t = lang === "en" ? en : zhCN;
  return (
    <html lang={lang}>
      <body className="min-h-dvh font-sans">
        <title>{t.notFoundTitle}</title>
        <NotFoundView title={t.notFoundTitle} body={t.notFoundBody} home={t.home} />
      </body>
    </html>
  );
}
