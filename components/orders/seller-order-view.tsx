import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { InAfterSaleBadge } from "@/components/protection/status-badge";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { formatFen } from "@/lib/money";
import type { OrderDetail } from "@/lib/orders/queries";
import { formatAddress } from "./address-fields";
import { OrderLines, OrderTotals } from "./order-lines";
import { OrderStatusBadge } from "./order-status";
import { carrierName, OrderTimeline } from "./order-timeline";
import { CloseOrderButton } from "./seller-order-actions";
import { ShipForm } from "./ship-form";

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1 text-sm">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

const refundTone = { PROCESSING: "amber", SUCCESS: "green", ABNORMAL: "red", CLOSED: "neutral" } as const;

/** One order of the store, for the seller: what to do next, lines, money, buyer and address, payment, refunds, trail. */
export function SellerOrderView({
  storeId,
  order,
  serverNow,
  afterSale,
  inAfterSale = false,
}: {
  storeId: string;
  order: OrderDetail;
  serverNow: number;
  /** The order's after-sale cases. */
  afterSale?: ReactNode;
  /** An after-sale request or complaint is open (维权中). */
  inAfterSale?: boolean;
}) {
  const t = useTranslations("orders");
  const ts = useTranslations("orders.seller");
  const format = useFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const s = order.status;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-6">
        {s === "PAID" && (
          <Card title={ts("shipTitle")}>
            <ShipForm storeId={storeId} orderId={order.id} />
          </Card>
        )}
        {s === "PENDING_PAYMENT" && (
          <Card title={ts("awaitingPayment")}>
            <p className="text-sm text-neutral-600">
              {order.payBy.getTime() > serverNow ? ts("payByNote", { deadline: when(order.payBy) }) : ts("payByPassed")}
            </p>
            <div className="mt-3">
              <CloseOrderButton storeId={storeId} orderId={order.id} />
            </div>
          </Card>
        )}
        {order.trackingNo && (
          <Card title={ts("shipment")}>
            <dl>
              <Row label={ts("carrier")}>{carrierName(t, order.carrier)}</Row>
              <Row label={ts("trackingNo")}>
                <span className="font-mono select-all">{order.trackingNo}</span>
              </Row>
              {order.shippedAt && <Row label={ts("shippedAt")}>{when(order.shippedAt)}</Row>}
              {s === "SHIPPED" && order.autoConfirmAt && <Row label={ts("autoConfirmAt")}>{when(order.autoConfirmAt)}</Row>}
            </dl>
          </Card>
        )}
        <Card title={ts("lines")}>
          <OrderLines lines={order.lines} extra={(l) => <p className="mt-1 text-xs text-neutral-500 tabular-nums">{ts("lineTotal", { total: formatFen(l.lineTotalFen) })}</p>} />
          <div className="mt-2 border-t border-neutral-100 pt-2">
            <OrderTotals itemsFen={order.itemsFen} postageFen={order.postageFen} discountFen={order.discountFen} totalFen={order.totalFen} refundedFen={order.refundedFen} />
          </div>
        </Card>
        <Card title={ts("timeline")}>
          <OrderTimeline events={order.events} showActor />
        </Card>
      </div>

      <div className="space-y-6">
        <Card title={ts("summary")}>
          <dl>
            <Row label={ts("status")}>
              <span className="inline-flex gap-1">
                {inAfterSale && <InAfterSaleBadge />}
                <OrderStatusBadge status={s} />
              </span>
            </Row>
            <Row label={ts("col.orderNo")}>
              <span className="font-mono select-all">{order.orderNo}</span>
            </Row>
            <Row label={ts("placedAt")}>{when(order.createdAt)}</Row>
            {order.completedAt && <Row label={ts("completedAt")}>{when(order.completedAt)}</Row>}
            {order.cancelledAt && <Row label={ts("cancelledAt")}>{when(order.cancelledAt)}</Row>}
            {order.cancelReason && <Row label={ts("cancelReason")}>{t.has(`cancelReason.${order.cancelReason}`) ? t(`cancelReason.${order.cancelReason}`) : order.cancelReason}</Row>}
          </dl>
        </Card>
        {afterSale}
        <Card title={ts("buyerAndAddress")}>
          <dl>
            <Row label={ts("col.buyer")}>{order.buyer.name}</Row>
            <Row label={ts("recipient")}>{order.recipient}</Row>
            <Row label={ts("phone")}>
              <span className="tabular-nums select-all">{order.phone}</span>
            </Row>
          </dl>
          <p className="mt-2 text-sm text-neutral-700 select-all">{formatAddress(order)}</p>
          {order.buyerNote && (
            <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
              <span className="font-medium">{ts("note")}</span> {order.buyerNote}
            </p>
          )}
        </Card>
        <Card title={ts("payment")}>
          {order.paidAt ? (
            <dl>
              <Row label={ts("paidAt")}>{when(order.paidAt)}</Row>
              <Row label={ts("transactionId")}>
                <span className="font-mono text-xs break-all select-all">{order.transactionId}</span>
              </Row>
              <Row label={ts("outTradeNo")}>
                <span className="font-mono text-xs break-all">{order.outTradeNo}</span>
              </Row>
            </dl>
          ) : (
            <p className="text-sm text-neutral-500">{ts("notPaid")}</p>
          )}
        </Card>
        {order.refunds.length > 0 && (
          <Card title={ts("refunds")}>
            <ul className="divide-y divide-neutral-100">
              {order.refunds.map((r) => (
                <li key={r.id} className="py-2 text-sm">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-medium tabular-nums">{formatFen(r.amountFen)}</span>
                    <Badge tone={refundTone[r.status]}>{ts(`refundStatus.${r.status}`)}</Badge>
                  </div>
                  <p className="text-xs text-neutral-500">
                    {t.has(`refundCause.${r.cause}`) ? t(`refundCause.${r.cause}`) : r.cause} · <span className="font-mono">{r.outRefundNo}</span>
                  </p>
                  <p className="text-xs text-neutral-400">{when(r.settledAt ?? r.createdAt)}</p>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </div>
  );
}
