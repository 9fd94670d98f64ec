import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ClosedStore } from "@/components/store/closed-store";
import { ItemGrid } from "@/components/store/item-card";
import { SearchForm } from "@/components/store/search-form";
import { StoreTopBar } from "@/components/store/store-top-bar";
import { itemPath, searchPath } from "@/lib/storefront/paths";
import { searchStoreItems } from "@/lib/storefront/search";
import { getOpenStore } from "@/lib/storefront/store";
import { StoreCartLink } from "@/components/orders/store-cart-link";
import { storeLocale } from "@/lib/i18n/store-locale";

type Props = { params: Promise<{ locale: string; slug: string }>; searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await storeLocale(params);
  const store = await getOpenStore((await params).slug);
  const t = await getTranslations("store");
  return store ? { title: `${t("search")} · ${store.name}`, robots: { index: false } } : {};
}

export default async function StoreSearchPage({ params, searchParams }: Props) {
  await storeLocale(params);
  const { slug } = await params;
  const sp = await searchParams;
  const store = await getOpenStore(slug);
  if (!store) notFound();
  if (store.suspended) return <ClosedStore store={store} />;
  const t = await getTranslations("store");
  const result = await searchStoreItems(store.id, first(sp.q), Number(first(sp.page)) || 1);

  return (
    <>
      <StoreTopBar slug={store.slug} name={store.name} showSearch={false} end={<StoreCartLink slug={store.slug} storeId={store.id} />} />
      <main className="px-3 pt-3">
        <h1 className="sr-only">{t("searchThisStore")}</h1>
        <SearchForm slug={store.slug} q={result.q} autoFocus={!result.q} />
        {result.q && (
          <div className="mt-4">
            <p className="mb-2 text-sm text-neutral-500" role="status">
              {result.items.length ? t("resultsFor", { q: result.q }) : t("noResults", { q: result.q })}
            </p>
            <ItemGrid items={result.items} hrefFor={(id) => itemPath(store.slug, id)} />
            {(result.page > 1 || result.hasMore) && (
              <nav aria-label={t("pages")} className="mt-4 flex justify-between text-sm">
                {result.page > 1 ? <Link href={searchPath(store.slug, result.q, result.page - 1)} className="text-brand-700">‹ {t("previous")}</Link> : <span />}
                {result.hasMore ? <Link href={searchPath(store.slug, result.q, result.page + 1)} className="text-brand-700">{t("next")} ›</Link> : <span />}
              </nav>
            )}
          </div>
        )}
      </main>
    </>
  );
}
