import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { RootDocument } from "@/components/shell/root-document";
import { NotFoundPage } from "@/components/shell/not-found-page";
import "./globals.css";

// Addresses no route matches (next.config.ts experimental.globalNotFound). Not an
// app/not-found.tsx: that one would be rendered into every page under the root layout, and
// its request-dependent locale would stop the storefront's pages from being cached.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("notFoundTitle") };
}

export default async function GlobalNotFound() {
  return (
    <RootDocument locale={await getLocale()}>
      <NotFoundPage />
    </RootDocument>
  );
}
