// next-auth sends the browser here with its OAuth parameters; we forward to WeChat's
// authorize page in the exact form WeChat documents.
import { env } from "@/lib/env";
import { wechatAuthorizeUrl, wechatScopes } from "@/lib/auth/wechat-oauth";
import { z } from "zod";

const query = z.object({
  client_id: z.string(),
  redirect_uri: z.string(),
  state: z.string().min(1).max(512),
  scope: z.enum(wechatScopes).default("snsapi_userinfo"),
});

export async function GET(req: Request) {
  const e = env();
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  const callback = `${e.APP_URL}/api/auth/callback/wechat`;
  // Only our own callback: this hop must not become an open redirect.
  if (!parsed.success || parsed.data.client_id !== e.WECHAT_APP_ID || parsed.data.redirect_uri !== callback) {
    return Response.json({ error: { code: "VALIDATION", message: "Bad WeChat sign-in request." } }, { status: 400 });
  }
  return Response.redirect(wechatAuthorizeUrl({ redirectUri: callback, state: parsed.data.state, scope: parsed.data.scope }), 302);
}
