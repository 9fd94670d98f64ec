import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages, type ClientMessageScope } from "@/lib/i18n/client-messages";

// The <html> document every surface renders. app/layout.tsx only passes its children through,
// so that each surface's layout decides where its locale comes from: the storefront's from
// its URL segment (filled in by next.config.ts rewrites and proxy.ts, so its pages can be
// rendered once and cached), the others' from the buyer's cookie or Accept-Language.

/** The site-wide title template and description, in `locale`. */
export async function rootMetadata(locale: string): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: "common" });
  return { title: { default: t("appName"), template: `%s · ${t("appName")}` }, description: t("tagline") };
}

export function RootDocument({ locale, children }: { locale: string; children: React.ReactNode }) {
  return (
    <html lang={locale}>
      <body className="min-h-dvh font-sans">
        <ClientMessages scope="root">{children}</ClientMessages>
      </body>
    </html>
  );
}

/** rootMetadata in the request's locale (the surfaces other than the storefront). */
export async function requestRootMetadata(): Promise<Metadata> {
  return rootMetadata(await getLocale());
}

/** The document of a surface whose locale comes from the request, with its client messages. */
export async function SurfaceDocument({ scope, children }: { scope: ClientMessageScope; children: React.ReactNode }) {
  return (
    <RootDocument locale={await getLocale()}>
      <ClientMessages scope={scope}>{children}</ClientMessages>
    </RootDocument>
  );
}
