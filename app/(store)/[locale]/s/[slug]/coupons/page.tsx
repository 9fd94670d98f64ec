import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { couponHeadline, couponScope } from "@/components/promotions/coupon-terms";
import { StoreTopBar } from "@/components/store/store-top-bar";
import { pageActor } from "@/lib/auth/guards";
import { storeLocale } from "@/lib/i18n/store-locale";
import { listMyCoupons, type MyCouponTab } from "@/lib/promotions/coupons";
import { couponsPath, storePath } from "@/lib/storefront/paths";
import { getOpenStore } from "@/lib/storefront/store";

type Props = { params: Promise<{ locale: string; slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const TABS: MyCouponTab[] = ["usable", "used", "expired"];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await storeLocale(params);
  const t = await getTranslations("promotions");
  return { title: t("mine.title"), robots: { index: false } };
}

// The buyer's coupons of one store: usable, used (or held by an unpaid order), expired or voided.
export default async function MyCouponsPage({ params, searchParams }: Props) {
  await storeLocale(params);
  const { slug } = await params;
  const store = await getOpenStore(slug);
  if (!store) notFound();
  const sp = await searchParams;
  const tab = TABS.find((x) => x === sp.tab) ?? "usable";
  const actor = await pageActor({ roles: ["BUYER"], next: `${couponsPath(store.slug)}${tab === "usable" ? "" : `?tab=${tab}`}` });
  const [all, t, tc, format] = await Promise.all([listMyCoupons(actor, store.id), getTranslations("promotions"), getTranslations("promotions.coupon"), getFormatter()]);
  const shown = all.filter((c) => c.tab === tab);
  const when = (d: Date) => format.dateTime(d, { year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" });

  return (
    <>
      <StoreTopBar slug={store.slug} name={store.name} />
      <main>
        <h1 className="bg-white px-4 pt-3 pb-2 text-lg font-semibold">{t("mine.title")}</h1>
        <nav aria-label={t("mine.title")} className="flex border-b border-neutral-200 bg-white">
          {TABS.map((x) => (
            <Link
              key={x}
              href={x === "usable" ? couponsPath(store.slug) : `${couponsPath(store.slug)}?tab=${x}`}
              aria-current={x === tab ? "page" : undefined}
              className={`flex-1 py-3 text-center text-sm ${x === tab ? "border-b-2 border-brand-500 font-medium text-neutral-900" : "text-neutral-500"}`}
            >
              {t(`mine.tabs.${x}`)} ({all.filter((c) => c.tab === x).length})
            </Link>
          ))}
        </nav>
        {shown.length === 0 ? (
          <p className="px-4 py-16 text-center text-sm text-neutral-500">{t("mine.empty")}</p>
        ) : (
          <ul className="space-y-2 p-3">
            {shown.map((c) => (
              <li key={c.claimId} className={`flex items-center gap-3 rounded-lg border px-3 py-3 ${tab === "usable" ? "border-red-200 bg-red-50" : "border-neutral-200 bg-white text-neutral-500"}`}>
                <div className="min-w-0 flex-1">
                  <p className={`font-semibold ${tab === "usable" ? "text-red-700" : ""}`}>{couponHeadline(tc, c)}</p>
                  <p className="text-xs">{c.name} · {couponScope(tc, c)}</p>
                  <p className="mt-1 text-xs">
                    {c.status === "LOCKED" ? t("mine.inUse") : c.status === "USED" && c.usedAt ? t("mine.usedAt", { at: when(c.usedAt) }) : c.status === "VOID" ? t("mine.void") : tc("validity.window", { from: when(c.validFrom), until: when(c.validUntil) })}
                  </p>
                </div>
                {tab === "usable" && (
                  <Link href={storePath(store.slug)} className="shrink-0 rounded-full bg-red-600 px-3 py-1.5 text-xs font-medium text-white">
                    {t("mine.shop")}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
