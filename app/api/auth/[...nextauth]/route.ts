import NextAuth from "next-auth";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { deviceContext, deviceCookieHeader, readDeviceCookie } from "@/lib/auth/device";
import { getAuthOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  // The password check inside next-auth reads this browser's device cookie and address and, on
  // success, leaves the cookie to set (lib/auth/device.ts).
  const device: { incoming: string | null; outgoing?: string; clientIp: string | null } = { incoming: readDeviceCookie(req.headers.get("cookie")), clientIp: clientIpFrom(req.headers) };
  const res: Response = await deviceContext.run(device, () => NextAuth(req as never, ctx as never, getAuthOptions()));
  if (!device.outgoing || device.outgoing === device.incoming) return res;
  const headers = new Headers(res.headers);
  headers.append("Set-Cookie", deviceCookieHeader(device.outgoing, env().APP_URL.startsWith("https:")));
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

export { handler as GET, handler as POST };
