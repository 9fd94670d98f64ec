// Sandbox of POST https://api.mch.weixin.qq.com/v3/refund/domestic/refunds → 200 refund (PROCESSING).
import { payApiRoute } from "@/lib/sandbox/wechatpay/protocol";
import { createRefund } from "@/lib/sandbox/wechatpay/refunds";

export const POST = payApiRoute(async ({ body, cfg }) => ({ status: 200, body: await createRefund(body, cfg) }));
