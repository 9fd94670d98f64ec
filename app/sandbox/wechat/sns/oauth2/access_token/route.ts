// Sandbox of https://api.weixin.qq.com/sns/oauth2/access_token (code → web access token).
import { wechatApiRoute } from "@/lib/sandbox/wechat-oauth/http";
import { exchangeCodeForToken } from "@/lib/sandbox/wechat-oauth/tokens";

export const GET = wechatApiRoute((q) => exchangeCodeForToken(q));
