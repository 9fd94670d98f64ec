import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ClosedStore } from "@/components/store/closed-store";
import { ItemGrid } from "@/components/store/item-card";
import { StoreTopBar } from "@/components/store/store-top-bar";
import { LiveCartLink, LiveViewerBell, StorefrontLiveProvider } from "@/components/store/storefront-live";
import { getGroupPage } from "@/lib/storefront/group";
import { itemPath } from "@/lib/storefront/paths";
import { getOpenStore } from "@/lib/storefront/store";
import { storeLocale } from "@/lib/i18n/store-locale";

type Props = { params: Promise<{ locale: string; slug: string; groupId: string }> };

// Rendered on a store's first visit in each locale, then served from the cache until a
// change to what it shows (lib/cache.ts tags; lib/cache-handler.mjs). Who is looking (the
// cart badge, the bell) the page asks for once loaded (GET /api/storefront/viewer).
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await storeLocale(params);
  const { slug, groupId } = await params;
  const store = await getOpenStore(slug);
  if (!store || store.suspended) return {};
  const group = await getGroupPage(store.id, groupId);
  return group ? { title: `${group.name} · ${store.name}` } : {};
}

export default async function StoreGroupPage({ params }: Props) {
  await storeLocale(params);
  const { slug, groupId } = await params;
  const store = await getOpenStore(slug);
  if (!store) notFound();
  if (store.suspended) return <ClosedStore store={store} />;
  const group = await getGroupPage(store.id, groupId);
  if (!group) notFound();
  const t = await getTranslations("store");
  return (
    <StorefrontLiveProvider source={{ storeId: store.id }}>
      <StoreTopBar slug={store.slug} name={store.name} bell={<LiveViewerBell />} end={<LiveCartLink slug={store.slug} />} />
      <main className="px-3 pt-3">
        <h1 className="mb-3 text-lg font-semibold text-neutral-900">{group.name}</h1>
        {group.items.length ? (
          <ItemGrid items={group.items} hrefFor={(id) => itemPath(store.slug, id)} />
        ) : (
          <p className="py-16 text-center text-sm text-neutral-500">{t("groupEmpty")}</p>
        )}
        {group.truncated && <p className="mt-4 text-center text-xs text-neutral-500">{t("groupTruncated")}</p>}
      </main>
    </StorefrontLiveProvider>
  );
}
