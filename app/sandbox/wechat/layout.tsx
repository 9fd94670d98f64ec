import { requireSandbox } from "@/lib/sandbox/wechat-oauth/gate";

// The WeChat sandbox exists only when SANDBOX_ENABLED (its API routes check the same flag).
export default function WechatSandboxLayout({ children }: { children: React.ReactNode }) {
  requireSandbox();
  return <div className="min-h-dvh bg-[#ededed]">{children}</div>;
}
