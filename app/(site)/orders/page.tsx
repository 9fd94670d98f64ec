import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BuyerOrderList } from "@/components/orders/buyer-order-list";
import { BuyerPage } from "@/components/orders/mobile";
import { pageActor } from "@/lib/auth/guards";
import { isBuyerTab, listMyOrders } from "@/lib/orders/views";
import { openCasesForOrders } from "@/lib/protection/queries";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders.list");
  return { title: t("title") };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function MyOrdersPage({ searchParams }: Props) {
  const sp = await searchParams;
  const tabParam = one(sp.tab);
  const tab = isBuyerTab(tabParam) ? tabParam : "all";
  const cursor = one(sp.cursor)?.slice(0, 64) || undefined;
  const actor = await pageActor({ roles: ["BUYER"], next: tab === "all" ? "/orders" : `/orders?tab=${tab}` });
  const [list, t] = await Promise.all([listMyOrders(actor, { tab, cursor }), getTranslations("orders.list")]);
  const [openCases, tp] = await Promise.all([openCasesForOrders(actor, list.orders.map((o) => o.id)), getTranslations("protection.list")]);
  return (
    <BuyerPage title={t("title")} back={{ href: "/me", label: t("backToAccount") }}>
      <main>
        <BuyerOrderList tab={tab} counts={list.counts} orders={list.orders} nextCursor={list.nextCursor} paged={!!cursor} openCases={openCases} />
        <p className="py-3 text-center text-sm">
          <Link href="/cases" className="text-brand-700 hover:underline">
            {tp("title")} ›
          </Link>
        </p>
      </main>
    </BuyerPage>
  );
}
