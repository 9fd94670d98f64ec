import { useTranslations } from "next-intl";
import { formatFen } from "@/lib/money";
import type { ItemPage } from "@/lib/storefront/types";
import { SaleCountdown } from "./sale-countdown";

/** The flash-sale bar of an item page: the sale running with the time left, or the next one with the time until it begins. */
export function SaleBanner({ sale }: { sale: NonNullable<ItemPage["sale"]> }) {
  const t = useTranslations("promotions.sale");
  if (sale.phase === "RUNNING") {
    return (
      <div role="status" data-sale="running" className="flex items-center justify-between gap-3 bg-gradient-to-r from-red-600 to-orange-500 px-4 py-2 text-white">
        <p className="min-w-0 truncate text-sm font-semibold">
          {t("badge")} · {sale.name}
        </p>
        <p className="shrink-0 text-xs">
          <SaleCountdown until={sale.endsAt} kind="endsIn" />
        </p>
      </div>
    );
  }
  return (
    <div role="status" data-sale="upcoming" className="flex items-center justify-between gap-3 bg-orange-50 px-4 py-2 text-orange-800">
      <p className="min-w-0 truncate text-sm">{t("upcoming", { name: sale.name, price: formatFen(sale.priceMinFen) })}</p>
      <p className="shrink-0 text-xs">
        <SaleCountdown until={sale.startsAt} kind="startsIn" />
      </p>
    </div>
  );
}
