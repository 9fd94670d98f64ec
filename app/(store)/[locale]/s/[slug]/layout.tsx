import { notFound } from "next/navigation";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { storeLocale } from "@/lib/i18n/store-locale";
import { getOpenStore } from "@/lib/storefront/store";

// The buyer's storefront: a phone-width column, server-rendered. Unknown, pending and
// rejected stores are 404 here; a suspended one renders (its pages show it is closed).
export default async function StorefrontLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string; slug: string }> }) {
  await storeLocale(params);
  const { slug } = await params;
  if (!(await getOpenStore(slug))) notFound();
  return (
    <ClientMessages scope="store">
      <div className="mx-auto min-h-dvh max-w-md bg-neutral-50 pb-12">{children}</div>
    </ClientMessages>
  );
}
