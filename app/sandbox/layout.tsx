import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { RootDocument, rootMetadata } from "@/components/shell/root-document";
import { ClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return rootMetadata(await getLocale());
}

export default async function SandboxLayout({ children }: { children: React.ReactNode }) {
  return (
    <RootDocument locale={await getLocale()}>
      <ClientMessages scope="sandbox">{children}</ClientMessages>
    </RootDocument>
  );
}
