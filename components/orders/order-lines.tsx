import Image from "next/image";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { specLabel } from "@/components/catalog/spec-label";
import { formatFen } from "@/lib/money";
import { mediaSrc } from "@/lib/media/variants";

export interface LineView {
  id: string;
  title: string;
  specKey: string;
  imageId: string | null;
  unitPriceFen: number;
  /** The SKU's own price when this line is at a flash sale's (struck through). */
  listPriceFen?: number | null;
  quantity: number;
}

/** A line's picture (64 px square, space reserved so nothing shifts while it loads). */
export function LineImage({ imageId, size = 64 }: { imageId: string | null; size?: 48 | 64 | 80 }) {
  const box = size === 48 ? "size-12" : size === 80 ? "size-20" : "size-16";
  return (
    <div className={`relative ${box} shrink-0 overflow-hidden rounded-lg bg-neutral-100`}>
      {imageId ? (
        <Image src={mediaSrc(imageId)} alt="" fill sizes={`${size}px`} className="object-cover" />
      ) : (
        <span aria-hidden className="grid size-full place-items-center text-lg text-neutral-300">
          店
        </span>
      )}
    </div>
  );
}

/** Lines as sold: picture, title, spec, unit price × quantity (and optional per-line extras). */
export function OrderLines<L extends LineView>({ lines, hrefFor, extra }: { lines: L[]; hrefFor?: (line: L) => string | null; extra?: (line: L) => ReactNode }) {
  const t = useTranslations("orders");
  return (
    <ul className="divide-y divide-neutral-100">
      {lines.map((l) => {
        const href = hrefFor?.(l) ?? null;
        const title = <span className="line-clamp-2 text-sm leading-5 text-neutral-900">{l.title}</span>;
        return (
          <li key={l.id} className="flex gap-3 py-3">
            <LineImage imageId={l.imageId} />
            <div className="min-w-0 flex-1">
              {href ? (
                <Link href={href} className="hover:underline">
                  {title}
                </Link>
              ) : (
                title
              )}
              <p className="mt-0.5 text-xs text-neutral-500">{specLabel(l.specKey) ?? t("defaultSpec")}</p>
              {extra?.(l)}
            </div>
            <div className="shrink-0 text-right">
              <p className="text-sm tabular-nums text-neutral-900">{formatFen(l.unitPriceFen)}</p>
              {l.listPriceFen != null && l.listPriceFen > l.unitPriceFen && (
                <p className="text-xs tabular-nums text-neutral-400">
                  <span className="sr-only">{t("listPrice")} </span>
                  <s>{formatFen(l.listPriceFen)}</s>
                </p>
              )}
              <p className="text-xs tabular-nums text-neutral-500">{t("times", { n: l.quantity })}</p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Items, postage, refunded, total. */
export function OrderTotals({ itemsFen, postageFen, discountFen = 0, totalFen, refundedFen = 0, totalLabel }: { itemsFen: number; postageFen: number; discountFen?: number; totalFen: number; refundedFen?: number; totalLabel?: string }) {
  const t = useTranslations("orders");
  const row = "flex justify-between py-1 text-sm";
  return (
    <dl className="tabular-nums">
      <div className={row}>
        <dt className="text-neutral-500">{t("itemsTotal")}</dt>
        <dd>{formatFen(itemsFen)}</dd>
      </div>
      <div className={row}>
        <dt className="text-neutral-500">{t("postage")}</dt>
        <dd>{postageFen === 0 ? t("postageFree") : formatFen(postageFen)}</dd>
      </div>
      {discountFen > 0 && (
        <div className={row}>
          <dt className="text-neutral-500">{t("couponDiscount")}</dt>
          <dd className="text-price">−{formatFen(discountFen)}</dd>
        </div>
      )}
      <div className={`${row} font-semibold`}>
        <dt>{totalLabel ?? t("total")}</dt>
        <dd className="text-price">{formatFen(totalFen)}</dd>
      </div>
      {refundedFen > 0 && (
        <div className={row}>
          <dt className="text-neutral-500">{t("refunded")}</dt>
          <dd>{formatFen(refundedFen)}</dd>
        </div>
      )}
    </dl>
  );
}
