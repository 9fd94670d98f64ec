import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { RootDocument, rootMetadata } from "@/components/shell/root-document";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { pageActor } from "@/lib/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  return rootMetadata(await getLocale());
}

export default async function SellerLayout({ children }: { children: React.ReactNode }) {
  await pageActor({ roles: ["SELLER"], next: "/seller" });
  return (
    <RootDocument locale={await getLocale()}>
      <ClientMessages scope="seller">{children}</ClientMessages>
    </RootDocument>
  );
}
