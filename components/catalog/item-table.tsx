"use client";
import Image from "next/image";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { setItemsStatusAction } from "@/lib/catalog/actions/items";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { mediaSrc } from "@/lib/media/variants";
import { formatFenRange } from "@/lib/money";
import { ItemStatusBadge } from "./item-status-badge";

export interface ItemTableRow {
  id: string;
  title: string;
  status: "DRAFT" | "ON_SALE" | "OFF_SALE";
  mainImageId: string | null;
  priceMinFen: number;
  priceMaxFen: number;
  stock: number;
  skuCount: number;
  updatedAt: Date;
}

type Outcome = { tone: "success" | "warning" | "error"; title: string; lines: string[] } | null;

/** The store's items with checkboxes and bulk "put on sale" / "take off sale". */
export function ItemTable({ storeId, rows }: { storeId: string; rows: ItemTableRow[] }) {
  const t = useTranslations("catalog.list");
  const tr = useTranslations("catalog.onSaleFailure");
  const format = useFormatter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();
  // Rows leave the page when filters change; keep only those still shown.
  const chosen = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const all = rows.length > 0 && chosen.length === rows.length;
  const titleOf = (id: string) => rows.find((r) => r.id === id)?.title ?? id;

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  function run(status: "ON_SALE" | "OFF_SALE") {
    startTransition(async () => {
      const r = await setItemsStatusAction({ storeId, itemIds: chosen, status });
      if (!r.ok) {
        setOutcome({ tone: "error", title: r.error, lines: [] });
        return;
      }
      const { changed, unchanged, failed } = r.data;
      const done = status === "ON_SALE" ? t("putOnSaleDone", { count: changed.length }) : t("takenOffSaleDone", { count: changed.length });
      const lines = [
        ...(unchanged.length ? [status === "ON_SALE" ? t("alreadyOnSale", { count: unchanged.length }) : t("alreadyOffSale", { count: unchanged.length })] : []),
        ...failed.map((f) => `${titleOf(f.itemId)}: ${tr(f.reason)}`),
      ];
      setOutcome({ tone: failed.length ? "warning" : "success", title: failed.length ? `${done} ${t("someFailed", { count: failed.length })}` : done, lines });
      // Keep the ones that failed selected, so the seller can fix them and retry.
      setSelected(new Set(failed.map((f) => f.itemId)));
    });
  }

  return (
    <div className="space-y-3">
      {outcome && (
        <Notice tone={outcome.tone} title={outcome.title}>
          {outcome.lines.length > 0 && (
            <ul className="list-disc space-y-0.5 pl-5">
              {outcome.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      <div className="flex flex-wrap items-center gap-2 rounded-lg bg-white px-3 py-2 ring-1 ring-neutral-200" role="toolbar" aria-label={t("bulkActions")}>
        <span className="mr-2 text-sm text-neutral-600" aria-live="polite">
          {t("selected", { count: chosen.length })}
        </span>
        <Button size="sm" onClick={() => run("ON_SALE")} disabled={!chosen.length || pending}>
          {t("putOnSale")}
        </Button>
        <Button size="sm" variant="secondary" onClick={() => run("OFF_SALE")} disabled={!chosen.length || pending}>
          {t("takeOffSale")}
        </Button>
        {pending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-brand-500 border-t-transparent" />}
      </div>
      <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-neutral-200">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-neutral-200 text-neutral-500">
            <tr>
              <th scope="col" className="w-10 px-4 py-3">
                <input
                  type="checkbox"
                  className="size-4 accent-brand-500"
                  checked={all}
                  ref={(el) => {
                    if (el) el.indeterminate = chosen.length > 0 && !all;
                  }}
                  onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))}
                  aria-label={t("selectAll")}
                />
              </th>
              <th scope="col" className="px-2 py-3 font-medium">
                {t("col.item")}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t("col.price")}
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                {t("col.stock")}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t("col.status")}
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                {t("col.updated")}
              </th>
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">{t("col.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-100">
            {rows.map((r) => {
              const href = `/seller/stores/${storeId}/items/${r.id}`;
              return (
                <tr key={r.id} className={selected.has(r.id) ? "bg-brand-50/50" : "hover:bg-neutral-50"}>
                  <td className="px-4 py-3">
                    <input type="checkbox" className="size-4 accent-brand-500" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={t("select", { title: r.title })} />
                  </td>
                  <td className="px-2 py-3">
                    <div className="flex items-center gap-3">
                      <div className="relative size-12 shrink-0 overflow-hidden rounded-md bg-neutral-100 ring-1 ring-neutral-200">
                        {r.mainImageId ? (
                          <Image src={mediaSrc(r.mainImageId)} alt="" fill sizes="48px" className="object-cover" />
                        ) : (
                          <span className="grid size-full place-items-center text-[10px] text-neutral-400">{t("noImage")}</span>
                        )}
                      </div>
                      <div className="min-w-0">
                        <Link href={href} className="line-clamp-2 font-medium text-neutral-900 hover:text-brand-700 hover:underline">
                          {r.title}
                        </Link>
                        <p className="text-xs text-neutral-500">{t("skuCount", { count: r.skuCount })}</p>
                      </div>
                    </div>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-price tabular-nums">{formatFenRange(r.priceMinFen, r.priceMaxFen)}</td>
                  <td className={`px-4 py-3 text-right tabular-nums ${r.stock === 0 ? "font-medium text-red-600" : ""}`}>
                    {r.stock === 0 ? t("soldOut") : r.stock}
                  </td>
                  <td className="px-4 py-3">
                    <ItemStatusBadge status={r.status} />
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-neutral-500">{format.dateTime(r.updatedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  <td className="px-4 py-3 text-right whitespace-nowrap">
                    <Link href={href} className="font-medium text-brand-700 hover:underline">
                      {t("edit")}
                    </Link>
                    <Link href={`/seller/stores/${storeId}/stock?itemId=${r.id}`} className="ml-3 text-neutral-600 hover:underline">
                      {t("stock")}
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
