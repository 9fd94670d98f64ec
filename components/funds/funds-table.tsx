import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatFen } from "@/lib/money";
import type { FundsRow, FundsState } from "@/lib/payments/funds";

export const fundsTone: Record<FundsState, BadgeTone> = { HELD: "amber", SETTLING: "blue", SETTLED: "green", FAILED: "red", REFUNDED: "neutral" };

const th = "px-3 py-2 font-medium";
const td = "px-3 py-2 align-top";

/** One row per paid order: paid, refunded, fee, net and where the money is. */
export async function FundsTable({ storeId, rows }: { storeId: string; rows: FundsRow[] }) {
  const t = await getTranslations("funds");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-neutral-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("tableCaption")}</caption>
        <thead className="border-b border-neutral-200 text-neutral-500">
          <tr>
            <th scope="col" className={th}>{t("col.order")}</th>
            <th scope="col" className={`${th} text-right`}>{t("col.paid")}</th>
            <th scope="col" className={`${th} text-right`}>{t("col.refunded")}</th>
            <th scope="col" className={`${th} text-right`}>{t("col.fee")}</th>
            <th scope="col" className={`${th} text-right`}>{t("col.net")}</th>
            <th scope="col" className={th}>{t("col.state")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {rows.map((r) => (
            <tr key={r.orderId} data-order-no={r.orderNo}>
              <td className={td}>
                <Link href={`/seller/stores/${storeId}/orders/${r.orderId}`} className="font-mono text-brand-700 hover:underline">
                  {r.orderNo}
                </Link>
                <div className="text-xs text-neutral-500">{t("paidAt", { when: when(r.paidAt) })}</div>
              </td>
              <td className={`${td} text-right tabular-nums`}>{formatFen(r.paidFen)}</td>
              <td className={`${td} text-right tabular-nums`}>{r.refundedFen ? formatFen(r.refundedFen) : "—"}</td>
              <td className={`${td} text-right tabular-nums`}>{formatFen(r.feeFen)}</td>
              <td className={`${td} text-right font-medium tabular-nums`}>{formatFen(r.paidFen - r.refundedFen - r.feeFen)}</td>
              <td className={td}>
                <Badge tone={fundsTone[r.state]}>{t(`state.${r.state}`)}</Badge>
                <div className="mt-1 text-xs text-neutral-500">
                  {r.state === "HELD" && (r.heldUntil ? t("heldUntil", { when: when(r.heldUntil) }) : t("heldUntilReceipt"))}
                  {r.state === "SETTLED" && r.settledAt && t("settledAt", { when: when(r.settledAt) })}
                  {r.state === "FAILED" && (
                    <span className="text-red-700">
                      {r.failReason}
                      {r.nextAttemptAt ? ` · ${t("retryAt", { when: when(r.nextAttemptAt) })}` : ""}
                    </span>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Totals: what is held, settled, taken as fee, refunded. */
export async function FundsTotals({ totals }: { totals: { heldFen: number; settledFen: number; feeFen: number; refundedFen: number; paidFen: number } }) {
  const t = await getTranslations("funds");
  const items: [string, number, string][] = [
    [t("total.held"), totals.heldFen, "held"],
    [t("total.settled"), totals.settledFen, "settled"],
    [t("total.fee"), totals.feeFen, "fee"],
    [t("total.refunded"), totals.refundedFen, "refunded"],
  ];
  return (
    <dl className="grid gap-3 sm:grid-cols-4">
      {items.map(([label, fen, key]) => (
        <div key={key} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-neutral-200">
          <dt className="text-sm text-neutral-500">{label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums" data-total={key}>
            {formatFen(fen)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
