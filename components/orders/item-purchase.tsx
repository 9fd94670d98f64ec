"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { addToCartAction } from "@/lib/orders/actions/cart";
import { SkuPicker, type SkuPickerProps, type SkuSelection } from "@/components/store/sku-picker";
import { useStorefrontLive } from "@/components/store/storefront-live";
import { checkoutPath } from "./cart-link";
import { BottomBar } from "./mobile";

const pill = "h-11 flex-1 rounded-full text-base font-medium disabled:opacity-60";

/**
 * The item page's buying controls: the SKU picker, and a sticky bottom bar with "Add to cart"
 * (stays on the page, confirms, and the header's cart count updates) and "Buy now" (straight
 * to checkout with that SKU and quantity). Stock and who is looking come from the page's live
 * part (StorefrontLiveProvider): until it answers the bar's buttons wait, disabled; if it cannot
 * answer they work as for a buyer and the server decides (sign-in, stock). The page ends
 * with a <BottomBarSpacer/>.
 */
export function ItemPurchase({ slug, signInHref, picker }: { slug: string; signInHref: string; picker: Omit<SkuPickerProps, "onConfirm" | "confirmLabel" | "onChange" | "children" | "stock"> }) {
  const t = useTranslations("orders.item");
  const router = useRouter();
  const { live, setCartCount } = useStorefrontLive();
  const stock = live.stock;
  const shopper = live.viewer?.shopper ?? "buyer";
  const waiting = live.status === "loading";
  const [selection, setSelection] = useState<SkuSelection | null>(null);
  const [toast, setToast] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const soldOut = !!stock && picker.skus.every((s) => (stock[s.id] ?? 0) <= 0);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), toast.tone === "ok" ? 2500 : 5000);
    return () => clearTimeout(timer);
  }, [toast]);

  function needChoice() {
    setToast({ tone: "error", text: t("chooseFirst") });
    document.getElementById("buy-options")?.scrollIntoView({ behavior: "smooth", block: "center" });
  }

  function addToCart() {
    if (!selection) return needChoice();
    startTransition(async () => {
      const r = await addToCartAction({ skuId: selection.skuId, quantity: selection.quantity });
      if (r.ok) {
        setCartCount(r.data.count);
        setToast({ tone: "ok", text: t("added", { count: r.data.count }) });
      }
      else if (r.code === "UNAUTHENTICATED") router.push(signInHref);
      else setToast({ tone: "error", text: r.fieldErrors?._form?.[0] ?? r.fieldErrors?.quantity?.[0] ?? r.error });
    });
  }

  function buyNow() {
    if (!selection) return needChoice();
    router.push(checkoutPath(slug, { sku: selection.skuId, qty: selection.quantity }));
  }

  return (
    <>
      <div id="buy-options">
        <SkuPicker {...picker} stock={stock} onChange={setSelection} />
      </div>
      <BottomBar
        above={
          <div aria-live="polite" className="pointer-events-none px-4 pb-2">
            {toast && (
              <p role={toast.tone === "error" ? "alert" : "status"} className={`mx-auto w-fit rounded-full px-4 py-2 text-sm text-white shadow-lg ${toast.tone === "ok" ? "bg-neutral-900/90" : "bg-red-600"}`}>
                {toast.text}
              </p>
            )}
          </div>
        }
      >
        {soldOut ? (
          <span aria-disabled className={`${pill} grid place-items-center bg-neutral-300 text-white`}>
            {t("soldOut")}
          </span>
        ) : shopper === "buyer" ? (
          <>
            <button type="button" onClick={addToCart} disabled={pending || waiting} aria-busy={pending || waiting} className={`${pill} bg-amber-400 text-neutral-900 active:bg-amber-500`}>
              {pending ? t("adding") : t("addToCart")}
            </button>
            <button type="button" onClick={buyNow} disabled={waiting} aria-busy={waiting} className={`${pill} bg-brand-500 text-white active:bg-brand-600`}>
              {t("buyNow")}
            </button>
          </>
        ) : shopper === "guest" ? (
          <>
            <p className="min-w-0 flex-1 text-xs text-neutral-500">{t("signInToBuy")}</p>
            <Link href={signInHref} className={`${pill} grid max-w-48 place-items-center bg-brand-500 text-white active:bg-brand-600`}>
              {t("signIn")}
            </Link>
          </>
        ) : (
          <p className="flex-1 text-center text-sm text-neutral-500">{t("staffCannotBuy")}</p>
        )}
      </BottomBar>
    </>
  );
}
