// Sandbox of GET https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=
import { payApiRoute } from "@/lib/sandbox/wechatpay/protocol";
import { queryByOutTradeNo } from "@/lib/sandbox/wechatpay/transactions";

export const GET = payApiRoute<{ out_trade_no: string }>(async ({ params, url, cfg }) => ({
  status: 200,
  body: await queryByOutTradeNo(params.out_trade_no, url, cfg),
}));
