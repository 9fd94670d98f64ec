import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { CouponStrip } from "@/components/promotions/coupon-strip";
import { ClosedStore } from "@/components/store/closed-store";
import { ItemGrid } from "@/components/store/item-card";
import { SearchForm } from "@/components/store/search-form";
import { ShelfView } from "@/components/store/shelf-view";
import { StoreHeader } from "@/components/store/store-header";
import { LiveCartLink, LiveViewerBell, StorefrontLiveProvider } from "@/components/store/storefront-live";
import { signInUrl } from "@/lib/auth/guards";
import { getStorefrontCoupons } from "@/lib/promotions/coupons";
import { getStoreHome } from "@/lib/storefront/home";
import { couponsPath, itemPath, storePath } from "@/lib/storefront/paths";
import { claimCouponAction } from "./coupons/actions";
import { getOpenStore } from "@/lib/storefront/store";
import { storeLocale } from "@/lib/i18n/store-locale";

type Props = { params: Promise<{ locale: string; slug: string }> };

// Rendered on a store's first visit in each locale, then served from the cache until a
// change to what it shows (lib/cache.ts tags; lib/cache-handler.mjs). Who is looking (the
// cart badge, the bell) the page asks for once loaded (GET /api/storefront/viewer).
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await storeLocale(params);
  const store = await getOpenStore((await params).slug);
  if (!store) return {};
  return { title: store.name, description: store.description || undefined };
}

export default async function StoreHomePage({ params }: Props) {
  await storeLocale(params);
  const { slug } = await params;
  const store = await getOpenStore(slug);
  if (!store) notFound();
  if (store.suspended) return <ClosedStore store={store} />;
  const [home, coupons] = await Promise.all([getStoreHome(store.id), getStorefrontCoupons(store.id)]);
  if (!home) notFound();
  const t = await getTranslations("store");
  const hasShelf = !!home.shelf?.sections.length;

  return (
    <StorefrontLiveProvider source={{ storeId: store.id }}>
      <StoreHeader
        store={store}
        end={
          <div className="flex shrink-0 items-center">
            <LiveViewerBell />
            <LiveCartLink slug={store.slug} />
          </div>
        }
      />
      <div className="bg-white px-4 pb-3">
        <SearchForm slug={store.slug} />
      </div>
      <CouponStrip coupons={coupons} claim={claimCouponAction} signInHref={signInUrl(storePath(store.slug))} mineHref={couponsPath(store.slug)} />
      <main className="px-3 pt-3">
        {hasShelf ? (
          <ShelfView sections={home.shelf!.sections} slug={store.slug} />
        ) : home.items.length ? (
          <section aria-labelledby="all-items">
            <h2 id="all-items" className="mb-2 text-base font-semibold">
              {t("allItems")}
            </h2>
            <ItemGrid items={home.items} hrefFor={(id) => itemPath(store.slug, id)} />
          </section>
        ) : (
          <p className="px-4 py-16 text-center text-sm text-neutral-500">{t("comingSoon")}</p>
        )}
      </main>
    </StorefrontLiveProvider>
  );
}
