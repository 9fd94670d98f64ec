import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Pagination } from "@/components/catalog/pagination";
import { CaseTabs, SellerCaseTable } from "@/components/protection/case-lists";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { AT_RISK_HOURS } from "@/lib/protection/constants";
import { listStoreCases, SELLER_CASE_TABS, type SellerCaseTab } from "@/lib/protection/queries";

const PAGE_SIZE = 20;

export default async function SellerCasesPage({ params, searchParams }: { params: Promise<{ storeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { storeId } = await params;
  const sp = await searchParams;
  const base = `/seller/stores/${storeId}/cases`;
  const actor = await pageActor({ roles: ["SELLER"], next: base });
  const tab = (SELLER_CASE_TABS as readonly string[]).includes(String(sp.tab)) ? (sp.tab as SellerCaseTab) : "action";
  const page = Math.max(1, Number.parseInt(String(sp.page ?? "1"), 10) || 1);
  const list = await orNotFound(listStoreCases(actor, storeId, { tab, page, pageSize: PAGE_SIZE }));
  const t = await getTranslations("protection.seller");
  const href = (tb: SellerCaseTab, p = 1) => `${base}?tab=${tb}${p > 1 ? `&page=${p}` : ""}`;
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <CaseTabs label={t("tabsLabel")} tabs={SELLER_CASE_TABS} active={tab} hrefFor={(tb) => href(tb)} labelFor={(tb) => t(`tabs.${tb}`, { hours: AT_RISK_HOURS })} counts={list.counts} />
      {tab === "atRisk" && <p className="mb-3 text-sm text-neutral-600">{t("atRiskIntro", { hours: AT_RISK_HOURS })}</p>}
      {list.cases.length === 0 ? (
        <EmptyState title={t(`empty.${tab}`)}>
          {tab !== "all" && (
            <Link href={href("all")} className="text-brand-700 hover:underline">
              {t("seeAll")}
            </Link>
          )}
        </EmptyState>
      ) : (
        <>
          <SellerCaseTable storeId={storeId} cases={list.cases} serverNow={Date.now()} />
          <Pagination page={page} pageCount={Math.max(1, Math.ceil(list.total / PAGE_SIZE))} total={list.total} hrefFor={(p) => href(tab, p)} />
        </>
      )}
    </>
  );
}
