import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { RootDocument, rootMetadata } from "@/components/shell/root-document";
import { ClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return rootMetadata(await getLocale());
}

// The platform's own pages: home, sign-in, the buyer's orders, cases and settings, docs.
export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  return (
    <RootDocument locale={await getLocale()}>
      <ClientMessages scope="site">{children}</ClientMessages>
    </RootDocument>
  );
}
