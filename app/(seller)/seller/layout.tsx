import { pageActor } from "@/lib/auth/guards";

export default async function SellerLayout({ children }: { children: React.ReactNode }) {
  await pageActor({ roles: ["SELLER"], next: "/seller" });
  return children;
}
