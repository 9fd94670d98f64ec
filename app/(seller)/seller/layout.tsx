import { ClientMessages } from "@/lib/i18n/client-messages";
import { pageActor } from "@/lib/auth/guards";

export default async function SellerLayout({ children }: { children: React.ReactNode }) {
  await pageActor({ roles: ["SELLER"], next: "/seller" });
  return <ClientMessages scope="seller">{children}</ClientMessages>;
}
