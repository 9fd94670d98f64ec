// Sandbox of https://api.weixin.qq.com/sns/oauth2/refresh_token.
import { wechatApiRoute } from "@/lib/sandbox/wechat-oauth/http";
import { refreshAccessToken } from "@/lib/sandbox/wechat-oauth/tokens";

export const GET = wechatApiRoute((q) => refreshAccessToken(q));
