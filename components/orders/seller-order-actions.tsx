"use client";
import { useTranslations } from "next-intl";
import { closeOrderAction } from "@/lib/orders/actions/seller-orders";
import { ConfirmAction } from "./confirm-action";

/** Close an unpaid order (asks first). */
export function CloseOrderButton({ storeId, orderId }: { storeId: string; orderId: string }) {
  const t = useTranslations("orders.seller");
  return (
    <ConfirmAction
      trigger="button"
      label={t("close")}
      question={t("closeQuestion")}
      detail={t("closeDetail")}
      confirmLabel={t("closeConfirm")}
      keepLabel={t("keep")}
      pendingLabel={t("closing")}
      tone="danger"
      run={() => closeOrderAction({ storeId, orderId })}
    />
  );
}
