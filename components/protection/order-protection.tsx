// The after-sale part of an order page: 维权中 while a case is open, the order's cases, and
// (for the buyer) the way in to a new request while the protection window is open.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { formatFen } from "@/lib/money";
import { caseLinks } from "@/lib/protection/links";
import type { OrderProtection } from "@/lib/protection/queries";
import { CaseStatusBadge, InAfterSaleBadge } from "./status-badge";

type Cases = OrderProtection["cases"];

function CaseLinks({ cases, hrefFor }: { cases: Cases; hrefFor: (id: string) => string }) {
  const t = useTranslations("protection");
  const format = useFormatter();
  if (!cases.length) return null;
  return (
    <ul className="divide-y divide-neutral-100">
      {cases.map((c) => (
        <li key={c.id} className="flex items-center justify-between gap-3 py-2 text-sm">
          <Link href={hrefFor(c.id)} className="min-w-0 text-brand-700 hover:underline" aria-label={t("list.openCase", { caseNo: c.caseNo })}>
            <span className="block truncate">
              {t(`types.${c.type}`)} · {formatFen(c.requestedFen)}
            </span>
            <span className="block text-xs text-neutral-500">
              {c.caseNo} · {format.dateTime(c.createdAt, { dateStyle: "short" })}
            </span>
          </Link>
          <CaseStatusBadge status={c.status} />
        </li>
      ))}
    </ul>
  );
}

/** On the buyer's order page. */
export function BuyerOrderProtection({ orderId, p }: { orderId: string; p: OrderProtection }) {
  const t = useTranslations("protection.order");
  const format = useFormatter();
  if (!p.canApply && !p.cases.length) return null;
  return (
    <section aria-labelledby="after-sale" className="mt-2 bg-white px-4 py-3">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="after-sale" className="text-sm font-semibold text-neutral-900">
          {t("title")}
        </h2>
        {p.openCases > 0 && <InAfterSaleBadge />}
      </div>
      <CaseLinks cases={p.cases} hrefFor={caseLinks.buyer} />
      {p.canApply && (
        <div className="mt-2 flex items-center justify-between gap-3">
          <p className="text-xs text-neutral-500">{p.windowUntil ? t("windowUntil", { date: format.dateTime(p.windowUntil, { dateStyle: "medium", timeStyle: "short" }) }) : t("windowOpen")}</p>
          <Link href={caseLinks.newRequest(orderId)} className="grid h-9 shrink-0 place-items-center rounded-full px-4 text-sm text-neutral-800 ring-1 ring-neutral-300 active:bg-neutral-100">
            {t("apply")}
          </Link>
        </div>
      )}
    </section>
  );
}

/** On the seller's order page. */
export function SellerOrderProtection({ storeId, p }: { storeId: string; p: { openCases: number; cases: Cases } }) {
  const t = useTranslations("protection.order");
  if (!p.cases.length) return null;
  return (
    <section aria-labelledby="after-sale" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="after-sale" className="text-base font-semibold">
          {t("title")}
        </h2>
        {p.openCases > 0 && <InAfterSaleBadge />}
      </div>
      <CaseLinks cases={p.cases} hrefFor={(id) => caseLinks.seller(storeId, id)} />
    </section>
  );
}
