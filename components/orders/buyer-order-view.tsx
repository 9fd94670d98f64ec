import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { InAfterSaleBadge } from "@/components/protection/status-badge";
import { Notice } from "@/components/ui/notice";
import { formatFen } from "@/lib/money";
import type { OrderDetail } from "@/lib/orders/queries";
import { itemPath, storePath } from "@/lib/storefront/paths";
import { formatAddress } from "./address-fields";
import { BuyerOrderActions } from "./buyer-order-actions";
import { Countdown } from "./countdown";
import { BottomBar, BottomBarSpacer, Section } from "./mobile";
import { OrderLines, OrderTotals } from "./order-lines";
import { OrderStatusBadge } from "./order-status";
import { carrierName, OrderTimeline } from "./order-timeline";
import { PaymentPoller } from "./payment-poller";

export type BuyerOrderData = Pick<
  OrderDetail,
  | "id"
  | "orderNo"
  | "status"
  | "itemsFen"
  | "postageFen"
  | "discountFen"
  | "totalFen"
  | "refundedFen"
  | "createdAt"
  | "payBy"
  | "paidAt"
  | "shippedAt"
  | "completedAt"
  | "cancelledAt"
  | "cancelReason"
  | "autoConfirmAt"
  | "carrier"
  | "trackingNo"
  | "recipient"
  | "phone"
  | "province"
  | "city"
  | "district"
  | "addressDetail"
  | "buyerNote"
  | "store"
  | "lines"
  | "events"
>;

/**
 * After the buyer comes back from the cashier with the order still unpaid: "checking" (we
 * are waiting for WeChat Pay's word), "slow" (30 s passed), "notCompleted" (they cancelled
 * or it failed), or "received" (it went through).
 */
export type PaymentReturn = "checking" | "slow" | "notCompleted" | "received" | null;

function Banner({ tone, title, children }: { tone: "amber" | "blue" | "green" | "neutral"; title: ReactNode; children?: ReactNode }) {
  const tones = { amber: "bg-amber-500", blue: "bg-sky-600", green: "bg-brand-500", neutral: "bg-neutral-500" } as const;
  return (
    <section aria-label={typeof title === "string" ? title : undefined} className={`${tones[tone]} px-4 py-5 text-white`}>
      <p className="text-lg font-semibold">{title}</p>
      {children && <div className="mt-1 space-y-1 text-sm text-white/90">{children}</div>}
    </section>
  );
}

/** One of the buyer's orders: where it stands and what happens next, what was bought, where it goes, its trail, and the buyer's actions. */
export function BuyerOrderView({
  order,
  payment = null,
  attempt = 0,
  serverNow,
  afterSale,
  inAfterSale = false,
}: {
  order: BuyerOrderData;
  payment?: PaymentReturn;
  attempt?: number;
  serverNow: number;
  /** The after-sale section (its cases and the way in to a new request). */
  afterSale?: ReactNode;
  /** An after-sale request or complaint is open (WeChat's 维权中). */
  inAfterSale?: boolean;
}) {
  const t = useTranslations("orders");
  const td = useTranslations("orders.detail");
  const format = useFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const s = order.status;

  const banner =
    s === "PENDING_PAYMENT" ? (
      <Banner tone="amber" title={td("banner.PENDING_PAYMENT")}>
        <p>
          {td("timeLeft")} <Countdown deadline={order.payBy.toISOString()} serverNow={serverNow} />
        </p>
        <p>{td("payByNote", { deadline: when(order.payBy) })}</p>
      </Banner>
    ) : s === "PAID" ? (
      <Banner tone="blue" title={td("banner.PAID")}>
        <p>{td("paidNext")}</p>
      </Banner>
    ) : s === "SHIPPED" ? (
      <Banner tone="blue" title={td("banner.SHIPPED")}>
        <p>{order.autoConfirmAt ? td("shippedNext", { date: when(order.autoConfirmAt) }) : td("shippedNextNoDate")}</p>
      </Banner>
    ) : s === "COMPLETED" ? (
      <Banner tone="green" title={td("banner.COMPLETED")}>
        <p>{td("completedNext")}</p>
      </Banner>
    ) : s === "CANCELLED" ? (
      <Banner tone="neutral" title={td("banner.CANCELLED")}>
        <p>{order.cancelReason && t.has(`cancelReason.${order.cancelReason}`) ? t(`cancelReason.${order.cancelReason}`) : td("cancelledNext")}</p>
      </Banner>
    ) : (
      <Banner tone="neutral" title={td("banner.CLOSED")}>
        <p>{td("closedNext")}</p>
      </Banner>
    );

  return (
    <>
      {banner}
      {payment && (
        <div className="px-4 pt-3">
          {payment === "checking" ? (
            <Notice tone="info">
              <PaymentPoller orderId={order.id} attempt={attempt} />
            </Notice>
          ) : payment === "slow" ? (
            <Notice tone="warning" title={td("slowTitle")}>
              {td("slowBody")}{" "}
              <Link href={`/orders/${encodeURIComponent(order.id)}?paid=return`} className="font-medium underline">
                {td("checkAgain")}
              </Link>
            </Notice>
          ) : payment === "notCompleted" ? (
            <Notice tone="warning">{td("notCompleted")}</Notice>
          ) : (
            <Notice tone="success">{td("paymentReceived")}</Notice>
          )}
        </div>
      )}

      {order.trackingNo && (
        <Section title={td("shipment")} id="shipment">
          <dl className="space-y-1 text-sm">
            <div className="flex justify-between gap-4">
              <dt className="text-neutral-500">{td("carrier")}</dt>
              <dd>{carrierName(t, order.carrier)}</dd>
            </div>
            <div className="flex justify-between gap-4">
              <dt className="text-neutral-500">{td("trackingNo")}</dt>
              <dd className="font-mono select-all">{order.trackingNo}</dd>
            </div>
            {order.shippedAt && (
              <div className="flex justify-between gap-4">
                <dt className="text-neutral-500">{td("shippedAt")}</dt>
                <dd>{when(order.shippedAt)}</dd>
              </div>
            )}
          </dl>
        </Section>
      )}

      <Section title={td("shipTo")} id="ship-to">
        <p className="text-sm">
          <span className="font-medium">{order.recipient}</span> <span className="tabular-nums text-neutral-600">{order.phone}</span>
        </p>
        <p className="text-sm text-neutral-600">{formatAddress(order)}</p>
      </Section>

      <Section>
        <Link href={storePath(order.store.slug)} className="text-sm font-semibold text-neutral-900">
          {order.store.name} ›
        </Link>
        <OrderLines lines={order.lines} hrefFor={(l) => itemPath(order.store.slug, l.itemId)} />
        <div className="border-t border-neutral-100 pt-2">
          <OrderTotals itemsFen={order.itemsFen} postageFen={order.postageFen} discountFen={order.discountFen} totalFen={order.totalFen} refundedFen={order.refundedFen} totalLabel={s === "PENDING_PAYMENT" ? td("toPay") : td("paidTotal")} />
        </div>
        {order.buyerNote && (
          <p className="mt-2 text-sm text-neutral-600">
            <span className="text-neutral-500">{td("note")}</span> {order.buyerNote}
          </p>
        )}
      </Section>

      {afterSale}

      <Section title={td("info")} id="order-info">
        <dl className="space-y-1 text-sm">
          <div className="flex justify-between gap-4">
            <dt className="text-neutral-500">{td("orderNo")}</dt>
            <dd className="font-mono select-all">{order.orderNo}</dd>
          </div>
          <div className="flex justify-between gap-4">
            <dt className="text-neutral-500">{td("placedAt")}</dt>
            <dd>{when(order.createdAt)}</dd>
          </div>
          {order.paidAt && (
            <div className="flex justify-between gap-4">
              <dt className="text-neutral-500">{td("paidAt")}</dt>
              <dd>{when(order.paidAt)}</dd>
            </div>
          )}
          {order.completedAt && (
            <div className="flex justify-between gap-4">
              <dt className="text-neutral-500">{td("completedAt")}</dt>
              <dd>{when(order.completedAt)}</dd>
            </div>
          )}
          {order.cancelledAt && (
            <div className="flex justify-between gap-4">
              <dt className="text-neutral-500">{td("cancelledAt")}</dt>
              <dd>{when(order.cancelledAt)}</dd>
            </div>
          )}
          <div className="flex justify-between gap-4">
            <dt className="text-neutral-500">{td("status")}</dt>
            <dd className="flex gap-1">
              {inAfterSale && <InAfterSaleBadge />}
              <OrderStatusBadge status={s} />
            </dd>
          </div>
        </dl>
      </Section>

      <Section title={td("timeline")} id="timeline">
        <OrderTimeline events={order.events} />
      </Section>

      {(s === "PENDING_PAYMENT" || s === "SHIPPED") && (
        <>
          <BottomBarSpacer />
          <BottomBar>
            {s === "PENDING_PAYMENT" && (
              <p className="shrink-0 text-sm">
                <span className="sr-only">{td("toPay")} </span>
                <span className="text-lg font-semibold tabular-nums text-price">{formatFen(order.totalFen)}</span>
              </p>
            )}
            <BuyerOrderActions orderId={order.id} status={s} payLabel={payment === "notCompleted" || payment === "slow" ? t("actions.payAgain") : t("actions.pay")} />
          </BottomBar>
        </>
      )}
    </>
  );
}
