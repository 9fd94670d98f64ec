import { requireSandboxPay } from "@/lib/sandbox/wechatpay/gate";

// The WeChat Pay sandbox exists only when SANDBOX_ENABLED (its API routes check the same flag).
export default function WechatPaySandboxLayout({ children }: { children: React.ReactNode }) {
  requireSandboxPay();
  return <div className="min-h-dvh bg-[#ededed]">{children}</div>;
}
