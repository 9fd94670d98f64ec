import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { specLabel } from "@/components/catalog/spec-label";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import type { FieldErrors } from "@/lib/errors";
import type { StoreDashboard as Dashboard } from "@/lib/metrics/dashboard";
import { LOW_STOCK_THRESHOLD } from "@/lib/metrics/queries";
import { formatFen } from "@/lib/money";
import { AutoRefresh } from "./auto-refresh";
import { ChartCard, Kpi } from "./parts";
import { PromotionFigures } from "./promotion-figures";
import { RangePicker } from "./range-picker";

export async function StoreDashboard({
  storeId,
  dashboard: d,
  rangeErrors,
  rangeValues,
}: {
  storeId: string;
  dashboard: Dashboard;
  rangeErrors?: FieldErrors;
  rangeValues?: { from?: string; to?: string };
}) {
  const t = await getTranslations("metrics.dashboard");
  const tr = await getTranslations("metrics.range");
  const format = await getFormatter();
  const base = `/seller/stores/${storeId}`;
  const f = d.figures;
  const none = t("none");
  const pct = (v: number | null) => (v === null ? none : format.number(v, { style: "percent", maximumFractionDigits: 1 }));
  const num = (v: number) => format.number(v);

  return (
    <section aria-labelledby="dashboard-title" className="space-y-4">
      <AutoRefresh />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="dashboard-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="text-xs text-neutral-500">
          {t("updated", { time: format.dateTime(d.generatedAt, { timeStyle: "medium" }) })}
        </p>
      </div>
      <RangePicker base={base} range={d.range} errors={rangeErrors} values={rangeValues} />
      {rangeErrors && <Notice tone="warning">{tr("invalid")}</Notice>}
      <p className="text-sm text-neutral-600">{tr("span", { from: d.range.from, to: d.range.to, days: d.range.days })}</p>

      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Kpi label={t("kpi.paidFen")} value={formatFen(f.paidFen)} hint={t("hint.paidFen")} />
        <Kpi label={t("kpi.paidOrders")} value={num(f.paidOrders)} />
        <Kpi label={t("kpi.avgOrder")} value={f.avgOrderFen === null ? none : formatFen(f.avgOrderFen)} hint={t("hint.avgOrder")} />
        <Kpi label={t("kpi.payingBuyers")} value={num(f.payingBuyers)} hint={t("hint.payingBuyers")} />
        <Kpi label={t("kpi.itemViews")} value={num(f.itemViews)} hint={t("hint.itemViews")} />
        <Kpi label={t("kpi.conversion")} value={pct(f.conversion)} hint={t("hint.conversion")} />
        <Kpi label={t("kpi.refundFen")} value={formatFen(f.refundFen)} hint={t("hint.refundFen", { refunds: f.refunds })} />
        <Kpi label={t("kpi.refundRate")} value={pct(f.refundRate)} hint={t("hint.refundRate")} />
        <Kpi label={t("kpi.complaintRate")} value={pct(f.complaintRate)} hint={t("hint.complaintRate", { complaints: f.complaints })} tone={f.complaints > 0 ? "warn" : "neutral"} />
        <Kpi label={t("kpi.shippedLate")} value={num(f.shippedLate)} hint={t("hint.shippedLate", { shipped: f.shippedOrders })} tone={f.shippedLate > 0 ? "warn" : "neutral"} />
      </dl>

      <Card title={t("now.title")}>
        <div className="grid gap-6 md:grid-cols-2">
          <div>
            <p className="text-sm text-neutral-500">{t("now.awaiting")}</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums">{num(d.live.awaitingShipment)}</p>
            <p className={`mt-1 text-sm ${d.live.overdueShipment > 0 ? "font-medium text-red-700" : "text-neutral-500"}`}>{t("now.overdue", { n: d.live.overdueShipment })}</p>
            <Link href={`${base}/orders?status=PAID`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
              {t("now.shipOrders")}
            </Link>
          </div>
          <div>
            <p className="text-sm text-neutral-500">{t("now.lowStock")}</p>
            <p className={`mt-1 text-3xl font-semibold tabular-nums ${d.live.lowStockCount > 0 ? "text-amber-700" : ""}`}>{num(d.live.lowStockCount)}</p>
            <p className="mt-1 text-xs text-neutral-500">{t("now.lowStockHint", { threshold: LOW_STOCK_THRESHOLD })}</p>
            {d.live.lowStock.length > 0 ? (
              <ul className="mt-2 space-y-1 text-sm">
                {d.live.lowStock.map((s) => (
                  <li key={s.skuId} className="flex justify-between gap-3">
                    <Link href={`${base}/stock?skuId=${encodeURIComponent(s.skuId)}`} className="truncate hover:underline">
                      {s.title}
                      {s.specKey && <span className="text-neutral-500"> · {specLabel(s.specKey)}</span>}
                    </Link>
                    <span className={`shrink-0 tabular-nums ${s.stock === 0 ? "text-red-700" : "text-amber-700"}`}>{t("now.left", { n: s.stock })}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-sm text-neutral-500">{t("now.noLowStock")}</p>
            )}
            <Link href={`${base}/stock`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
              {t("now.manageStock")}
            </Link>
          </div>
        </div>
      </Card>

      <div className="grid gap-4 xl:grid-cols-2">
        <ChartCard
          title={t("charts.sales")}
          data={d.series.map((p) => ({ day: p.day, paidFen: p.paidFen, paidOrders: p.paidOrders }))}
          series={[
            { key: "paidFen", name: t("charts.paidFen"), kind: "fen", color: "#07c160", as: "bar" },
            { key: "paidOrders", name: t("charts.paidOrders"), kind: "count", color: "#0369a1", as: "line" },
          ]}
        />
        <ChartCard
          title={t("charts.refunds")}
          data={d.series.map((p) => ({ day: p.day, refundFen: p.refundFen, refunds: p.refunds }))}
          series={[
            { key: "refundFen", name: t("charts.refundFen"), kind: "fen", color: "#dc2626", as: "bar" },
            { key: "refunds", name: t("charts.refunds"), kind: "count", color: "#92400e", as: "line" },
          ]}
        />
      </div>

      <PromotionFigures storeId={storeId} dashboard={d} />

      <Card title={t("top.title")}>
        {d.topItems.length === 0 ? (
          <p className="text-sm text-neutral-500">{t("top.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm tabular-nums">
              <thead className="text-xs text-neutral-500">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    {t("top.item")}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    {t("top.paidFen")}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    {t("top.units")}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    {t("top.views")}
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    {t("top.conversion")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.topItems.map((i) => (
                  <tr key={i.itemId} className="border-t border-neutral-100">
                    <th scope="row" className="max-w-xs truncate py-2 pr-4 font-normal">
                      {i.title ? (
                        <Link href={`${base}/items/${i.itemId}`} className="hover:underline">
                          {i.title}
                        </Link>
                      ) : (
                        <span className="text-neutral-500">{t("top.deleted")}</span>
                      )}
                    </th>
                    <td className="py-2 pr-4 text-right">{formatFen(i.paidFen)}</td>
                    <td className="py-2 pr-4 text-right">{num(i.paidUnits)}</td>
                    <td className="py-2 pr-4 text-right">{num(i.views)}</td>
                    <td className="py-2 text-right">{pct(i.views > 0 ? i.paidUnits / i.views : null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <p className="text-xs text-neutral-500">{t("rules")}</p>
    </section>
  );
}
