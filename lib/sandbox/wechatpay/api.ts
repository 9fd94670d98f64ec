import "server-only";
// Every API v3 endpoint the sandbox serves, in one table: method, path (as under
// https://api.mch.weixin.qq.com) and handler. app/sandbox/wechatpay/v3/[...path]/route.ts serves
// it through payApiRoute (signature check, JSON, signed answers); tests route to it in-process.
import { payApiRoute, type PayApiContext, type PayApiResult } from "./protocol";
import { downloadBill, profitSharingBill, tradeBill } from "./bills";
import { addReceiver, merchantConfig } from "./profit-sharing";
import { createShareOrder, createShareReturn, queryShareOrder, queryShareReturn, unfreezeOrder, unsplitAmount } from "./share-orders";
import { createRefund, queryRefund } from "./refunds";
import { closeOrder, createOrder, queryByOutTradeNo, queryByTransactionId, type PayApi } from "./transactions";

type Handler = (ctx: PayApiContext<Record<string, string>>) => Promise<PayApiResult>;
interface Endpoint {
  method: "GET" | "POST";
  /** e.g. "/v3/pay/transactions/out-trade-no/{out_trade_no}" */
  path: string;
  handler: Handler;
}

const ok = (body: object): PayApiResult => ({ status: 200, body });

/** The order endpoints, once for the merchant's own API and once for the partner API. */
function transactions(api: PayApi, base: string): Endpoint[] {
  return [
    { method: "POST", path: `${base}/jsapi`, handler: async ({ body, cfg }) => ok(await createOrder("JSAPI", body, cfg, api)) },
    { method: "POST", path: `${base}/h5`, handler: async ({ body, cfg }) => ok(await createOrder("MWEB", body, cfg, api)) },
    { method: "GET", path: `${base}/out-trade-no/{out_trade_no}`, handler: async ({ params, url, cfg }) => ok(await queryByOutTradeNo(params.out_trade_no, url, cfg, api)) },
    { method: "GET", path: `${base}/id/{transaction_id}`, handler: async ({ params, url, cfg }) => ok(await queryByTransactionId(params.transaction_id, url, cfg, api)) },
    {
      method: "POST",
      path: `${base}/out-trade-no/{out_trade_no}/close`,
      handler: async ({ params, body, cfg }) => {
        await closeOrder(params.out_trade_no, body, cfg, api);
        return { status: 204 };
      },
    },
  ];
}

export const endpoints: Endpoint[] = [
  ...transactions("direct", "/v3/pay/transactions"),
  ...transactions("partner", "/v3/pay/partner/transactions"),
  { method: "POST", path: "/v3/refund/domestic/refunds", handler: async ({ body, cfg }) => ok(await createRefund(body, cfg)) },
  { method: "GET", path: "/v3/refund/domestic/refunds/{out_refund_no}", handler: async ({ params, url, cfg }) => ok(await queryRefund(params.out_refund_no, url, cfg)) },
  { method: "GET", path: "/v3/profitsharing/merchant-configs/{sub_mchid}", handler: async ({ params, cfg }) => ok(await merchantConfig(params.sub_mchid, cfg)) },
  { method: "POST", path: "/v3/profitsharing/receivers/add", handler: async ({ body, req, cfg }) => ok(await addReceiver(body, req, cfg)) },
  { method: "POST", path: "/v3/profitsharing/orders", handler: async ({ body, cfg }) => ok(await createShareOrder(body, cfg)) },
  { method: "POST", path: "/v3/profitsharing/orders/unfreeze", handler: async ({ body, cfg }) => ok(await unfreezeOrder(body, cfg)) },
  { method: "GET", path: "/v3/profitsharing/orders/{out_order_no}", handler: async ({ params, url, cfg }) => ok(await queryShareOrder(params.out_order_no, url, cfg)) },
  { method: "POST", path: "/v3/profitsharing/return-orders", handler: async ({ body, cfg }) => ok(await createShareReturn(body, cfg)) },
  { method: "GET", path: "/v3/profitsharing/return-orders/{out_return_no}", handler: async ({ params, url, cfg }) => ok(await queryShareReturn(params.out_return_no, url, cfg)) },
  { method: "GET", path: "/v3/bill/tradebill", handler: async ({ url, cfg }) => ok(await tradeBill(url, cfg)) },
  { method: "GET", path: "/v3/profitsharing/bills", handler: async ({ url, cfg }) => ok(await profitSharingBill(url, cfg)) },
  { method: "GET", path: "/v3/billdownload/file", handler: async ({ url, cfg }) => ({ status: "raw", response: await downloadBill(url, cfg) }) },
  { method: "GET", path: "/v3/profitsharing/transactions/{transaction_id}/amounts", handler: async ({ params, cfg }) => ok(await unsplitAmount(params.transaction_id, cfg)) },
];

/** "METHOD path" of every endpoint, for the inspector. */
export const endpointList = () => endpoints.map((e) => `${e.method} ${e.path}`);

const compiled = endpoints.map((e) => {
  const names: string[] = [];
  const source = e.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_, n: string) => {
    names.push(n);
    return "([^/]+)";
  });
  return { ...e, names, pattern: new RegExp(`^${source}$`) };
});

/** The endpoint for a request, with its decoded path parameters; null when none matches. */
export function matchEndpoint(method: string, apiPath: string): { handler: Handler; params: Record<string, string> } | null {
  for (const e of compiled) {
    if (e.method !== method) continue;
    const m = e.pattern.exec(apiPath);
    if (!m) continue;
    try {
      return { handler: e.handler, params: Object.fromEntries(e.names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
    } catch {
      return null; // a malformed %-escape: no such resource
    }
  }
  return null;
}

/** The path as WeChat Pay would see it: what follows /sandbox/wechatpay in the request's. */
export function apiPathOf(pathname: string): string {
  const i = pathname.indexOf("/v3/");
  return i < 0 ? pathname : pathname.slice(i);
}

/** Serves a request for any sandbox API v3 endpoint (404 NOT_FOUND for a path it does not know). */
export const serveSandboxApi = payApiRoute(async (ctx) => {
  const found = matchEndpoint(ctx.req.method, apiPathOf(ctx.url.pathname));
  if (!found) return { status: 404, body: { code: "NOT_FOUND", message: "接口不存在" } };
  return found.handler({ ...ctx, params: found.params });
});
