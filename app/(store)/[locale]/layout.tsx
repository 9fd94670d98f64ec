import type { Metadata } from "next";
import { RootDocument, rootMetadata } from "@/components/shell/root-document";
import { locales } from "@/lib/i18n/config";
import { storeLocale } from "@/lib/i18n/store-locale";

// The storefront's locale is a URL segment buyers never see: /s/… is rewritten to
// /<locale>/s/… from their cookie or Accept-Language (next.config.ts rewrites, proxy.ts for
// the rest). With it in the URL rather than read from the request, a store's home and group
// pages render once per locale and are served from the cache (lib/cache-handler.mjs) until
// a change to what they show.
type Props = { children: React.ReactNode; params: Promise<{ locale: string }> };

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return rootMetadata(await storeLocale(params));
}

export default async function StoreRootLayout({ children, params }: Props) {
  return <RootDocument locale={await storeLocale(params)}>{children}</RootDocument>;
}
