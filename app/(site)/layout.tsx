import { ClientMessages } from "@/lib/i18n/client-messages";

// The platform's own pages: home, sign-in, the buyer's orders, cases and settings, docs.
export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="site">{children}</ClientMessages>;
}
