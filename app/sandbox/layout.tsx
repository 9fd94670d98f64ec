import { ClientMessages } from "@/lib/i18n/client-messages";

export default function SandboxLayout({ children }: { children: React.ReactNode }) {
  return <ClientMessages scope="sandbox">{children}</ClientMessages>;
}
