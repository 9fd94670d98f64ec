import Link from "next/link";
import { useTranslations } from "next-intl";

export const cartPath = (slug: string) => `/s/${slug}/cart`;
export const checkoutPath = (slug: string, q: { from: "cart" } | { sku: string; qty: number }) =>
  `/s/${slug}/checkout?${new URLSearchParams("from" in q ? { from: q.from } : { sku: q.sku, qty: String(q.qty) })}`;

/** The cart icon of a store's header with its unit count (a fixed-size box: no layout shift while it loads). */
export function CartLink({ slug, count }: { slug: string; count: number | null }) {
  const t = useTranslations("orders.cart");
  const label = count ? t("linkWithCount", { count }) : t("link");
  return (
    <Link href={cartPath(slug)} aria-label={label} className="relative grid size-11 shrink-0 place-items-center text-neutral-700">
      <svg aria-hidden viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round">
        <path d="M3 4h2l2.4 11.2a1.5 1.5 0 0 0 1.5 1.2h8.7a1.5 1.5 0 0 0 1.5-1.1L21 8H6.2" />
        <circle cx="9.5" cy="20" r="1.2" />
        <circle cx="17" cy="20" r="1.2" />
      </svg>
      {!!count && (
        <span aria-hidden className="absolute top-1 right-0.5 min-w-4.5 rounded-full bg-price px-1 text-center text-[11px] leading-4.5 font-semibold text-white tabular-nums">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
