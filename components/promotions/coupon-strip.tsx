"use client";
// The store's public coupons on its (cached) home and item pages: the same for every viewer,
// so whether this buyer can still claim one is learnt by trying (the server decides).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { StorefrontCoupon } from "@/lib/promotions/coupons";
import { couponHeadline, couponScope } from "./coupon-terms";

type Claim = (input: { couponId: string }) => Promise<ActionResult<{ claimId: string; validUntil: string }>>;
type Outcome = "claimed" | "claimedOut" | "limit" | "failed";

const outcomeOf = (code: string): Outcome => (code === "SOLD_OUT" ? "claimedOut" : code === "CONFLICT" ? "limit" : "failed");

export function CouponStrip({ coupons, claim, signInHref, mineHref }: { coupons: StorefrontCoupon[]; claim: Claim; signInHref: string; mineHref: string }) {
  const t = useTranslations("promotions.claim");
  const tc = useTranslations("promotions.coupon");
  const format = useFormatter();
  const router = useRouter();
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const now = Date.now();
  const shown = coupons.filter((c) => Date.parse(c.endsAt) > now);
  if (!shown.length) return null;

  const onClaim = (couponId: string) => {
    setBusy(couponId);
    startTransition(async () => {
      const r = await claim({ couponId });
      setBusy(null);
      if (!r.ok && r.code === "UNAUTHENTICATED") return router.push(signInHref);
      setOutcomes((o) => ({ ...o, [couponId]: r.ok ? "claimed" : outcomeOf(r.code) }));
    });
  };

  return (
    <section aria-labelledby="store-coupons" className="bg-white px-4 py-3">
      <div className="mb-2 flex items-center justify-between">
        <h2 id="store-coupons" className="text-sm font-semibold text-neutral-900">
          {t("title")}
        </h2>
        <Link href={mineHref} className="text-xs text-brand-700">
          {t("mine")}
        </Link>
      </div>
      <ul className="flex gap-2 overflow-x-auto pb-1">
        {shown.map((c) => {
          const outcome = outcomes[c.id];
          const opensAt = Date.parse(c.startsAt) > now ? new Date(c.startsAt) : null;
          const headline = couponHeadline(tc, c);
          return (
            <li key={c.id} className="flex w-56 shrink-0 items-center justify-between gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2">
              <div className="min-w-0">
                <p className="truncate text-sm font-semibold text-red-700">{headline}</p>
                <p className="truncate text-xs text-red-600/80">{c.name} · {couponScope(tc, c)}</p>
              </div>
              {opensAt ? (
                <span className="shrink-0 text-xs text-neutral-500">{t("startsAt", { time: format.dateTime(opensAt, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" }) })}</span>
              ) : outcome && outcome !== "failed" ? (
                <span role="status" className="shrink-0 text-xs text-neutral-600">{t(outcome)}</span>
              ) : (
                <button
                  type="button"
                  onClick={() => onClaim(c.id)}
                  disabled={busy === c.id}
                  aria-label={`${t("claim")} ${headline}`}
                  className="h-8 shrink-0 rounded-full bg-red-600 px-3 text-xs font-medium text-white active:bg-red-700 disabled:opacity-60"
                >
                  {busy === c.id ? t("claiming") : t("claim")}
                </button>
              )}
              {outcome === "failed" && <span role="alert" className="sr-only">{t("failed")}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
