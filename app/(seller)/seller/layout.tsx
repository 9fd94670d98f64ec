import { SurfaceDocument } from "@/components/shell/root-document";
import { pageActor } from "@/lib/auth/guards";

export { requestRootMetadata as generateMetadata } from "@/components/shell/root-document";

export default async function SellerLayout({ children }: { children: React.ReactNode }) {
  await pageActor({ roles: ["SELLER"], next: "/seller" });
  return <SurfaceDocument scope="seller">{children}</SurfaceDocument>;
}
