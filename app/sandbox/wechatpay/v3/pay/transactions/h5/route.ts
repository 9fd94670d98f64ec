// Sandbox of POST https://api.mch.weixin.qq.com/v3/pay/transactions/h5 → 200 {h5_url}.
import { payApiRoute } from "@/lib/sandbox/wechatpay/protocol";
import { createOrder } from "@/lib/sandbox/wechatpay/transactions";

export const POST = payApiRoute(async ({ body, cfg }) => ({ status: 200, body: await createOrder("MWEB", body, cfg) }));
