import "server-only";
// Every WeChat Pay sandbox page and route answers 404 unless SANDBOX_ENABLED.
import { notFound } from "next/navigation";
import { env } from "@/lib/env";

export const sandboxPayEnabled = () => env().SANDBOX_ENABLED;

/** For route handlers: the 404 to return when the sandbox is off, else null. */
export function sandboxPayOff(): Response | null {
  return sandboxPayEnabled() ? null : new Response("Not found", { status: 404 });
}

/** For pages and layouts. */
export function requireSandboxPay() {
  if (!sandboxPayEnabled()) notFound();
}
