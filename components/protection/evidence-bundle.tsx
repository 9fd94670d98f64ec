// The admin's evidence bundle, assembled from records nobody in the dispute can edit: the order
// as sold (lines, prices, frozen protection terms), the payment, the shipping trail and refunds.
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { specLabel } from "@/components/catalog/spec-label";
import { OrderTimeline, tradeTypeName } from "@/components/orders/order-timeline";
import { Card } from "@/components/ui/card";
import { formatFen } from "@/lib/money";
import type { EvidenceBundle } from "@/lib/protection/queries";

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1 text-sm">
      <dt className="text-neutral-500">{label}</dt>
      <dd className="text-right break-all">{children}</dd>
    </div>
  );
}

export function EvidenceBundleView({ bundle, caseRequestId }: { bundle: EvidenceBundle; caseRequestId: string }) {
  const t = useTranslations("protection.bundle");
  const to = useTranslations("orders");
  const format = useFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const o = bundle.order;
  return (
    <section aria-labelledby="bundle-title" className="space-y-4">
      <h2 id="bundle-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <Card title={t("asSold", { orderNo: o.orderNo })}>
        <table className="w-full text-sm">
          <caption className="sr-only">{t("linesCaption")}</caption>
          <thead>
            <tr className="text-left text-xs text-neutral-500">
              <th scope="col" className="py-1">{t("item")}</th>
              <th scope="col" className="py-1 text-right">{t("unitPrice")}</th>
              <th scope="col" className="py-1 text-right">{t("quantity")}</th>
              <th scope="col" className="py-1 text-right">{t("lineTotal")}</th>
              <th scope="col" className="py-1 text-right">{t("lineRefunded")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-100">
            {o.lines.map((l) => (
              <tr key={l.id}>
                <td className="py-1">
                  {l.title} <span className="text-xs text-neutral-500">{specLabel(l.specKey) ?? ""}</span>
                </td>
                <td className="py-1 text-right tabular-nums">{formatFen(l.unitPriceFen)}</td>
                <td className="py-1 text-right tabular-nums">{l.quantity}</td>
                <td className="py-1 text-right tabular-nums">{formatFen(l.lineTotalFen)}</td>
                <td className="py-1 text-right tabular-nums">{formatFen(l.refundedFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="mt-3 border-t border-neutral-100 pt-2">
          <Row label={t("items")}>{formatFen(o.itemsFen)}</Row>
          <Row label={t("postage")}>{formatFen(o.postageFen)}</Row>
          <Row label={t("total")}>{formatFen(o.totalFen)}</Row>
          <Row label={t("refundedSoFar")}>{formatFen(o.refundedFen)}</Row>
          <Row label={t("placedAt")}>{when(o.createdAt)}</Row>
          <Row label={t("orderStatus")}>{to(`status.${o.status}`)}</Row>
          <Row label={t("shipTo")}>{`${o.shipTo.recipient} · ${o.shipTo.city} ${o.shipTo.district}`}</Row>
          {o.buyerNote && <Row label={t("buyerNote")}>{o.buyerNote}</Row>}
        </dl>
        <h3 className="mt-3 text-sm font-semibold">{t("terms")}</h3>
        <dl>
          <Row label={t("termsWindow")}>{t("days", { n: o.protectionTerms.afterSaleDaysAfterReceipt })}</Row>
          <Row label={t("termsSeller")}>{t("hours", { n: o.protectionTerms.sellerResponseHours })}</Row>
          <Row label={t("termsComplaint")}>{t("days", { n: o.protectionTerms.complaintDaysAfterRejection })}</Row>
        </dl>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t("payment")}>
          {bundle.payment ? (
            <dl>
              <Row label={t("transactionId")}>
                <span className="font-mono text-xs">{bundle.payment.transactionId ?? "—"}</span>
              </Row>
              <Row label={t("paidAt")}>{when(bundle.payment.paidAt)}</Row>
              <Row label={t("paidAmount")}>{bundle.payment.amountFen !== null ? formatFen(bundle.payment.amountFen) : "—"}</Row>
              {bundle.payment.tradeType && <Row label={t("tradeType")}>{tradeTypeName(to, bundle.payment.tradeType)}</Row>}
            </dl>
          ) : (
            <p className="text-sm text-neutral-500">{t("notPaid")}</p>
          )}
        </Card>
        <Card title={t("shipping")}>
          <dl>
            <Row label={t("carrier")}>{bundle.shipping.carrier ? (to.has(`carriers.${bundle.shipping.carrier}`) ? to(`carriers.${bundle.shipping.carrier}`) : bundle.shipping.carrier) : "—"}</Row>
            <Row label={t("trackingNo")}>
              <span className="font-mono">{bundle.shipping.trackingNo ?? "—"}</span>
            </Row>
            <Row label={t("shippedAt")}>{when(bundle.shipping.shippedAt)}</Row>
            <Row label={t("completedAt")}>{when(bundle.shipping.completedAt)}</Row>
          </dl>
        </Card>
      </div>
      <Card title={t("orderTrail")}>
        <OrderTimeline events={bundle.orderEvents} showActor />
      </Card>
      {bundle.orderRefunds.length > 0 && (
        <Card title={t("orderRefunds")}>
          <ul className="divide-y divide-neutral-100 text-sm">
            {bundle.orderRefunds.map((r) => (
              <li key={r.id} className="flex justify-between gap-3 py-1.5">
                <span>
                  <span className="tabular-nums">{formatFen(r.amountFen)}</span> <span className="font-mono text-xs text-neutral-500">{r.outRefundNo}</span>
                  {r.afterSaleId === caseRequestId && <span className="ml-1 text-xs text-brand-700">{t("thisCase")}</span>}
                </span>
                <span className="text-xs text-neutral-600">
                  {to.has(`refundCause.${r.cause}`) ? to(`refundCause.${r.cause}`) : r.cause} · {to.has(`seller.refundStatus.${r.status}`) ? to(`seller.refundStatus.${r.status}`) : r.status}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </section>
  );
}
