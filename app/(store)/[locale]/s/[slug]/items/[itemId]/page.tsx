import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ItemPurchase } from "@/components/orders/item-purchase";
import { BottomBarSpacer } from "@/components/orders/mobile";
import { CouponStrip } from "@/components/promotions/coupon-strip";
import { SaleBanner } from "@/components/promotions/sale-banner";
import { ClosedStore } from "@/components/store/closed-store";
import { DescriptionBlocks } from "@/components/store/description-blocks";
import { Gallery } from "@/components/store/gallery";
import { Price, WasPrice } from "@/components/store/price";
import { LiveCartLink, LiveViewerBell, StorefrontLiveProvider } from "@/components/store/storefront-live";
import { StoreTopBar } from "@/components/store/store-top-bar";
import { signInUrl } from "@/lib/auth/guards";
import { formatFen } from "@/lib/money";
import { getStorefrontCoupons } from "@/lib/promotions/coupons";
import { getItemPage } from "@/lib/storefront/item";
import { couponsPath, itemPath } from "@/lib/storefront/paths";
import { claimCouponAction } from "../../coupons/actions";
import { getOpenStore } from "@/lib/storefront/store";
import type { ItemPage } from "@/lib/storefront/types";
import { storeLocale } from "@/lib/i18n/store-locale";

type Props = { params: Promise<{ locale: string; slug: string; itemId: string }> };

// Rendered on an item's first visit in each locale, then served from the cache until a change
// to what it shows (lib/cache.ts tags; lib/cache-handler.mjs). What differs per request —
// stock, who is looking, their cart and bell, counting the view — the page asks for once
// loaded (StorefrontLiveProvider → POST /api/items/<id>/visit).
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await storeLocale(params);
  const { slug, itemId } = await params;
  const store = await getOpenStore(slug);
  if (!store || store.suspended) return {};
  const item = await getItemPage(store.id, itemId);
  return item ? { title: `${item.title} · ${store.name}` } : {};
}

function postageText(p: ItemPage["postage"], t: Awaited<ReturnType<typeof getTranslations<"store">>>) {
  if (p.mode === "FREE" || (p.fen === 0 && p.extraFen === 0)) return t("postageFree");
  if (p.mode === "FLAT") return t("postageFlat", { fee: formatFen(p.fen) });
  return t("postagePerItem", { first: formatFen(p.fen), extra: formatFen(p.extraFen) });
}

export default async function StoreItemPage({ params }: Props) {
  await storeLocale(params);
  const { slug, itemId } = await params;
  const store = await getOpenStore(slug);
  if (!store) notFound();
  if (store.suspended) return <ClosedStore store={store} />;
  const [item, allCoupons] = await Promise.all([getItemPage(store.id, itemId), getStorefrontCoupons(store.id)]);
  if (!item) notFound();
  const t = await getTranslations("store");
  const ts = await getTranslations("promotions.sale");
  const coupons = allCoupons.filter((c) => c.itemIds.length === 0 || c.itemIds.includes(item.id));

  return (
    <StorefrontLiveProvider source={{ itemId: item.id }}>
      <StoreTopBar slug={store.slug} name={store.name} bell={<LiveViewerBell />} end={<LiveCartLink slug={store.slug} />} />
      <main>
        <Gallery imageIds={item.gallery} title={item.title} />
        {item.sale && <SaleBanner sale={item.sale} />}
        <section className="space-y-2 bg-white px-4 py-3">
          <div className="flex flex-wrap items-baseline gap-2">
            <Price min={item.priceMinFen} max={item.priceMaxFen} size="lg" />
            {item.originalMinFen != null && <WasPrice min={item.originalMinFen} max={item.originalMaxFen ?? item.originalMinFen} label={t("originalPrice")} />}
          </div>
          <h1 className="text-base leading-6 font-semibold text-neutral-900">{item.title}</h1>
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-neutral-500">
            <div className="flex gap-1">
              <dt>{t("postage")}</dt>
              <dd>{postageText(item.postage, t)}</dd>
            </div>
            {item.buyLimit != null && (
              <div className="flex gap-1">
                <dt>{t("limit")}</dt>
                <dd>{t("buyLimit", { n: item.buyLimit })}</dd>
              </div>
            )}
            {item.sale?.phase === "RUNNING" && item.sale.perBuyerLimit != null && (
              <div className="flex gap-1">
                <dt>{t("limit")}</dt>
                <dd>{ts("perBuyer", { n: item.sale.perBuyerLimit })}</dd>
              </div>
            )}
          </dl>
        </section>
        <div className="mt-2">
          <CouponStrip coupons={coupons} claim={claimCouponAction} signInHref={signInUrl(itemPath(store.slug, item.id))} mineHref={couponsPath(store.slug)} />
        </div>
        <section aria-label={t("chooseOptions")} className="mt-2 bg-white px-4 py-4">
          <ItemPurchase
            slug={store.slug}
            signInHref={signInUrl(itemPath(store.slug, item.id))}
            picker={{ specs: item.specs, skus: item.skus, buyLimit: item.buyLimit, priceMinFen: item.priceMinFen, priceMaxFen: item.priceMaxFen }}
          />
        </section>
        {item.description.length > 0 && (
          <section aria-labelledby="item-details" className="mt-2 bg-white py-4">
            <h2 id="item-details" className="mb-3 px-4 text-sm font-semibold text-neutral-900">
              {t("details")}
            </h2>
            <DescriptionBlocks blocks={item.description} imageSizes={item.imageSizes} />
          </section>
        )}
        <BottomBarSpacer />
      </main>
    </StorefrontLiveProvider>
  );
}
