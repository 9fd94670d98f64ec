import { ClientMessages } from "@/lib/i18n/client-messages";

// The cart and checkout's client components use the order messages the browsing pages do not.
export default function StoreCheckoutLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="storeCheckout">{children}</ClientMessages>;
}
