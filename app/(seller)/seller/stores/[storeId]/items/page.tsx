import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ItemTable } from "@/components/catalog/item-table";
import { Pagination } from "@/components/catalog/pagination";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { listItems } from "@/lib/catalog/queries";

const filters = z.object({
  status: z.enum(["ON_SALE", "OFF_SALE", "DRAFT"]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

const TABS = [undefined, "ON_SALE", "OFF_SALE", "DRAFT"] as const;

export default async function ItemsPage({ params, searchParams }: { params: Promise<{ storeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { storeId } = await params;
  const base = `/seller/stores/${storeId}/items`;
  const actor = await pageActor({ roles: ["SELLER"], next: base });
  const { status, q, page } = filters.parse(await searchParams);
  const list = await orNotFound(listItems(actor, storeId, { status, q, page, pageSize: 20 }));
  const t = await getTranslations("catalog.list");
  const ts = await getTranslations("catalog.status");

  const href = (p: { status?: string; q?: string; page?: number }) => {
    const sp = new URLSearchParams();
    if (p.status) sp.set("status", p.status);
    if (p.q) sp.set("q", p.q);
    if (p.page && p.page > 1) sp.set("page", String(p.page));
    const s = sp.toString();
    return s ? `${base}?${s}` : base;
  };

  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} actions={<ButtonLink href={`${base}/new`}>{t("newItem")}</ButtonLink>} />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <nav aria-label={t("statusTabs")} className="flex gap-1 rounded-lg bg-neutral-100 p-1 text-sm">
          {TABS.map((tab) => {
            const active = tab === status;
            const count = list.counts[tab ?? "ALL"];
            return (
              <Link
                key={tab ?? "all"}
                href={href({ status: tab, q })}
                aria-current={active ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 ${active ? "bg-white font-medium text-neutral-900 shadow-sm" : "text-neutral-600 hover:text-neutral-900"}`}
              >
                {tab ? ts(tab) : t("all")} <span className="text-neutral-400 tabular-nums">{count}</span>
              </Link>
            );
          })}
        </nav>
        <form role="search" className="flex items-center gap-2" action={base}>
          {status && <input type="hidden" name="status" value={status} />}
          <label htmlFor="item-q" className="sr-only">
            {t("search")}
          </label>
          <input id="item-q" name="q" type="search" defaultValue={q} placeholder={t("searchPlaceholder")} className={`${controlClass} w-64`} />
          <Button type="submit" variant="secondary">
            {t("search")}
          </Button>
        </form>
      </div>
      {list.rows.length === 0 ? (
        <EmptyState title={q || status ? t("noMatches") : t("empty")}>
          {q || status ? (
            <Link href={base} className="text-brand-700 hover:underline">
              {t("clearFilters")}
            </Link>
          ) : (
            t("emptyHint")
          )}
        </EmptyState>
      ) : (
        <>
          <ItemTable storeId={storeId} rows={list.rows} />
          <Pagination page={list.page} pageCount={list.pageCount} total={list.total} hrefFor={(p) => href({ status, q, page: p })} />
        </>
      )}
    </>
  );
}
