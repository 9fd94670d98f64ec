import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BuyerPage } from "@/components/orders/mobile";
import { BuyerCaseList } from "@/components/protection/case-lists";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { listMyCases } from "@/lib/protection/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("protection.list");
  return { title: t("title"), robots: { index: false } };
}

export default async function MyCasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const cursor = typeof sp.cursor === "string" ? sp.cursor : undefined;
  const actor = await pageActor({ roles: ["BUYER"], next: "/cases" });
  const { cases, nextCursor } = await orNotFound(listMyCases(actor, { cursor }));
  const t = await getTranslations("protection.list");
  return (
    <BuyerPage title={t("title")} back={{ href: "/orders", label: t("backToOrders") }}>
      <main>
        {cases.length === 0 ? (
          <p className="px-4 py-12 text-center text-sm text-neutral-500">{cursor ? t("noMore") : t("empty")}</p>
        ) : (
          <BuyerCaseList cases={cases} serverNow={Date.now()} />
        )}
        <div className="flex justify-center gap-4 py-4 text-sm">
          {cursor && (
            <Link href="/cases" className="text-brand-700 hover:underline">
              {t("newest")}
            </Link>
          )}
          {nextCursor && (
            <Link href={`/cases?cursor=${encodeURIComponent(nextCursor)}`} className="text-brand-700 hover:underline">
              {t("older")}
            </Link>
          )}
        </div>
      </main>
    </BuyerPage>
  );
}
