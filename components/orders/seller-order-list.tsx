import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import type { OrderStatus } from "@/lib/db/generated/enums";
import { formatFen } from "@/lib/money";
import type { OrderSummary } from "@/lib/orders/queries";
import type { SellerListFilters } from "@/lib/orders/views";
import { InAfterSaleBadge } from "@/components/protection/status-badge";
import { OrderStatusBadge } from "./order-status";

export const SELLER_STATUS_TABS: (OrderStatus | undefined)[] = [undefined, "PENDING_PAYMENT", "PAID", "SHIPPED", "COMPLETED", "CANCELLED", "CLOSED"];

/** Same filters, another status or page, as a link. */
export function sellerOrdersHref(base: string, f: SellerListFilters): string {
  const sp = new URLSearchParams();
  for (const k of ["status", "from", "to", "orderNo", "buyer"] as const) if (f[k]) sp.set(k, String(f[k]));
  if (f.page && f.page > 1) sp.set("page", String(f.page));
  const q = sp.toString();
  return q ? `${base}?${q}` : base;
}

/** Status tabs with the store's count per status. */
export function SellerStatusTabs({ base, filters, counts }: { base: string; filters: SellerListFilters; counts: Partial<Record<OrderStatus, number>> }) {
  const t = useTranslations("orders.seller");
  const ts = useTranslations("orders.status");
  const all = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return (
    <nav aria-label={t("statusTabs")} className="flex flex-wrap gap-1 rounded-lg bg-neutral-100 p-1 text-sm">
      {SELLER_STATUS_TABS.map((s) => {
        const active = s === filters.status;
        return (
          <Link
            key={s ?? "all"}
            href={sellerOrdersHref(base, { ...filters, status: s, page: undefined })}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 ${active ? "bg-white font-medium text-neutral-900 shadow-sm" : "text-neutral-600 hover:text-neutral-900"}`}
          >
            {s ? ts(s) : t("all")} <span className="text-neutral-400 tabular-nums">{s ? (counts[s] ?? 0) : all}</span>
          </Link>
        );
      })}
    </nav>
  );
}

/** Date range (Shanghai dates), order number and buyer/recipient; the status stays as chosen by the tabs. */
export function SellerOrderFilters({ base, filters, exportHref }: { base: string; filters: SellerListFilters; exportHref: string }) {
  const t = useTranslations("orders.seller");
  const filtered = !!(filters.from || filters.to || filters.orderNo || filters.buyer);
  return (
    <form role="search" action={base} className="flex flex-wrap items-end gap-3" aria-label={t("filters")}>
      {filters.status && <input type="hidden" name="status" value={filters.status} />}
      <div>
        <label htmlFor="of-from" className="block text-sm text-neutral-600">
          {t("from")}
        </label>
        <input id="of-from" name="from" type="date" defaultValue={filters.from ?? ""} className={`${controlClass} w-40`} />
      </div>
      <div>
        <label htmlFor="of-to" className="block text-sm text-neutral-600">
          {t("to")}
        </label>
        <input id="of-to" name="to" type="date" defaultValue={filters.to ?? ""} className={`${controlClass} w-40`} />
      </div>
      <div>
        <label htmlFor="of-no" className="block text-sm text-neutral-600">
          {t("orderNo")}
        </label>
        <input id="of-no" name="orderNo" inputMode="numeric" pattern="\d*" maxLength={18} defaultValue={filters.orderNo ?? ""} placeholder={t("orderNoPlaceholder")} className={`${controlClass} w-52 font-mono`} />
      </div>
      <div>
        <label htmlFor="of-buyer" className="block text-sm text-neutral-600">
          {t("buyer")}
        </label>
        <input id="of-buyer" name="buyer" maxLength={40} defaultValue={filters.buyer ?? ""} placeholder={t("buyerPlaceholder")} className={`${controlClass} w-44`} />
      </div>
      <Button type="submit" variant="secondary">
        {t("filter")}
      </Button>
      {filtered && (
        <Link href={sellerOrdersHref(base, { status: filters.status })} className="pb-2 text-sm text-neutral-600 hover:underline">
          {t("clear")}
        </Link>
      )}
      <a href={exportHref} download className="ml-auto inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-neutral-800 ring-1 ring-neutral-300 hover:bg-neutral-50">
        {t("exportCsv")}
      </a>
    </form>
  );
}

export type SellerOrderRow = OrderSummary & { buyer: { name: string } };

/** The store's orders: number, time, buyer, what was bought, total, status. */
export function SellerOrderTable({ storeId, orders, openCases = {} }: { storeId: string; orders: SellerOrderRow[]; /** Orders in after-sale (维权中): id → open cases. */ openCases?: Record<string, number> }) {
  const t = useTranslations("orders.seller");
  const tl = useTranslations("orders");
  const format = useFormatter();
  return (
    <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-neutral-200">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 text-xs text-neutral-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("col.orderNo")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("col.time")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("col.buyer")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("col.items")}</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">{t("col.total")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("col.status")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {orders.map((o) => {
            const units = o.lines.reduce((n, l) => n + l.quantity, 0);
            return (
              <tr key={o.id} className="align-top hover:bg-neutral-50">
                <td className="px-4 py-3">
                  <Link href={`/seller/stores/${storeId}/orders/${o.id}`} className="font-mono font-medium text-brand-700 hover:underline">
                    {o.orderNo}
                  </Link>
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-neutral-600">
                  <time dateTime={o.createdAt.toISOString()}>{format.dateTime(o.createdAt, { dateStyle: "short", timeStyle: "short" })}</time>
                </td>
                <td className="px-4 py-3">
                  <div>{o.buyer.name}</div>
                  {o.recipient !== o.buyer.name && <div className="text-xs text-neutral-500">{t("recipientIs", { name: o.recipient })}</div>}
                </td>
                <td className="max-w-72 px-4 py-3">
                  <div className="truncate">{o.lines[0]?.title}</div>
                  <div className="text-xs text-neutral-500">{tl("lineSummary", { lines: o.lines.length, units })}</div>
                </td>
                <td className="px-4 py-3 text-right font-medium whitespace-nowrap tabular-nums">{formatFen(o.totalFen)}</td>
                <td className="px-4 py-3">
                  <div className="flex flex-wrap gap-1">
                    <OrderStatusBadge status={o.status} />
                    {(openCases[o.id] ?? 0) > 0 && <InAfterSaleBadge />}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
