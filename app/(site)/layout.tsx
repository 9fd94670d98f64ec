import { SurfaceDocument } from "@/components/shell/root-document";

export { requestRootMetadata as generateMetadata } from "@/components/shell/root-document";

// The platform's own pages: home, sign-in, the buyer's orders, cases and settings, docs.
export default function SiteLayout({ children }: { children: React.ReactNode }) {
  return <SurfaceDocument scope="site">{children}</SurfaceDocument>;
}
