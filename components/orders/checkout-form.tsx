"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { placeOrderAction } from "@/lib/orders/actions/checkout";
import { couponHeadline } from "@/components/promotions/coupon-terms";
import { TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { firstError } from "@/lib/actions/result";
import { formatFen } from "@/lib/money";
import { AddressFields, formatAddress } from "./address-fields";
import { BottomBar, BottomBarSpacer, Section } from "./mobile";
import { OrderLines, OrderTotals } from "./order-lines";
import { PillSubmit } from "./pill-submit";

export interface SavedAddress {
  id: string;
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault: boolean;
}

export interface CheckoutLine {
  skuId: string;
  title: string;
  specKey: string;
  imageId: string | null;
  unitPriceFen: number;
  listPriceFen?: number | null;
  quantity: number;
  available: boolean;
}

export interface CheckoutProps {
  storeId: string;
  lines: CheckoutLine[];
  itemsFen: number;
  postageFen: number;
  totalFen: number;
  orderable: boolean;
  fromCart: boolean;
  addresses: SavedAddress[];
  /** Made when the page rendered: every submit of this page is one order. */
  idempotencyKey: string;
  /** The buyer's usable coupons of this store, priced against this order by the server. */
  coupons?: CheckoutCouponOption[];
  bestCouponId?: string | null;
}

export interface CheckoutCouponOption {
  claimId: string;
  name: string;
  terms: import("@/components/promotions/coupon-terms").CouponTermsView;
  validUntil: string;
  discountFen: number;
  totalFen: number;
}

/**
 * Checkout: where it goes (a saved address or a new one), the lines and the server's totals,
 * a note, and Place order. Failures (sold out, buy limit, store closed) come back as a message
 * on this page with everything typed kept; success continues to paying.
 */
export function CheckoutForm(p: CheckoutProps) {
  const t = useTranslations("orders.checkout");
  const [state, formAction] = useActionState(placeOrderAction, null);
  const values = state?.values ?? {};
  const initialChoice = values.addressId ?? (p.addresses.find((a) => a.isDefault) ?? p.addresses[0])?.id ?? "new";
  const [choice, setChoice] = useState(initialChoice);
  const tp = useTranslations("promotions.checkout");
  const tc = useTranslations("promotions.coupon");
  const ts = useTranslations("promotions.sale");
  const coupons = p.coupons ?? [];
  // After a refused submit the buyer's own choice stands (even "none"); first time, the best.
  const [couponId, setCouponId] = useState<string>(state && !state.ok ? (values.couponClaimId ?? "") : (p.bestCouponId ?? ""));
  const coupon = coupons.find((c) => c.claimId === couponId && c.discountFen > 0) ?? null;
  const discountFen = coupon?.discountFen ?? 0;
  const totalFen = p.totalFen - discountFen;
  const err = (k: string) => firstError(state, k);
  const formError = state && !state.ok ? (state.fieldErrors?._form?.[0] ?? state.error) : null;
  const unavailable = p.lines.filter((l) => !l.available).length;
  // The price changed since this page was drawn (a flash sale began, ended or ran out): draw it
  // again with the server's prices, so what is shown is what the next submit will cost.
  const router = useRouter();
  const priceChanged = state !== null && !state.ok && state.code === "PRICE_CHANGED";
  useEffect(() => {
    if (priceChanged) router.refresh();
  }, [priceChanged, state, router]);

  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="storeId" value={p.storeId} />
      <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
      {/* What the buyer is shown; the server prices the order itself and refuses it if it differs. */}
      <input type="hidden" name="expectedTotalFen" value={String(totalFen)} />
      {p.fromCart && <input type="hidden" name="fromCart" value="1" />}
      {p.lines.map((l) => (
        <span key={l.skuId} hidden>
          <input type="hidden" name="lineSku[]" value={l.skuId} />
          <input type="hidden" name="lineQty[]" value={String(l.quantity)} />
        </span>
      ))}

      {formError && (
        <div className="px-4 pt-3">
          <Notice tone="error">{formError}</Notice>
        </div>
      )}

      <Section title={t("shipTo")} id="ship-to">
        {p.addresses.length > 0 ? (
          <fieldset aria-describedby={err("addressId") ? "address-error" : undefined}>
            <legend className="sr-only">{t("chooseAddress")}</legend>
            <div className="space-y-2">
              {p.addresses.map((a) => (
                <label key={a.id} className={`flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ${choice === a.id ? "bg-brand-50 ring-brand-500" : "ring-neutral-200"}`}>
                  <input type="radio" name="addressId" value={a.id} checked={choice === a.id} onChange={() => setChoice(a.id)} className="mt-1 size-4 accent-brand-500" />
                  <span className="min-w-0 text-sm">
                    <span className="font-medium text-neutral-900">{a.recipient}</span> <span className="tabular-nums text-neutral-600">{a.phone}</span>
                    {a.isDefault && <span className="ml-2 rounded bg-brand-100 px-1 text-xs text-brand-700">{t("default")}</span>}
                    <span className="mt-0.5 block text-neutral-600">{formatAddress(a)}</span>
                  </span>
                </label>
              ))}
              <label className={`flex min-h-11 cursor-pointer items-center gap-3 rounded-lg p-3 ring-1 ${choice === "new" ? "bg-brand-50 ring-brand-500" : "ring-neutral-200"}`}>
                <input type="radio" name="addressId" value="new" checked={choice === "new"} onChange={() => setChoice("new")} className="size-4 accent-brand-500" />
                <span className="text-sm font-medium">{t("newAddress")}</span>
              </label>
            </div>
          </fieldset>
        ) : (
          <input type="hidden" name="addressId" value="new" />
        )}
        {err("addressId") && (
          <p id="address-error" role="alert" className="mt-2 text-xs text-red-600">
            {err("addressId")}
          </p>
        )}
        {choice === "new" && (
          <div className={p.addresses.length ? "mt-3" : ""}>
            <AddressFields values={values} errors={err} idPrefix="checkout" />
            <label className="mt-3 flex min-h-11 items-center gap-2 text-sm text-neutral-700">
              <input type="checkbox" name="saveAddress" defaultChecked={state ? values.saveAddress === "on" : true} className="size-4 accent-brand-500" />
              {t("saveAddress")}
            </label>
          </div>
        )}
      </Section>

      <Section title={t("items")} id="checkout-items">
        {unavailable > 0 && <Notice tone="warning">{t("unavailable", { count: unavailable })}</Notice>}
        <OrderLines
          lines={p.lines.map((l) => ({ ...l, id: l.skuId }))}
          extra={(l) => (l.available ? null : <p className="mt-1 text-xs font-medium text-red-600">{t("lineUnavailable")}</p>)}
        />
      </Section>

      <Section>
        <TextAreaField id="checkout-note" label={t("note")} name="note" defaultValue={values.note ?? ""} error={err("note")} placeholder={t("notePlaceholder")} maxLength={200} rows={2} className="min-h-16" />
      </Section>

      {coupons.length > 0 && (
        <Section title={tp("coupon")} id="checkout-coupon">
          <input type="hidden" name="couponClaimId" value={coupon?.claimId ?? ""} />
          <fieldset>
            <legend className="sr-only">{tp("coupon")}</legend>
            {coupons.map((c) => (
              <label key={c.claimId} className={`flex min-h-11 items-center gap-3 text-sm ${c.discountFen > 0 ? "text-neutral-800" : "text-neutral-400"}`}>
                <input type="radio" name="couponChoice" value={c.claimId} checked={couponId === c.claimId} disabled={c.discountFen === 0} onChange={() => setCouponId(c.claimId)} className="size-4 accent-brand-500" />
                <span className="min-w-0 flex-1">
                  <span className="block truncate">{couponHeadline(tc, c.terms)}</span>
                  <span className="block truncate text-xs text-neutral-500">
                    {c.name}
                    {c.claimId === p.bestCouponId ? ` · ${tp("best")}` : ""}
                  </span>
                </span>
                <span className="shrink-0 tabular-nums">{c.discountFen > 0 ? tp("off", { amount: formatFen(c.discountFen) }) : tp("unavailable")}</span>
              </label>
            ))}
            <label className="flex min-h-11 items-center gap-3 text-sm text-neutral-800">
              <input type="radio" name="couponChoice" value="" checked={couponId === ""} onChange={() => setCouponId("")} className="size-4 accent-brand-500" />
              {tp("none")}
            </label>
          </fieldset>
          {/* The stated rule for coupons with flash-sale prices (README: Flash sales). */}
          {p.lines.some((l) => l.listPriceFen != null) && <p className="mt-1 text-xs text-neutral-500">{ts("rule")}</p>}
        </Section>
      )}

      <Section title={t("summary")} id="checkout-summary">
        <OrderTotals itemsFen={p.itemsFen} postageFen={p.postageFen} discountFen={discountFen} totalFen={totalFen} totalLabel={t("toPay")} />
      </Section>

      <BottomBarSpacer />
      <BottomBar
        above={
          formError ? (
            <p role="status" className="border-t border-red-200 bg-red-50 px-4 py-2 text-sm text-red-700">
              {formError}
            </p>
          ) : undefined
        }
      >
        <p className="min-w-0 flex-1 text-sm">
          {t("toPay")} <span className="text-lg font-semibold tabular-nums text-price">{formatFen(totalFen)}</span>
        </p>
        {p.orderable ? (
          <PillSubmit pendingLabel={t("placing")}>{t("placeOrder")}</PillSubmit>
        ) : (
          <span aria-disabled className="grid h-11 min-w-32 place-items-center rounded-full bg-neutral-300 px-6 text-base font-medium text-white">
            {t("placeOrder")}
          </span>
        )}
      </BottomBar>
    </form>
  );
}
