"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { removeFromCartAction, setCartQuantityAction } from "@/lib/orders/actions/cart";
import { specLabel } from "@/components/catalog/spec-label";
import { formatFen } from "@/lib/money";
import { itemPath } from "@/lib/storefront/paths";
import { checkoutPath } from "./cart-link";
import { BottomBar, BottomBarSpacer } from "./mobile";
import { LineImage, OrderTotals } from "./order-lines";

export interface CartLineView {
  skuId: string;
  itemId: string;
  title: string;
  specKey: string;
  imageId: string | null;
  unitPriceFen: number;
  /** The SKU's own price when unitPriceFen is a flash sale's. */
  listPriceFen?: number | null;
  quantity: number;
  stock: number;
  buyLimit: number | null;
  available: boolean;
}

export interface CartData {
  storeId: string;
  lines: CartLineView[];
  itemsFen: number;
  postageFen: number;
  totalFen: number;
  count: number;
}

/** Why a line cannot be bought as it is (null when it can). */
function problemOf(l: CartLineView): "notForSale" | "soldOut" | "onlyLeft" | null {
  if (l.available) return null;
  if (l.stock >= l.quantity) return "notForSale";
  return l.stock > 0 ? "onlyLeft" : "soldOut";
}

function CartLine({ storeId, slug, line }: { storeId: string; slug: string; line: CartLineView }) {
  const t = useTranslations("orders.cart");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const problem = problemOf(line);
  // Stock and the item's buy limit bound the stepper (checkout also counts earlier orders).
  const max = Math.max(1, Math.min(999, line.buyLimit ?? 999, line.stock));
  const errId = `cart-err-${line.skuId}`;

  const run = (call: () => Promise<{ ok: boolean; error?: string }>) =>
    startTransition(async () => {
      setError(null);
      const r = await call();
      if (!r.ok) setError(r.error ?? null);
    });
  const setQty = (quantity: number) => run(() => setCartQuantityAction({ storeId, skuId: line.skuId, quantity }));
  const remove = () => run(() => removeFromCartAction({ storeId, skuId: line.skuId }));
  const stepper = "grid size-10 place-items-center text-lg text-neutral-700 disabled:text-neutral-300";

  return (
    <li className={`flex gap-3 bg-white px-4 py-3 ${pending ? "opacity-60" : ""}`} aria-busy={pending}>
      <div className={problem ? "opacity-50" : ""}>
        <LineImage imageId={line.imageId} size={80} />
      </div>
      <div className="min-w-0 flex-1">
        <Link href={itemPath(slug, line.itemId)} className={`line-clamp-2 text-sm leading-5 ${problem ? "text-neutral-400" : "text-neutral-900"}`}>
          {line.title}
        </Link>
        <p className="mt-0.5 text-xs text-neutral-500">{specLabel(line.specKey) ?? t("defaultSpec")}</p>
        {problem && (
          <p className="mt-1">
            <span className="rounded bg-neutral-200 px-1.5 py-0.5 text-xs font-medium text-neutral-700">{t(`problem.${problem}`, { n: line.stock })}</span>
            <span className="ml-2 text-xs text-neutral-500">{t("excluded")}</span>
          </p>
        )}
        <div className="mt-2 flex items-center justify-between gap-2">
          <span>
            <span className={`text-sm font-semibold tabular-nums ${problem ? "text-neutral-400" : "text-price"}`}>{formatFen(line.unitPriceFen)}</span>
            {line.listPriceFen != null && line.listPriceFen > line.unitPriceFen && (
              <s className="ml-1 text-xs tabular-nums text-neutral-400">{formatFen(line.listPriceFen)}</s>
            )}
          </span>
          {problem === "notForSale" || problem === "soldOut" ? (
            <button type="button" onClick={remove} disabled={pending} className="h-10 rounded-full px-4 text-sm text-neutral-600 ring-1 ring-neutral-300">
              {t("remove")}
            </button>
          ) : (
            <div role="group" aria-label={t("quantityOf", { title: line.title })} className="flex items-center rounded-full ring-1 ring-neutral-200">
              <button
                type="button"
                className={stepper}
                onClick={() => (line.quantity <= 1 ? remove() : setQty(Math.min(line.quantity - 1, max)))}
                disabled={pending}
                aria-label={line.quantity <= 1 ? t("remove") : t("decrease")}
              >
                −
              </button>
              <span className="w-8 text-center text-sm tabular-nums" aria-live="polite" aria-describedby={error ? errId : undefined}>
                {line.quantity}
              </span>
              <button type="button" className={stepper} onClick={() => setQty(line.quantity + 1)} disabled={pending || line.quantity >= max} aria-label={t("increase")}>
                +
              </button>
            </div>
          )}
        </div>
        {!problem && line.buyLimit != null && line.quantity >= line.buyLimit && <p className="mt-1 text-right text-xs text-amber-700">{t("atLimit", { n: line.buyLimit })}</p>}
        {problem === "onlyLeft" && (
          <div className="mt-1 text-right">
            <button type="button" onClick={() => setQty(line.stock)} disabled={pending} className="text-xs font-medium text-brand-700 underline">
              {t("reduceTo", { n: line.stock })}
            </button>
          </div>
        )}
        <div className="mt-1 flex justify-end">
          {problem !== "notForSale" && problem !== "soldOut" && (
            <button type="button" onClick={remove} disabled={pending} className="h-10 px-2 text-xs text-neutral-500 underline-offset-2 hover:underline">
              {t("remove")}
            </button>
          )}
        </div>
        {error && (
          <p id={errId} role="alert" className="mt-1 text-xs text-red-600">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}

/** The buyer's cart of one store: lines with steppers, what can't be bought marked and left out, server-computed totals. */
export function CartView({ slug, cart }: { slug: string; cart: CartData }) {
  const t = useTranslations("orders.cart");
  const buyable = cart.lines.filter((l) => l.available);
  const excluded = cart.lines.length - buyable.length;
  if (cart.lines.length === 0) {
    return (
      <div className="px-6 py-16 text-center">
        <p aria-hidden className="text-4xl">🛒</p>
        <p className="mt-3 font-medium text-neutral-900">{t("empty")}</p>
        <Link href={`/s/${slug}`} className="mt-6 inline-flex h-11 items-center rounded-full px-6 text-sm font-medium text-brand-700 ring-1 ring-brand-500">
          {t("continueShopping")}
        </Link>
      </div>
    );
  }
  return (
    <>
      <ul className="mt-2 divide-y divide-neutral-100">
        {cart.lines.map((l) => (
          <CartLine key={l.skuId} storeId={cart.storeId} slug={slug} line={l} />
        ))}
      </ul>
      <section aria-label={t("summary")} className="mt-2 bg-white px-4 py-3">
        <OrderTotals itemsFen={cart.itemsFen} postageFen={cart.postageFen} totalFen={cart.totalFen} />
        {excluded > 0 && <p className="mt-2 text-xs text-neutral-500">{t("excludedNote", { count: excluded })}</p>}
      </section>
      <BottomBarSpacer />
      <BottomBar>
        <div className="min-w-0 flex-1">
          <p className="text-sm">
            {t("totalLabel")} <span className="text-lg font-semibold tabular-nums text-price">{formatFen(cart.totalFen)}</span>
          </p>
          <p className="text-xs text-neutral-500">{cart.postageFen === 0 ? t("postageIncludedFree") : t("postageIncluded", { fee: formatFen(cart.postageFen) })}</p>
        </div>
        {buyable.length > 0 ? (
          <Link href={checkoutPath(slug, { from: "cart" })} className="grid h-11 min-w-32 place-items-center rounded-full bg-brand-500 px-6 text-base font-medium text-white active:bg-brand-600">
            {t("checkout", { count: buyable.reduce((n, l) => n + l.quantity, 0) })}
          </Link>
        ) : (
          <span aria-disabled className="grid h-11 min-w-32 place-items-center rounded-full bg-neutral-300 px-6 text-base font-medium text-white">
            {t("checkout", { count: 0 })}
          </span>
        )}
      </BottomBar>
    </>
  );
}
