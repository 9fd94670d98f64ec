import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { LedgerRow } from "@/lib/catalog/queries";
import { specLabel } from "./spec-label";

const reasonTone: Record<string, BadgeTone> = { INITIAL: "blue", MANUAL_ADJUSTMENT: "neutral", API_ADJUSTMENT: "neutral", ORDER_RESERVED: "amber", ORDER_RELEASED: "green" };

/** The stock history: when, what, by how much, the level it left, why and who. */
export async function LedgerTable({ storeId, rows }: { storeId: string; rows: LedgerRow[] }) {
  const t = await getTranslations("catalog.stock");
  const format = await getFormatter();
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-neutral-200">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 text-neutral-500">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">{t("col.time")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("col.sku")}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{t("col.delta")}</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">{t("col.after")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("col.reason")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("col.note")}</th>
            <th scope="col" className="px-4 py-3 font-medium">{t("col.by")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="px-4 py-2.5 whitespace-nowrap text-neutral-600">{format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
              <td className="px-4 py-2.5">
                <Link href={`/seller/stores/${storeId}/stock?skuId=${r.skuId}`} className="font-medium text-neutral-900 hover:text-brand-700 hover:underline">
                  {r.itemTitle}
                </Link>
                <div className="text-xs text-neutral-500">
                  {specLabel(r.specKey) ?? t("defaultSku")}
                  {r.skuCode && <span className="ml-2 font-mono">{r.skuCode}</span>}
                </div>
              </td>
              <td className={`px-4 py-2.5 text-right font-medium tabular-nums ${r.delta > 0 ? "text-brand-700" : "text-red-600"}`}>
                {r.delta > 0 ? `+${r.delta}` : `−${Math.abs(r.delta)}`}
              </td>
              <td className="px-4 py-2.5 text-right tabular-nums">{r.resultingStock}</td>
              <td className="px-4 py-2.5">
                <Badge tone={reasonTone[r.reason] ?? "neutral"}>{t(`reason.${r.reason}`)}</Badge>
              </td>
              <td className="max-w-64 px-4 py-2.5 text-neutral-700">
                {r.note}
                {r.orderId && <div className="font-mono text-xs text-neutral-500">{t("order", { id: r.orderId })}</div>}
              </td>
              <td className="px-4 py-2.5 whitespace-nowrap text-neutral-600">{r.actorName ?? t("system")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
