import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ItemStatusBadge } from "@/components/catalog/item-status-badge";
import { LedgerTable } from "@/components/catalog/ledger-table";
import { Pagination } from "@/components/catalog/pagination";
import { specLabel } from "@/components/catalog/spec-label";
import { StockAdjustForm } from "@/components/catalog/stock-adjust-form";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getStockLevels, listItemOptions, listStockLedger } from "@/lib/catalog/queries";
import { formatFen } from "@/lib/money";

const REASONS = ["INITIAL", "MANUAL_ADJUSTMENT", "API_ADJUSTMENT", "ORDER_RESERVED", "ORDER_RELEASED"] as const;

const filters = z.object({
  itemId: z.string().trim().min(1).max(64).optional().catch(undefined),
  skuId: z.string().trim().min(1).max(64).optional().catch(undefined),
  reason: z.enum(REASONS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export default async function StockPage({ params, searchParams }: { params: Promise<{ storeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { storeId } = await params;
  const base = `/seller/stores/${storeId}/stock`;
  const actor = await pageActor({ roles: ["SELLER"], next: base });
  const f = filters.parse(await searchParams);
  const [items, levels] = await orNotFound(Promise.all([listItemOptions(actor, storeId), getStockLevels(actor, storeId, { itemId: f.itemId, skuId: f.skuId })]));
  if ((f.itemId || f.skuId) && !levels) notFound();
  const itemId = levels?.id;
  const ledger = await listStockLedger(actor, storeId, { itemId, skuId: f.skuId, reason: f.reason, page: f.page, pageSize: 30 });
  const t = await getTranslations("catalog.stock");

  const href = (p: { itemId?: string; skuId?: string; reason?: string; page?: number }) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(p)) if (v && !(k === "page" && v === 1)) sp.set(k, String(v));
    const s = sp.toString();
    return s ? `${base}?${s}` : base;
  };
  const focused = f.skuId ? levels?.skus.find((s) => s.id === f.skuId) : undefined;

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />

      <form className="flex flex-wrap items-end gap-3" action={base}>
        <div>
          <label htmlFor="stock-item" className="block text-sm text-neutral-600">
            {t("item")}
          </label>
          <select id="stock-item" name="itemId" defaultValue={itemId ?? ""} className={`${controlClass} w-72`}>
            <option value="">{t("allItems")}</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="stock-reason" className="block text-sm text-neutral-600">
            {t("reasonFilter")}
          </label>
          <select id="stock-reason" name="reason" defaultValue={f.reason ?? ""} className={controlClass}>
            <option value="">{t("allReasons")}</option>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reason.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("filter")}
        </Button>
        {(itemId || f.reason) && (
          <Link href={base} className="pb-2 text-sm text-neutral-600 hover:underline">
            {t("clear")}
          </Link>
        )}
      </form>

      {levels ? (
        <Card
          title={
            <span className="flex items-center gap-2">
              {levels.title} <ItemStatusBadge status={levels.status} />
            </span>
          }
          actions={
            <Link href={`/seller/stores/${storeId}/items/${levels.id}`} className="text-sm font-medium text-brand-700 hover:underline">
              {t("editItem")}
            </Link>
          }
        >
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-neutral-500">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("col.sku")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("col.price")}</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">{t("col.current")}</th>
                  <th scope="col" className="py-2 pl-4 font-medium">{t("col.adjust")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {levels.skus.map((s) => {
                  const label = specLabel(s.specKey) ?? t("defaultSku");
                  return (
                    <tr key={s.id} className={`align-top ${s.id === f.skuId ? "bg-brand-50/60" : ""} ${s.active ? "" : "text-neutral-400"}`}>
                      <td className="py-3 pr-4">
                        <Link href={href({ skuId: s.id })} className="font-medium hover:underline">
                          {label}
                        </Link>
                        {s.code && <div className="font-mono text-xs text-neutral-500">{s.code}</div>}
                        {!s.active && <div className="text-xs">{t("retired")}</div>}
                      </td>
                      <td className="py-3 pr-4 whitespace-nowrap tabular-nums">{formatFen(s.priceFen)}</td>
                      <td className={`py-3 pr-4 text-right text-base font-semibold tabular-nums ${s.stock === 0 ? "text-red-600" : ""}`}>{s.stock}</td>
                      <td className="py-2 pl-4">
                        <StockAdjustForm storeId={storeId} skuId={s.id} current={s.stock} label={label} autoFocus={s.id === f.skuId} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
      ) : (
        <EmptyState title={t("chooseItem")}>{t("chooseItemHint")}</EmptyState>
      )}

      <section aria-labelledby="ledger-title" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="ledger-title" className="text-base font-semibold">
            {t("history")}
            {focused && <span className="ml-2 text-sm font-normal text-neutral-500">· {specLabel(focused.specKey) ?? t("defaultSku")}</span>}
          </h2>
          {f.skuId && levels && (
            <Link href={href({ itemId: levels.id, reason: f.reason })} className="text-sm text-brand-700 hover:underline">
              {t("allSkusOfItem")}
            </Link>
          )}
        </div>
        {ledger.rows.length === 0 ? (
          <EmptyState title={t("noHistory")} />
        ) : (
          <>
            <LedgerTable storeId={storeId} rows={ledger.rows} />
            <Pagination page={ledger.page} pageCount={ledger.pageCount} total={ledger.total} hrefFor={(p) => href({ itemId: f.skuId ? undefined : itemId, skuId: f.skuId, reason: f.reason, page: p })} />
          </>
        )}
      </section>
    </div>
  );
}
