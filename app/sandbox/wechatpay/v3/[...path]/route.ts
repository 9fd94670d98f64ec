// The WeChat Pay sandbox's API v3: every endpoint of https://api.mch.weixin.qq.com it serves
// (direct and partner orders, refunds, profit sharing, …) is listed in lib/sandbox/wechatpay/api.ts,
// which matches the path itself (the catch-all's segments are not needed).
import { serveSandboxApi } from "@/lib/sandbox/wechatpay/api";

const serve = (req: Request) => serveSandboxApi(req);
export const GET = serve;
export const POST = serve;
