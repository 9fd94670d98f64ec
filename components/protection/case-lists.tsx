// Lists of cases: the buyer's (cards), the seller's and the admins' (tables), with the next
// deadline's countdown where someone has to act.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { LineImage } from "@/components/orders/order-lines";
import { Badge } from "@/components/ui/badge";
import { formatFen } from "@/lib/money";
import { caseLinks } from "@/lib/protection/links";
import type { CaseRow2, ComplaintRow } from "@/lib/protection/queries";
import { SlaCountdown } from "./sla-countdown";
import { CaseStatusBadge, ComplaintStatusBadge } from "./status-badge";

/** The buyer's cases as cards. */
export function BuyerCaseList({ cases, serverNow }: { cases: CaseRow2[]; serverNow: number }) {
  const t = useTranslations("protection");
  const format = useFormatter();
  return (
    <ul className="space-y-2 pt-2">
      {cases.map((c) => (
        <li key={c.id} className="bg-white px-4 py-3">
          <div className="flex items-center justify-between gap-2">
            <span className="truncate text-sm font-medium text-neutral-900">{c.store.name}</span>
            <CaseStatusBadge status={c.status} />
          </div>
          <Link href={caseLinks.buyer(c.id)} className="mt-2 flex gap-3" aria-label={t("list.openCase", { caseNo: c.caseNo })}>
            <LineImage imageId={c.imageId} size={48} />
            <div className="min-w-0 flex-1">
              <p className="line-clamp-1 text-sm text-neutral-900">{c.title}</p>
              <p className="text-xs text-neutral-500">
                {t(`types.${c.type}`)} · {t.has(`reasons.${c.reason}`) ? t(`reasons.${c.reason}`) : c.reason}
                {c.lineCount > 1 ? ` · ${t("list.moreItems", { count: c.lineCount })}` : ""}
              </p>
              <p className="text-xs text-neutral-500">
                {t("list.requested")} <span className="tabular-nums">{formatFen(c.requestedFen)}</span>
              </p>
            </div>
          </Link>
          <div className="mt-2 flex items-center justify-between text-xs text-neutral-500">
            <span>{format.dateTime(c.createdAt, { dateStyle: "medium" })}</span>
            {c.deadline && c.deadline.party === "BUYER" && (
              <span>
                {t("list.youHave")} <SlaCountdown deadline={c.deadline.at.toISOString()} serverNow={serverNow} refreshOnExpiry={false} />
              </span>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

const th = "px-3 py-2 text-left text-xs font-medium text-neutral-500";
const td = "px-3 py-2 align-top text-sm";

/** The store's cases, for the seller. */
export function SellerCaseTable({ storeId, cases, serverNow }: { storeId: string; cases: CaseRow2[]; serverNow: number }) {
  const t = useTranslations("protection");
  const format = useFormatter();
  return (
    <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-neutral-200">
      <table className="w-full min-w-[48rem]">
        <caption className="sr-only">{t("seller.tableCaption")}</caption>
        <thead className="border-b border-neutral-200">
          <tr>
            <th scope="col" className={th}>{t("seller.col.case")}</th>
            <th scope="col" className={th}>{t("seller.col.item")}</th>
            <th scope="col" className={th}>{t("seller.col.amount")}</th>
            <th scope="col" className={th}>{t("seller.col.status")}</th>
            <th scope="col" className={th}>{t("seller.col.deadline")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {cases.map((c) => (
            <tr key={c.id}>
              <td className={td}>
                <Link href={caseLinks.seller(storeId, c.id)} className="font-mono text-brand-700 hover:underline">
                  {c.caseNo}
                </Link>
                <p className="text-xs text-neutral-500">
                  {c.buyerName} · {format.dateTime(c.createdAt, { dateStyle: "short", timeStyle: "short" })}
                </p>
              </td>
              <td className={td}>
                <p className="line-clamp-1">{c.title}</p>
                <p className="text-xs text-neutral-500">
                  {t(`types.${c.type}`)} · {t.has(`reasons.${c.reason}`) ? t(`reasons.${c.reason}`) : c.reason}
                </p>
              </td>
              <td className={`${td} tabular-nums`}>{formatFen(c.requestedFen)}</td>
              <td className={td}>
                <div className="flex flex-wrap gap-1">
                  <CaseStatusBadge status={c.status} />
                  {c.complaint && <ComplaintStatusBadge status={c.complaint.status as never} />}
                </div>
              </td>
              <td className={td}>
                {c.deadline ? (
                  <>
                    <SlaCountdown deadline={c.deadline.at.toISOString()} serverNow={serverNow} refreshOnExpiry={false} />
                    <p className="text-xs text-neutral-500">{t(`party.${c.deadline.party}`)}</p>
                  </>
                ) : (
                  <span className="text-neutral-400">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The admins' complaint queue (sorted by SLA by the query). */
export function ComplaintQueueTable({ complaints, serverNow }: { complaints: ComplaintRow[]; serverNow: number }) {
  const t = useTranslations("protection");
  const format = useFormatter();
  return (
    <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-neutral-200">
      <table className="w-full min-w-[56rem]">
        <caption className="sr-only">{t("admin.queueCaption")}</caption>
        <thead className="border-b border-neutral-200">
          <tr>
            <th scope="col" className={th}>{t("admin.col.complaint")}</th>
            <th scope="col" className={th}>{t("admin.col.store")}</th>
            <th scope="col" className={th}>{t("admin.col.request")}</th>
            <th scope="col" className={th}>{t("admin.col.status")}</th>
            <th scope="col" className={th}>{t("admin.col.sla")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {complaints.map((c) => (
            <tr key={c.id} className={c.atRisk ? "bg-amber-50/60" : undefined}>
              <td className={td}>
                <Link href={caseLinks.adminComplaint(c.id)} className="font-mono text-brand-700 hover:underline">
                  {c.caseNo}
                </Link>
                <p className="text-xs text-neutral-500">{format.dateTime(c.createdAt, { dateStyle: "short", timeStyle: "short" })}</p>
              </td>
              <td className={td}>
                {c.store.name}
                <p className="text-xs text-neutral-500">{c.buyerName}</p>
              </td>
              <td className={td}>
                {t(`types.${c.request.type}`)} · {formatFen(c.request.requestedFen)}
                <p className="text-xs text-neutral-500">{t.has(`reasons.${c.request.reason}`) ? t(`reasons.${c.request.reason}`) : c.request.reason}</p>
              </td>
              <td className={td}>
                <div className="flex flex-wrap gap-1">
                  <ComplaintStatusBadge status={c.status as never} />
                  {c.atRisk && <Badge tone="red">{t("admin.atRisk")}</Badge>}
                </div>
                {c.status === "AWAITING_EVIDENCE" && c.evidenceFrom && <p className="text-xs text-neutral-500">{t("admin.waitingFor", { party: c.evidenceFrom })}</p>}
                {c.outcome && (
                  <p className="text-xs text-neutral-500">
                    {t(`outcome.${c.outcome}`)}
                    {c.settledFen !== null ? ` · ${formatFen(c.settledFen)}` : ""}
                  </p>
                )}
              </td>
              <td className={td}>
                {c.status === "OPEN" || c.status === "AWAITING_EVIDENCE" ? (
                  <SlaCountdown deadline={c.slaDueAt.toISOString()} serverNow={serverNow} refreshOnExpiry={false} />
                ) : (
                  <span className="text-xs text-neutral-500">{c.settledAt ? format.dateTime(c.settledAt, { dateStyle: "short", timeStyle: "short" }) : "—"}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface FailedRefundRow {
  id: string;
  caseNo: string;
  requestedFen: number;
  approvedFen: number | null;
  updatedAt: Date;
  store: { id: string; name: string };
  order: { id: string; orderNo: string; totalFen: number; refundedFen: number };
  complaint: { id: string; caseNo: string } | null;
  refund: { id: string; outRefundNo: string; amountFen: number; status: string; cause: string; createdAt: Date } | null;
}

/** Refunds WeChat Pay could not pay, for the admins. */
export function FailedRefundTable({ rows }: { rows: FailedRefundRow[] }) {
  const t = useTranslations("protection");
  const format = useFormatter();
  return (
    <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-neutral-200">
      <table className="w-full min-w-[48rem]">
        <caption className="sr-only">{t("admin.refundsCaption")}</caption>
        <thead className="border-b border-neutral-200">
          <tr>
            <th scope="col" className={th}>{t("admin.col.case")}</th>
            <th scope="col" className={th}>{t("admin.col.store")}</th>
            <th scope="col" className={th}>{t("admin.col.refund")}</th>
            <th scope="col" className={th}>{t("admin.col.since")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={td}>
                <Link href={caseLinks.adminCase(r.id)} className="font-mono text-brand-700 hover:underline">
                  {r.caseNo}
                </Link>
                <p className="text-xs text-neutral-500">
                  {t("admin.orderNo", { orderNo: r.order.orderNo })}
                  {r.complaint ? ` · ${r.complaint.caseNo}` : ""}
                </p>
              </td>
              <td className={td}>{r.store.name}</td>
              <td className={td}>
                {r.refund ? (
                  <>
                    <span className="tabular-nums">{formatFen(r.refund.amountFen)}</span> <Badge tone="red">{t(`case.refundStatus.${r.refund.status}`)}</Badge>
                    <p className="font-mono text-xs text-neutral-500">{r.refund.outRefundNo}</p>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td className={td}>{format.dateTime(r.updatedAt, { dateStyle: "short", timeStyle: "short" })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Tabs as links with counts. */
export function CaseTabs<T extends string>({ label, tabs, active, hrefFor, labelFor, counts }: { label: string; tabs: readonly T[]; active: T; hrefFor: (t: T) => string; labelFor: (t: T) => string; counts?: Partial<Record<T, number>> }) {
  return (
    <nav aria-label={label} className="mb-4 flex flex-wrap gap-1 rounded-lg bg-neutral-100 p-1 text-sm">
      {tabs.map((tab) => (
        <Link
          key={tab}
          href={hrefFor(tab)}
          aria-current={tab === active ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 ${tab === active ? "bg-white font-medium text-neutral-900 shadow-sm" : "text-neutral-600 hover:text-neutral-900"}`}
        >
          {labelFor(tab)}
          {counts?.[tab] !== undefined && <span className="ml-1 text-neutral-400 tabular-nums">{counts[tab]}</span>}
        </Link>
      ))}
    </nav>
  );
}

