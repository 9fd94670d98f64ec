// What WeixinJSBridge getBrandWCPayRequest shows, for browsers outside WeChat:
// /sandbox/wechatpay/cashier?appId&timeStamp&nonceStr&package&signType&paySign&return_url
// The paySign must verify with the merchant's key; the buyer returns to return_url with
// err_msg=get_brand_wcpay_request:ok|cancel|fail.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WechatPayCashierPage } from "@/components/sandbox/wechatpay-cashier-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sandbox");
  return { title: t("pay.cashierTitle"), robots: { index: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function WechatPayCashier({ searchParams }: { searchParams: SearchParams }) {
  return <WechatPayCashierPage kind="jsapi" query={await searchParams} />;
}
