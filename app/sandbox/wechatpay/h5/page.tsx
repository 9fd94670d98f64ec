// Where an h5_url leads (WeChat Pay's checkmweb page): /sandbox/wechatpay/h5?prepay_id&package[&redirect_url]
// The package check value must be the one the sandbox issued; the buyer returns to redirect_url.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WechatPayCashierPage } from "@/components/sandbox/wechatpay-cashier-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sandbox");
  return { title: t("pay.cashierTitle"), robots: { index: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function WechatPayH5Cashier({ searchParams }: { searchParams: SearchParams }) {
  return <WechatPayCashierPage kind="h5" query={await searchParams} />;
}
