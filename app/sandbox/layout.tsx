import { SurfaceDocument } from "@/components/shell/root-document";

export { requestRootMetadata as generateMetadata } from "@/components/shell/root-document";

export default function SandboxLayout({ children }: { children: React.ReactNode }) {
  return <SurfaceDocument scope="sandbox">{children}</SurfaceDocument>;
}
