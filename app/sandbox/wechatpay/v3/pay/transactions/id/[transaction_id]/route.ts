// Sandbox of GET https://api.mch.weixin.qq.com/v3/pay/transactions/id/{transaction_id}?mchid=
import { payApiRoute } from "@/lib/sandbox/wechatpay/protocol";
import { queryByTransactionId } from "@/lib/sandbox/wechatpay/transactions";

export const GET = payApiRoute<{ transaction_id: string }>(async ({ params, url, cfg }) => ({
  status: 200,
  body: await queryByTransactionId(params.transaction_id, url, cfg),
}));
