// Sandbox of GET https://api.mch.weixin.qq.com/v3/refund/domestic/refunds/{out_refund_no}
import { payApiRoute } from "@/lib/sandbox/wechatpay/protocol";
import { queryRefund } from "@/lib/sandbox/wechatpay/refunds";

export const GET = payApiRoute<{ out_refund_no: string }>(async ({ params, cfg }) => ({
  status: 200,
  body: await queryRefund(params.out_refund_no, cfg),
}));
