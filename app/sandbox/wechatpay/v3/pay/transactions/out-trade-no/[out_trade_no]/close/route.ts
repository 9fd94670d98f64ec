// Sandbox of POST https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/{out_trade_no}/close {mchid} → 204.
import { payApiRoute } from "@/lib/sandbox/wechatpay/protocol";
import { closeOrder } from "@/lib/sandbox/wechatpay/transactions";

export const POST = payApiRoute<{ out_trade_no: string }>(async ({ params, body, cfg }) => {
  await closeOrder(params.out_trade_no, body, cfg);
  return { status: 204 };
});
