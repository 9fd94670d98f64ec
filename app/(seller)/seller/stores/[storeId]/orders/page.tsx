import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Pagination } from "@/components/catalog/pagination";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { SellerOrderFilters, SellerOrderTable, SellerStatusTabs, sellerOrdersHref } from "@/components/orders/seller-order-list";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { listStoreOrders } from "@/lib/orders/queries";
import { parseSellerFilters } from "@/lib/orders/views";
import { openCasesForStoreOrders } from "@/lib/protection/queries";

const PAGE_SIZE = 20;

export default async function SellerOrdersPage({ params, searchParams }: { params: Promise<{ storeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { storeId } = await params;
  const base = `/seller/stores/${storeId}/orders`;
  const actor = await pageActor({ roles: ["SELLER"], next: base });
  const filters = parseSellerFilters(await searchParams);
  const { page = 1, ...where } = filters;
  const list = await orNotFound(listStoreOrders(actor, storeId, where, { page, pageSize: PAGE_SIZE }));
  const openCases = await openCasesForStoreOrders(actor, storeId, list.orders.map((o) => o.id));
  const t = await getTranslations("orders.seller");
  const filtered = !!(filters.status || filters.from || filters.to || filters.orderNo || filters.buyer);

  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="mb-4 space-y-4">
        <SellerStatusTabs base={base} filters={filters} counts={list.countsByStatus} />
        <SellerOrderFilters base={base} filters={filters} exportHref={sellerOrdersHref(`${base}/export`, { ...filters, page: undefined })} />
      </div>
      {list.orders.length === 0 ? (
        <EmptyState title={filtered ? t("noMatches") : t("empty")}>
          {filtered ? (
            <Link href={base} className="text-brand-700 hover:underline">
              {t("clearAll")}
            </Link>
          ) : (
            t("emptyHint")
          )}
        </EmptyState>
      ) : (
        <>
          <SellerOrderTable storeId={storeId} orders={list.orders} openCases={openCases} />
          <Pagination page={page} pageCount={Math.max(1, Math.ceil(list.total / PAGE_SIZE))} total={list.total} hrefFor={(p) => sellerOrdersHref(base, { ...filters, page: p })} />
        </>
      )}
    </>
  );
}
