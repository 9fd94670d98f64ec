import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { StoreDashboard } from "@/lib/metrics/dashboard";
import { formatFen } from "@/lib/money";
import { Kpi } from "./parts";

/** The dashboard's promotions: GMV before and after them, what coupons and flash sales cost, and each promotion's figures. */
export async function PromotionFigures({ storeId, dashboard: d }: { storeId: string; dashboard: StoreDashboard }) {
  const t = await getTranslations("metrics.dashboard.promotions");
  const format = await getFormatter();
  const f = d.figures;
  const base = `/seller/stores/${storeId}`;
  const num = (v: number) => format.number(v);
  return (
    <Card title={t("title")}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Kpi label={t("gross")} value={formatFen(f.grossFen)} hint={t("grossHint", { paid: formatFen(f.paidFen) })} />
        <Kpi label={t("couponCost")} value={formatFen(f.couponDiscountFen)} hint={t("couponOrders", { n: f.couponOrders })} />
        <Kpi label={t("saleCost")} value={formatFen(f.saleDiscountFen)} />
        <Kpi label={t("totalCost")} value={formatFen(f.couponDiscountFen + f.saleDiscountFen)} hint={t("totalCostHint")} />
      </dl>
      {d.promotions.length === 0 ? (
        <p className="mt-3 text-sm text-neutral-500">{t("empty")}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm tabular-nums">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="text-xs text-neutral-500">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">{t("col.name")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("col.claims")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("col.uses")}</th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">{t("col.paid")}</th>
                <th scope="col" className="py-2 text-right font-medium">{t("col.cost")}</th>
              </tr>
            </thead>
            <tbody>
              {d.promotions.map((p) => (
                <tr key={`${p.kind}:${p.id}`} className="border-t border-neutral-100">
                  <th scope="row" className="max-w-xs truncate py-2 pr-4 font-normal">
                    <Link href={`${base}/${p.kind === "COUPON" ? "coupons" : "flash-sales"}`} className="hover:underline">
                      {p.name}
                    </Link>{" "}
                    <span className="text-xs text-neutral-500">{t(`kind.${p.kind}`)}</span>
                  </th>
                  <td className="py-2 pr-4 text-right">{p.claims === null ? "—" : num(p.claims)}</td>
                  <td className="py-2 pr-4 text-right">{p.kind === "COUPON" ? t("orders", { n: p.uses }) : t("units", { n: p.uses })}</td>
                  <td className="py-2 pr-4 text-right">{formatFen(p.paidFen)}</td>
                  <td className="py-2 text-right">{formatFen(p.discountFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
