import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { formatFen } from "@/lib/money";
import type { BuyerOrderRow, BuyerTab } from "@/lib/orders/views";
import { LineImage } from "./order-lines";
import { OrderStatusBadge } from "./order-status";
import { specLabel } from "@/components/catalog/spec-label";
import { InAfterSaleBadge } from "@/components/protection/status-badge";

const TABS: BuyerTab[] = ["all", "unpaid", "toShip", "shipped", "completed", "cancelled"];
/** Tabs whose count is worth a badge: something is waiting. */
const COUNTED: BuyerTab[] = ["unpaid", "toShip", "shipped"];

export const ordersHref = (tab: BuyerTab, cursor?: string) => {
  const sp = new URLSearchParams();
  if (tab !== "all") sp.set("tab", tab);
  if (cursor) sp.set("cursor", cursor);
  const q = sp.toString();
  return q ? `/orders?${q}` : "/orders";
};

function OrderCard({ order, inAfterSale = false }: { order: BuyerOrderRow; inAfterSale?: boolean }) {
  const t = useTranslations("orders");
  const format = useFormatter();
  const href = `/orders/${encodeURIComponent(order.id)}`;
  const single = order.lineCount === 1 ? order.lines[0] : null;
  return (
    <li className="bg-white px-4 py-3">
      <div className="flex items-center justify-between gap-2">
        <span className="truncate text-sm font-medium text-neutral-900">{order.store.name}</span>
        <span className="flex shrink-0 gap-1">
          {inAfterSale && <InAfterSaleBadge />}
          <OrderStatusBadge status={order.status} />
        </span>
      </div>
      <Link href={href} className="mt-2 flex gap-3" aria-label={t("list.openOrder", { orderNo: order.orderNo })}>
        {single ? (
          <>
            <LineImage imageId={single.imageId} />
            <div className="min-w-0 flex-1">
              <p className="line-clamp-2 text-sm leading-5 text-neutral-900">{single.title}</p>
              <p className="text-xs text-neutral-500">{specLabel(single.specKey) ?? t("defaultSpec")}</p>
            </div>
          </>
        ) : (
          <div className="flex min-w-0 flex-1 gap-2 overflow-hidden">
            {order.lines.map((l) => (
              <LineImage key={l.id} imageId={l.imageId} />
            ))}
            {order.lineCount > order.lines.length && <span className="self-center text-sm text-neutral-400">…</span>}
          </div>
        )}
      </Link>
      <p className="mt-2 text-right text-sm">
        {t("lineSummary", { lines: order.lineCount, units: order.unitCount })}{" "}
        <span className="text-neutral-500">{order.status === "PENDING_PAYMENT" ? t("list.toPay") : t("list.total")}</span>{" "}
        <span className="font-semibold tabular-nums">{formatFen(order.totalFen)}</span>
      </p>
      <div className="mt-2 flex items-center justify-between gap-3">
        <span className="text-xs text-neutral-400">
          {order.status === "PENDING_PAYMENT"
            ? t("list.payBy", { time: format.dateTime(order.payBy, { timeStyle: "short" }) })
            : format.dateTime(order.createdAt, { dateStyle: "medium", timeStyle: "short" })}
        </span>
        <div className="flex gap-2">
          <Link href={href} className="grid h-9 place-items-center rounded-full px-4 text-sm text-neutral-700 ring-1 ring-neutral-300">
            {t("list.details")}
          </Link>
          {order.status === "PENDING_PAYMENT" && (
            <Link href={`${href}/pay`} prefetch={false} className="grid h-9 place-items-center rounded-full bg-brand-500 px-4 text-sm font-medium text-white">
              {t("actions.pay")}
            </Link>
          )}
        </div>
      </div>
    </li>
  );
}

/** The buyer's orders across stores: status tabs with counts, cards, and a link to older ones. */
export function BuyerOrderList({
  tab,
  counts,
  orders,
  nextCursor,
  paged,
  openCases = {},
}: {
  tab: BuyerTab;
  counts: Record<BuyerTab, number>;
  orders: BuyerOrderRow[];
  nextCursor: string | null;
  paged: boolean;
  /** Orders with open after-sale cases (维权中): id → count. */
  openCases?: Record<string, number>;
}) {
  const t = useTranslations("orders.list");
  return (
    <>
      <nav aria-label={t("tabs")} className="sticky top-11 z-10 flex overflow-x-auto border-b border-neutral-200 bg-white">
        {TABS.map((k) => {
          const active = k === tab;
          return (
            <Link
              key={k}
              href={ordersHref(k)}
              aria-current={active ? "page" : undefined}
              className={`relative flex h-11 shrink-0 grow items-center justify-center px-3 text-sm ${active ? "font-semibold text-brand-700" : "text-neutral-600"}`}
            >
              {t(`tab.${k}`)}
              {COUNTED.includes(k) && counts[k] > 0 && <span className="ml-1 rounded-full bg-price px-1.5 text-[11px] leading-4 font-semibold text-white tabular-nums">{counts[k]}</span>}
              {active && <span aria-hidden className="absolute inset-x-3 bottom-0 h-0.5 rounded bg-brand-500" />}
            </Link>
          );
        })}
      </nav>
      {orders.length === 0 ? (
        <div className="px-6 py-16 text-center">
          <p aria-hidden className="text-4xl">📦</p>
          <p className="mt-3 text-sm text-neutral-600">{tab === "all" ? t("emptyAll") : t("emptyTab")}</p>
          <Link href="/" className="mt-6 inline-flex h-11 items-center rounded-full px-6 text-sm font-medium text-brand-700 ring-1 ring-brand-500">
            {t("goShopping")}
          </Link>
        </div>
      ) : (
        <ul className="space-y-2 pt-2">
          {orders.map((o) => (
            <OrderCard key={o.id} order={o} inAfterSale={(openCases[o.id] ?? 0) > 0} />
          ))}
        </ul>
      )}
      {(nextCursor || paged) && (
        <div className="flex justify-center gap-3 py-4">
          {paged && (
            <Link href={ordersHref(tab)} className="grid h-11 place-items-center rounded-full px-5 text-sm text-neutral-700 ring-1 ring-neutral-300">
              {t("newest")}
            </Link>
          )}
          {nextCursor && (
            <Link href={ordersHref(tab, nextCursor)} className="grid h-11 place-items-center rounded-full px-5 text-sm text-neutral-700 ring-1 ring-neutral-300">
              {t("older")}
            </Link>
          )}
        </div>
      )}
    </>
  );
}
