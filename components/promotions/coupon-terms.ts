// A coupon's terms in words (满100减20, 8.5折，最多减¥20, 立减¥5 …), from the "promotions"
// messages; for server pages (getTranslations) and client components (useTranslations) alike.
import { formatFen } from "@/lib/money";
import type { CouponTerms } from "@/lib/promotions/coupon-math";

// next-intl types its translators by their namespace's keys; these take any of "promotions".
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type T = (key: any, values?: any) => string;

export type CouponTermsView = CouponTerms;

/** 15 (% off) → "8.5" (折). */
const zhe = (percentOff: number) => String((100 - percentOff) / 10);

export function couponHeadline(t: T, c: CouponTermsView): string {
  if (c.kind === "THRESHOLD") return t("terms.THRESHOLD", { amount: formatFen(c.amountOffFen ?? 0), threshold: formatFen(c.thresholdFen) });
  if (c.kind === "AMOUNT") return t("terms.AMOUNT", { amount: formatFen(c.amountOffFen ?? 0) });
  const pct = c.percentOff ?? 0;
  const base = c.capFen != null ? t("terms.PERCENT_CAP", { percent: pct, zhe: zhe(pct), cap: formatFen(c.capFen) }) : t("terms.PERCENT", { percent: pct, zhe: zhe(pct) });
  return c.thresholdFen > 0 ? `${base} · ${t("terms.overThreshold", { threshold: formatFen(c.thresholdFen) })}` : base;
}

/** Where it applies: the whole store or chosen items, and postage. */
export function couponScope(t: T, c: CouponTermsView): string {
  const scope = c.itemIds.length ? t("scope.items") : t("scope.store");
  return c.coversPostage ? `${scope} · ${t("coversPostage")}` : scope;
}
