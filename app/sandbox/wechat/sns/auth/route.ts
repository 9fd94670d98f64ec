// Sandbox of https://api.weixin.qq.com/sns/auth (is this web access token still valid?).
import { wechatApiRoute } from "@/lib/sandbox/wechat-oauth/http";
import { checkAccessToken } from "@/lib/sandbox/wechat-oauth/tokens";

export const GET = wechatApiRoute((q) => checkAccessToken(q));
