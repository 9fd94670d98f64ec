import crypto from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cartPath } from "@/components/orders/cart-link";
import { CheckoutForm } from "@/components/orders/checkout-form";
import { TitleBar } from "@/components/orders/mobile";
import { ClosedStore } from "@/components/store/closed-store";
import { pageActor } from "@/lib/auth/guards";
import { listAddresses } from "@/lib/orders/addresses";
import { getCart } from "@/lib/orders/cart";
import { couponOptions } from "@/lib/promotions/checkout";
import { quoteCheckout } from "@/lib/orders/views";
import { itemPath, storePath } from "@/lib/storefront/paths";
import { getOpenStore } from "@/lib/storefront/store";
import { storeLocale } from "@/lib/i18n/store-locale";

type Props = { params: Promise<{ locale: string; slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await storeLocale(params);
  const t = await getTranslations("orders.checkout");
  return { title: t("title"), robots: { index: false } };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

// /s/[slug]/checkout?from=cart (the cart's buyable lines) or ?sku=…&qty=… (Buy now).
export default async function CheckoutPage({ params, searchParams }: Props) {
  await storeLocale(params);
  const { slug } = await params;
  const sp = await searchParams;
  const store = await getOpenStore(slug);
  if (!store) notFound();
  const fromCart = one(sp.from) === "cart";
  const sku = one(sp.sku).slice(0, 64);
  const qty = Number.parseInt(one(sp.qty) || "1", 10);
  const query = new URLSearchParams(fromCart ? { from: "cart" } : { sku, qty: String(qty) });
  const actor = await pageActor({ roles: ["BUYER"], next: `/s/${store.slug}/checkout?${query}` });
  if (store.suspended) return <ClosedStore store={store} />;
  const t = await getTranslations("orders.checkout");

  let requested: { skuId: string; quantity: number }[] = [];
  if (fromCart) requested = (await getCart(actor, store.id)).lines.filter((l) => l.available).map((l) => ({ skuId: l.skuId, quantity: l.quantity }));
  else if (sku && Number.isInteger(qty)) requested = [{ skuId: sku, quantity: Math.min(Math.max(qty, 1), 999) }];

  // Prices, postage and availability are computed here on the server (checkout computes them again).
  const [quote, addresses] = await Promise.all([quoteCheckout(actor, store.id, requested), listAddresses(actor)]);
  // The buyer's coupons priced against this order, the best chosen by default (checkout prices the chosen one again).
  const buyable = quote.lines.filter((l) => l.available);
  const coupons = await couponOptions(actor.userId, store.id, buyable.map((l) => ({ itemId: l.itemId, lineTotalFen: l.unitPriceFen * l.quantity })), quote.postageFen);
  const back = fromCart ? cartPath(store.slug) : quote.lines[0]?.itemId ? itemPath(store.slug, quote.lines[0].itemId) : storePath(store.slug);

  return (
    <>
      <TitleBar title={t("title")} back={{ href: back, label: t("back") }} />
      <main>
        {quote.lines.length === 0 || quote.lines.every((l) => !l.itemId) ? (
          <div className="px-6 py-16 text-center">
            <p className="font-medium text-neutral-900">{t("nothingToOrder")}</p>
            <Link href={fromCart ? cartPath(store.slug) : storePath(store.slug)} className="mt-6 inline-flex h-11 items-center rounded-full px-6 text-sm font-medium text-brand-700 ring-1 ring-brand-500">
              {fromCart ? t("backToCart") : t("backToStore")}
            </Link>
          </div>
        ) : (
          <CheckoutForm
            storeId={store.id}
            lines={quote.lines}
            itemsFen={quote.itemsFen}
            postageFen={quote.postageFen}
            totalFen={quote.totalFen}
            orderable={quote.orderable}
            fromCart={fromCart}
            addresses={addresses}
            idempotencyKey={crypto.randomUUID()}
            coupons={coupons.options.map((o) => ({ ...o, validUntil: o.validUntil.toISOString() }))}
            bestCouponId={coupons.bestClaimId}
          />
        )}
      </main>
    </>
  );
}
