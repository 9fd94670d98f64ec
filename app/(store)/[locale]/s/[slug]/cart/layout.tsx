import { ClientMessages } from "@/lib/i18n/client-messages";
import { storeLocale } from "@/lib/i18n/store-locale";

// The cart and checkout's client components use the order messages the browsing pages do not.
export default async function StoreCheckoutLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  await storeLocale(params);
  return <ClientMessages scope="storeCheckout">{children}</ClientMessages>;
}
