import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { CartView } from "@/components/orders/cart-view";
import { ClosedStore } from "@/components/store/closed-store";
import { StoreTopBar } from "@/components/store/store-top-bar";
import { pageActor } from "@/lib/auth/guards";
import { getCart } from "@/lib/orders/cart";
import { getOpenStore } from "@/lib/storefront/store";
import { storeLocale } from "@/lib/i18n/store-locale";

type Props = { params: Promise<{ locale: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await storeLocale(params);
  const t = await getTranslations("orders.cart");
  return { title: t("title"), robots: { index: false } };
}

export default async function CartPage({ params }: Props) {
  await storeLocale(params);
  const { slug } = await params;
  const store = await getOpenStore(slug);
  if (!store) notFound();
  const actor = await pageActor({ roles: ["BUYER"], next: `/s/${store.slug}/cart` });
  if (store.suspended) return <ClosedStore store={store} />;
  const [cart, t] = await Promise.all([getCart(actor, store.id), getTranslations("orders.cart")]);
  return (
    <>
      <StoreTopBar slug={store.slug} name={store.name} />
      <main>
        <h1 className="bg-white px-4 pt-3 pb-2 text-lg font-semibold">{t("heading", { count: cart.count })}</h1>
        <CartView slug={store.slug} cart={cart} />
      </main>
    </>
  );
}
