"use client";
// Stopping a flash sale from the seller's list: asks first.
import { useTranslations } from "next-intl";
import { ConfirmAction } from "@/components/orders/confirm-action";
import type { ActionResult } from "@/lib/actions/result";

type Stop = (input: { storeId: string; saleId: string }) => Promise<ActionResult<null>>;

export function FlashSaleStop({ storeId, saleId, stop }: { storeId: string; saleId: string; stop: Stop }) {
  const t = useTranslations("promotions.seller.sale");
  const tc = useTranslations("common");
  return <ConfirmAction trigger="button" tone="danger" label={t("stop")} question={t("stopConfirm")} confirmLabel={t("stop")} keepLabel={tc("cancel")} pendingLabel="…" run={() => stop({ storeId, saleId })} />;
}
