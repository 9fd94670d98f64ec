import Image from "next/image";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { mediaSrc } from "@/lib/media/variants";
import type { ItemCard } from "@/lib/storefront/types";
import { Price, WasPrice } from "./price";

/** One item in a list: image, title, price, sold-out badge. `href` null renders it inert (seller's preview). */
export function ItemCardView({ item, href }: { item: ItemCard; href: string | null }) {
  const t = useTranslations("store");
  const body = (
    <>
      <div className="relative aspect-square bg-neutral-100">
        {item.mainImageId ? (
          <Image src={mediaSrc(item.mainImageId)} alt="" fill sizes="(max-width: 448px) 50vw, 224px" className={`object-cover ${item.soldOut ? "opacity-60" : ""}`} />
        ) : (
          <span aria-hidden className="absolute inset-0 grid place-items-center text-3xl text-neutral-300">
            店
          </span>
        )}
        {item.soldOut && (
          <span className="absolute inset-0 m-auto grid size-16 place-items-center rounded-full bg-black/55 text-xs font-medium text-white">{t("soldOut")}</span>
        )}
      </div>
      <div className="p-2">
        <p className="line-clamp-2 min-h-10 text-sm leading-5 text-neutral-900">{item.title}</p>
        {item.sale ? (
          <p className="mt-1 flex flex-wrap items-baseline gap-x-1">
            <span className="rounded-sm bg-red-600 px-1 text-[10px] leading-4 font-medium text-white">{t("flashSale")}</span>
            <Price min={item.sale.priceMinFen} max={item.sale.priceMaxFen} size="sm" />
            <WasPrice min={item.priceMinFen} max={item.priceMaxFen} label={t("originalPrice")} />
          </p>
        ) : (
          <p className="mt-1">
            <Price min={item.priceMinFen} max={item.priceMaxFen} size="sm" />
          </p>
        )}
      </div>
    </>
  );
  const cls = "block overflow-hidden rounded-lg bg-white";
  return href ? (
    <Link href={href} className={`${cls} active:opacity-80`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

/** Items as a two-column grid. */
export function ItemGrid({ items, hrefFor }: { items: ItemCard[]; hrefFor: ((itemId: string) => string) | null }) {
  return (
    <ul className="grid grid-cols-2 gap-2">
      {items.map((item) => (
        <li key={item.id}>
          <ItemCardView item={item} href={hrefFor ? hrefFor(item.id) : null} />
        </li>
      ))}
    </ul>
  );
}
