"use client";
// A coupon's actions in the seller's list: stop (optionally voiding unused copies) and, for a
// coupon for chosen buyers, issue it to those who paid before. Each asks first.
import { useTranslations } from "next-intl";
import { ConfirmAction } from "@/components/orders/confirm-action";
import type { ActionResult } from "@/lib/actions/result";

type Stop = (input: { storeId: string; couponId: string; voidClaimed: boolean }) => Promise<ActionResult<{ voided: number }>>;
type Issue = (input: { storeId: string; couponId: string }) => Promise<ActionResult<{ issued: number }>>;

export function CouponRowActions({ storeId, couponId, canStop, issueTo, stop, issue }: { storeId: string; couponId: string; canStop: boolean; issueTo: number | null; stop: Stop; issue: Issue }) {
  const t = useTranslations("promotions.seller");
  const tc = useTranslations("common");
  const common = { keepLabel: tc("cancel"), pendingLabel: "…", trigger: "button" as const };
  return (
    <div className="flex flex-wrap gap-2">
      {issueTo != null && issueTo > 0 && <ConfirmAction {...common} label={t("issue", { count: issueTo })} question={t("issue", { count: issueTo })} confirmLabel={t("issue", { count: issueTo })} run={() => issue({ storeId, couponId })} />}
      {canStop && (
        <>
          <ConfirmAction {...common} tone="danger" label={t("stop")} question={t("stopConfirm")} confirmLabel={t("stop")} run={() => stop({ storeId, couponId, voidClaimed: false })} />
          <ConfirmAction {...common} tone="danger" label={t("stopAndVoid")} question={t("stopVoidConfirm")} confirmLabel={t("stopAndVoid")} run={() => stop({ storeId, couponId, voidClaimed: true })} />
        </>
      )}
    </div>
  );
}
