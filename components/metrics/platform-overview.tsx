import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { PlatformOverview as Overview } from "@/lib/metrics/platform";
import { MIN_ORDERS_FOR_RATES, type StoreRate } from "@/lib/metrics/queries";
import { formatFen } from "@/lib/money";
import { AutoRefresh } from "./auto-refresh";
import { ChartCard, Kpi } from "./parts";
import { RangePicker } from "./range-picker";

export async function PlatformOverview({ overview: o }: { overview: Overview }) {
  const t = await getTranslations("metrics.platform");
  const td = await getTranslations("metrics.dashboard");
  const tr = await getTranslations("metrics.range");
  const format = await getFormatter();
  const none = td("none");
  const pct = (v: number | null) => (v === null ? none : format.number(v, { style: "percent", maximumFractionDigits: 1 }));
  const num = (v: number) => format.number(v);

  const rateTable = (title: string, rows: StoreRate[], id: string) => (
    <Card title={<span id={id}>{title}</span>}>
      {rows.length === 0 ? (
        <p className="text-sm text-neutral-500">{t("rates.empty")}</p>
      ) : (
        <table aria-labelledby={id} className="w-full text-left text-sm tabular-nums">
          <thead className="text-xs text-neutral-500">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                {t("rates.store")}
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                {t("rates.rate")}
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                {t("rates.count")}
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                {t("rates.paidOrders")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.storeId} className="border-t border-neutral-100">
                <th scope="row" className="max-w-xs truncate py-2 pr-4 font-normal">
                  <Link href={`/admin/stores/${r.storeId}`} className="hover:underline">
                    {r.name}
                  </Link>
                </th>
                <td className="py-2 pr-4 text-right font-medium">{pct(r.rate)}</td>
                <td className="py-2 pr-4 text-right">{num(r.count)}</td>
                <td className="py-2 text-right">{num(r.paidOrders)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-2 text-xs text-neutral-500">{t("rates.note", { n: MIN_ORDERS_FOR_RATES })}</p>
    </Card>
  );

  return (
    <section aria-labelledby="platform-title" className="space-y-4">
      <AutoRefresh everyMs={120_000} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="platform-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="text-xs text-neutral-500">{td("updated", { time: format.dateTime(o.generatedAt, { timeStyle: "medium" }) })}</p>
      </div>
      <RangePicker base="/admin" range={o.range} />
      <p className="text-sm text-neutral-600">{tr("span", { from: o.range.from, to: o.range.to, days: o.range.days })}</p>

      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Kpi label={t("gmv")} value={formatFen(o.totals.paidFen)} />
        <Kpi label={t("paidOrders")} value={num(o.totals.paidOrders)} />
        <Kpi label={t("avgOrder")} value={o.totals.avgOrderFen === null ? none : formatFen(o.totals.avgOrderFen)} />
        <Kpi label={t("refundRate")} value={pct(o.totals.refundRate)} hint={td("hint.refundFen", { refunds: o.totals.refunds })} />
        <Kpi label={t("complaintRate")} value={pct(o.totals.complaintRate)} hint={td("hint.complaintRate", { complaints: o.totals.complaints })} />
      </dl>

      <div className="grid gap-4 md:grid-cols-2">
        <Card title={t("complaints.title")}>
          <dl className="grid grid-cols-3 gap-3">
            <div>
              <dt className="text-xs text-neutral-500">{t("complaints.open")}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{num(o.complaints.open)}</dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-500">{t("complaints.atRisk")}</dt>
              <dd className={`mt-1 text-2xl font-semibold tabular-nums ${o.complaints.atRisk > 0 ? "text-amber-700" : ""}`}>{num(o.complaints.atRisk)}</dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-500">{t("complaints.overdue")}</dt>
              <dd className={`mt-1 text-2xl font-semibold tabular-nums ${o.complaints.overdue > 0 ? "text-red-700" : ""}`}>{num(o.complaints.overdue)}</dd>
            </div>
          </dl>
          <Link href="/admin/complaints" className="mt-3 inline-block text-sm text-brand-700 hover:underline">
            {t("complaints.review")}
          </Link>
        </Card>
        <Card title={t("applications.title")}>
          <p className="text-2xl font-semibold tabular-nums">{num(o.applications.waiting)}</p>
          <p className="mt-1 text-sm text-neutral-500">
            {o.applications.oldestSubmittedAt
              ? t("applications.oldest", { date: format.dateTime(o.applications.oldestSubmittedAt, { dateStyle: "medium", timeStyle: "short" }) })
              : t("applications.none")}
          </p>
          {o.applications.waiting > 0 && (
            <Link href="/admin/applications" className="mt-2 inline-block text-sm text-brand-700 hover:underline">
              {t("applications.review")}
            </Link>
          )}
        </Card>
      </div>

      <ChartCard
        title={t("chart")}
        data={o.series.map((p) => ({ day: p.day, paidFen: p.paidFen, paidOrders: p.paidOrders, sellingStores: p.sellingStores }))}
        series={[
          { key: "paidFen", name: td("charts.paidFen"), kind: "fen", color: "#07c160", as: "bar" },
          { key: "paidOrders", name: td("charts.paidOrders"), kind: "count", color: "#0369a1", as: "line" },
          { key: "sellingStores", name: t("sellingStores"), kind: "count", color: "#a16207", as: "line" },
        ]}
      />

      <div className="grid gap-4 md:grid-cols-2">
        {rateTable(t("rates.complaints"), o.highestComplaintRates, "rates-complaints")}
        {rateTable(t("rates.refunds"), o.highestRefundRates, "rates-refunds")}
      </div>
    </section>
  );
}
