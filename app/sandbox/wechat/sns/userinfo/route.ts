// Sandbox of https://api.weixin.qq.com/sns/userinfo (needs a snsapi_userinfo token).
import { wechatApiRoute } from "@/lib/sandbox/wechat-oauth/http";
import { getUserInfo } from "@/lib/sandbox/wechat-oauth/tokens";

export const GET = wechatApiRoute((q) => getUserInfo(q));
