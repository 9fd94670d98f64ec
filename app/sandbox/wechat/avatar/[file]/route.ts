// Sandbox users' avatars (WeChat's headimgurl), generated: no external image host needed.
import { avatarSvg } from "@/lib/sandbox/wechat-oauth/avatar";
import { sandboxOff } from "@/lib/sandbox/wechat-oauth/gate";
import { getSandboxUser } from "@/lib/sandbox/wechat-oauth/users";

export async function GET(_req: Request, ctx: { params: Promise<{ file: string }> }) {
  const off = sandboxOff();
  if (off) return off;
  const { file } = await ctx.params;
  const m = /^([A-Za-z0-9_-]{6,64})\.svg$/.exec(file);
  const user = m ? await getSandboxUser(m[1]) : null;
  if (!user) return new Response("Not found", { status: 404 });
  return new Response(avatarSvg(user.openid, user.nickname), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      // An SVG opened on its own must not run anything.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
