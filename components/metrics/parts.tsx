import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { formatFen } from "@/lib/money";
import type { ChartSeries } from "./daily-chart";
import { LazyDailyChart } from "./lazy-chart";

/** One figure: label, value, and what it means. */
export function Kpi({ label, value, hint, tone = "neutral" }: { label: ReactNode; value: ReactNode; hint?: ReactNode; tone?: "neutral" | "warn" }) {
  return (
    <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-neutral-200">
      <dt className="text-sm text-neutral-500">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "warn" ? "text-amber-700" : "text-neutral-900"}`}>{value}</dd>
      {hint && <dd className="mt-1 text-xs text-neutral-500">{hint}</dd>}
    </div>
  );
}

/** A daily chart with its data as a table (for screen readers, and for reading exact values). */
export async function ChartCard({ title, data, series }: { title: string; data: ({ day: string } & Record<string, number | string>)[]; series: ChartSeries[] }) {
  const t = await getTranslations("metrics.dashboard.charts");
  const locale = await getLocale();
  const headingId = `chart-${series.map((s) => s.key).join("-")}`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
      <h2 id={headingId} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      <div aria-hidden>
        <LazyDailyChart data={data} series={series} locale={locale} />
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-neutral-600 hover:text-neutral-900">{t("asTable")}</summary>
        <div className="mt-2 max-h-72 overflow-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead className="text-xs text-neutral-500">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">
                  {t("day")}
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="py-1 pr-4 text-right font-medium">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.day} className="border-t border-neutral-100">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {d.day}
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="py-1 pr-4 text-right">
                      {s.kind === "fen" ? formatFen(Number(d[s.key])) : String(d[s.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
