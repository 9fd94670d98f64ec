import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/catalog/pagination";
import { FundsTable, FundsTotals } from "@/components/funds/funds-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { formatFen } from "@/lib/money";
import { getStoreFunds, type FundsState } from "@/lib/payments/funds";

const STATES: FundsState[] = ["HELD", "SETTLING", "SETTLED", "FAILED", "REFUNDED"];

export default async function SellerFundsPage({ params, searchParams }: { params: Promise<{ storeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { storeId } = await params;
  const base = `/seller/stores/${storeId}/funds`;
  const actor = await pageActor({ roles: ["SELLER"], next: base });
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const state = STATES.find((s) => s === one(sp.state));
  const page = Number(one(sp.page)) || 1;
  const funds = await orNotFound(getStoreFunds(actor, storeId, { state, page }));
  const t = await getTranslations("funds");
  const format = await getFormatter();
  const href = (p: { state?: FundsState; page?: number }) => `${base}?${new URLSearchParams({ ...(p.state ? { state: p.state } : {}), ...(p.page && p.page > 1 ? { page: String(p.page) } : {}) })}`;
  const tab = (active: boolean) => `rounded-full px-3 py-1 text-sm ring-1 ${active ? "bg-brand-50 text-brand-700 ring-brand-200" : "text-neutral-600 ring-neutral-200 hover:bg-neutral-50"}`;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <ButtonLink href={`${base}/export${state ? `?state=${state}` : ""}`} variant="secondary" prefetch={false}>
            {t("export")}
          </ButtonLink>
        }
      />
      <FundsTotals totals={funds.totals} />
      <nav aria-label={t("filter")} className="flex flex-wrap gap-2">
        <Link href={href({})} className={tab(!state)} aria-current={!state ? "page" : undefined}>
          {t("all")}
        </Link>
        {STATES.map((s) => (
          <Link key={s} href={href({ state: s })} className={tab(state === s)} aria-current={state === s ? "page" : undefined}>
            {t(`state.${s}`)}
          </Link>
        ))}
      </nav>
      {funds.rows.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyHint")}</EmptyState>
      ) : (
        <>
          <FundsTable storeId={storeId} rows={funds.rows} />
          <Pagination page={funds.page} pageCount={funds.pages} total={funds.count} hrefFor={(p) => href({ state, page: p })} />
        </>
      )}
      <Card title={t("byDay")}>
        {funds.byDay.length === 0 ? (
          <p className="text-sm text-neutral-500">{t("byDayEmpty")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-neutral-500">
              <tr>
                <th scope="col" className="py-2 font-medium">{t("col.day")}</th>
                <th scope="col" className="py-2 text-right font-medium">{t("col.orders")}</th>
                <th scope="col" className="py-2 text-right font-medium">{t("col.fee")}</th>
                <th scope="col" className="py-2 text-right font-medium">{t("col.net")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {funds.byDay.map((d) => (
                <tr key={d.day}>
                  <td className="py-2">{format.dateTime(new Date(`${d.day}T00:00:00+08:00`), { dateStyle: "medium" })}</td>
                  <td className="py-2 text-right tabular-nums">{d.orders}</td>
                  <td className="py-2 text-right tabular-nums">{formatFen(d.feeFen)}</td>
                  <td className="py-2 text-right tabular-nums">{formatFen(d.netFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
