// Building blocks of a case page, shared by the buyer's (mobile), the seller's and the admin's
// (console) pages: where it stands and the clock, what was asked, the return, the complaint.
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { specLabel } from "@/components/catalog/spec-label";
import { LineImage } from "@/components/orders/order-lines";
import { formatFen } from "@/lib/money";
import type { CaseView } from "@/lib/protection/queries";
import { EvidenceGallery } from "./evidence-gallery";
import { SlaCountdown } from "./sla-countdown";
import { CaseStatusBadge, ComplaintStatusBadge } from "./status-badge";

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1 text-sm">
      <dt className="shrink-0 text-neutral-500">{label}</dt>
      <dd className="min-w-0 text-right break-words">{children}</dd>
    </div>
  );
}

/** Status, what it means for the reader, and the live countdown of the deadline that runs now. */
export function CaseHeadline({ c, serverNow }: { c: CaseView; serverNow: number }) {
  const t = useTranslations("protection");
  const format = useFormatter();
  const complaintWaits = c.complaint?.status === "AWAITING_EVIDENCE" && c.complaint.evidenceDueAt;
  const escalatableClosed = c.status === "CLOSED" && c.can.escalate && c.escalateBy;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <CaseStatusBadge status={c.status} />
        {c.complaint && <ComplaintStatusBadge status={c.complaint.status} />}
        <span className="text-xs text-neutral-500">{t("caseNo", { caseNo: c.caseNo })}</span>
      </div>
      <p className="text-sm text-neutral-700">{t(`explain.${c.viewer}.${c.status}`)}</p>
      {c.deadline && (
        <p className="text-sm">
          <span className="text-neutral-600">{t(`deadline.${c.status}`)}</span> <SlaCountdown deadline={c.deadline.at.toISOString()} serverNow={serverNow} />{" "}
          <span className="text-xs text-neutral-500">({format.dateTime(c.deadline.at, { dateStyle: "medium", timeStyle: "short" })})</span>
        </p>
      )}
      {escalatableClosed && (
        <p className="text-sm">
          <span className="text-neutral-600">{t("deadline.REJECTED")}</span> <SlaCountdown deadline={c.escalateBy!.toISOString()} serverNow={serverNow} />
        </p>
      )}
      {complaintWaits && (
        <p className="text-sm">
          <span className="text-neutral-600">{t("deadline.evidence", { party: c.complaint!.evidenceFrom ?? "BUYER" })}</span>{" "}
          <SlaCountdown deadline={c.complaint!.evidenceDueAt!.toISOString()} serverNow={serverNow} />
        </p>
      )}
      {c.complaint && (c.complaint.status === "OPEN" || c.complaint.status === "AWAITING_EVIDENCE") && (
        <p className="text-sm">
          <span className="text-neutral-600">{t("deadline.platform")}</span> <SlaCountdown deadline={c.complaint.slaDueAt.toISOString()} serverNow={serverNow} refreshOnExpiry={false} />
        </p>
      )}
    </div>
  );
}

/** Money: asked, offered, agreed, refunded. */
export function CaseAmounts({ c }: { c: CaseView }) {
  const t = useTranslations("protection.case");
  const refunded = c.refunds.filter((r) => r.status === "SUCCESS").reduce((n, r) => n + r.amountFen, 0);
  return (
    <dl>
      <Row label={t("requested")}>
        <span className="font-medium tabular-nums">{formatFen(c.requestedFen)}</span>
      </Row>
      {c.offeredFen !== null && <Row label={t("offered")}>{formatFen(c.offeredFen)}</Row>}
      {c.approvedFen !== null && <Row label={t("approved")}>{formatFen(c.approvedFen)}</Row>}
      {refunded > 0 && (
        <Row label={t("refunded")}>
          <span className="font-medium text-brand-700 tabular-nums">{formatFen(refunded)}</span>
        </Row>
      )}
    </dl>
  );
}

/** What the buyer asked for and why, with their photos. */
export function CaseRequest({ c, orderHref }: { c: CaseView; orderHref?: string }) {
  const t = useTranslations("protection");
  const format = useFormatter();
  return (
    <div>
      <dl>
        <Row label={t("case.type")}>{t(`types.${c.type}`)}</Row>
        <Row label={t("case.reason")}>{t.has(`reasons.${c.reason}`) ? t(`reasons.${c.reason}`) : c.reason}</Row>
        <Row label={t("case.order")}>
          {orderHref ? (
            <a href={orderHref} className="font-mono text-brand-700 hover:underline">
              {c.order.orderNo}
            </a>
          ) : (
            <span className="font-mono">{c.order.orderNo}</span>
          )}
        </Row>
        <Row label={t("case.store")}>{c.store.name}</Row>
        <Row label={t("case.openedAt")}>{format.dateTime(c.createdAt, { dateStyle: "medium", timeStyle: "short" })}</Row>
        {c.viewer !== "BUYER" && <Row label={t("case.buyer")}>{c.buyer.name}</Row>}
      </dl>
      <p className="mt-2 rounded-lg bg-neutral-50 px-3 py-2 text-sm break-words whitespace-pre-line text-neutral-800">{c.description}</p>
      <EvidenceGallery imageIds={c.evidenceImageIds} label={t("case.buyerPhotos")} />
      {c.rejectReason && (
        <p className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          <span className="font-medium">{t("case.rejectReason")}</span> {c.rejectReason}
        </p>
      )}
    </div>
  );
}

/** The items in the case and each one's share of the refund. */
export function CaseLines({ c }: { c: CaseView }) {
  const t = useTranslations("protection.case");
  const to = useTranslations("orders");
  return (
    <ul className="divide-y divide-neutral-100">
      {c.lines.map((l) => (
        <li key={l.orderLineId} className="flex gap-3 py-2">
          <LineImage imageId={l.imageId} size={48} />
          <div className="min-w-0 flex-1">
            <p className="line-clamp-2 text-sm text-neutral-900">{l.title}</p>
            <p className="text-xs text-neutral-500">
              {specLabel(l.specKey) ?? to("defaultSpec")} · {formatFen(l.unitPriceFen)} × {l.quantity}
            </p>
          </div>
          <div className="shrink-0 text-right text-xs text-neutral-500 tabular-nums">
            <p>{t("lineTotal", { amount: formatFen(l.lineTotalFen) })}</p>
            {l.amountFen > 0 && <p className="text-brand-700">{t("lineShare", { amount: formatFen(l.amountFen) })}</p>}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The return: where it goes and how it travels. */
export function CaseReturn({ c }: { c: CaseView }) {
  const t = useTranslations("protection.case");
  const to = useTranslations("orders");
  const format = useFormatter();
  if (!c.returnAddress && !c.returnTrackingNo) return null;
  return (
    <dl>
      {c.returnAddress && (
        <div className="py-1 text-sm">
          <dt className="text-neutral-500">{t("returnTo")}</dt>
          <dd className="mt-1 rounded-lg bg-neutral-50 px-3 py-2 select-all">
            {c.returnAddress.recipient && <span className="font-medium">{c.returnAddress.recipient} </span>}
            {c.returnAddress.phone && <span className="tabular-nums">{c.returnAddress.phone}</span>}
            <span className="block">{c.returnAddress.address}</span>
          </dd>
        </div>
      )}
      {c.returnTrackingNo && (
        <Row label={t("returnShipment")}>
          {to.has(`carriers.${c.returnCarrier}`) ? to(`carriers.${c.returnCarrier}`) : c.returnCarrier} <span className="font-mono select-all">{c.returnTrackingNo}</span>
        </Row>
      )}
      {c.returnShippedAt && <Row label={t("returnShippedAt")}>{format.dateTime(c.returnShippedAt, { dateStyle: "medium", timeStyle: "short" })}</Row>}
      {c.returnReceivedAt && <Row label={t("returnReceivedAt")}>{format.dateTime(c.returnReceivedAt, { dateStyle: "medium", timeStyle: "short" })}</Row>}
    </dl>
  );
}

/** The complaint: the buyer's statement, what the platform asked for, and its decision with the reason. */
export function ComplaintPanel({ c }: { c: CaseView }) {
  const t = useTranslations("protection");
  const format = useFormatter();
  const k = c.complaint;
  if (!k) return null;
  return (
    <div className="space-y-3">
      <dl>
        <Row label={t("complaint.caseNo")}>
          <span className="font-mono">{k.caseNo}</span>
        </Row>
        <Row label={t("complaint.status")}>
          <ComplaintStatusBadge status={k.status} />
        </Row>
        <Row label={t("complaint.openedAt")}>{format.dateTime(k.createdAt, { dateStyle: "medium", timeStyle: "short" })}</Row>
      </dl>
      <p className="rounded-lg bg-neutral-50 px-3 py-2 text-sm break-words whitespace-pre-line">
        <span className="block text-xs text-neutral-500">{t("complaint.statement")}</span>
        {k.statement}
      </p>
      {k.status === "AWAITING_EVIDENCE" && k.evidenceNote && (
        <div className="rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" role="status">
          <p className="font-medium">{t("complaint.evidenceAsked", { party: k.evidenceFrom ?? "BUYER" })}</p>
          <p className="break-words whitespace-pre-line">{k.evidenceNote}</p>
        </div>
      )}
      {k.status === "SETTLED" && k.outcome && (
        <div className={`rounded-lg px-3 py-2 text-sm ${k.outcome === "REJECTED" ? "bg-neutral-100 text-neutral-900" : "bg-brand-50 text-brand-700"}`} role="status">
          <p className="font-medium">
            {t("complaint.decision")}: {t(`outcome.${k.outcome}`)}
            {k.settledFen !== null && ` · ${formatFen(k.settledFen)}`}
          </p>
          {k.decisionReason && <p className="mt-1 break-words whitespace-pre-line">{k.decisionReason}</p>}
          {k.settledAt && <p className="mt-1 text-xs opacity-80">{format.dateTime(k.settledAt, { dateStyle: "medium", timeStyle: "short" })}</p>}
        </div>
      )}
    </div>
  );
}

/** The refunds paid (or tried) for this case. */
export function CaseRefunds({ c }: { c: CaseView }) {
  const t = useTranslations("protection.case");
  const format = useFormatter();
  if (!c.refunds.length) return null;
  return (
    <ul className="divide-y divide-neutral-100">
      {c.refunds.map((r) => (
        <li key={r.id} className="flex items-center justify-between gap-2 py-2 text-sm">
          <span>
            <span className="font-medium tabular-nums">{formatFen(r.amountFen)}</span> <span className="font-mono text-xs text-neutral-500">{r.outRefundNo}</span>
          </span>
          <span className="text-right text-xs">
            <span className={r.status === "SUCCESS" ? "text-brand-700" : r.status === "PROCESSING" ? "text-sky-700" : "text-red-700"}>{t(`refundStatus.${r.status}`)}</span>
            <span className="block text-neutral-400">{format.dateTime(r.settledAt ?? r.createdAt, { dateStyle: "short", timeStyle: "short" })}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
