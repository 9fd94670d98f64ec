"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { cancelOrderAction, confirmReceiptAction } from "@/lib/orders/actions/buyer-orders";
import type { OrderStatus } from "@/lib/db/generated/enums";
import { ConfirmAction } from "./confirm-action";

/** What the buyer can do with the order now: pay (again) or cancel while unpaid, confirm receipt once shipped. */
export function BuyerOrderActions({ orderId, status, payLabel }: { orderId: string; status: OrderStatus; payLabel: string }) {
  const t = useTranslations("orders.actions");
  if (status === "PENDING_PAYMENT") {
    return (
      <div className="flex flex-1 items-center justify-end gap-3">
        <ConfirmAction
          label={t("cancel")}
          question={t("cancelQuestion")}
          detail={t("cancelDetail")}
          confirmLabel={t("cancelConfirm")}
          keepLabel={t("keep")}
          pendingLabel={t("working")}
          tone="danger"
          run={() => cancelOrderAction({ orderId })}
        />
        <Link href={`/orders/${encodeURIComponent(orderId)}/pay`} prefetch={false} className="grid h-11 min-w-32 place-items-center rounded-full bg-brand-500 px-6 text-base font-medium text-white active:bg-brand-600">
          {payLabel}
        </Link>
      </div>
    );
  }
  if (status === "SHIPPED") {
    return (
      <div className="flex flex-1 justify-end">
        <ConfirmAction
          label={t("confirmReceipt")}
          question={t("confirmQuestion")}
          detail={t("confirmDetail")}
          confirmLabel={t("confirmConfirm")}
          keepLabel={t("notYet")}
          pendingLabel={t("working")}
          trigger="pillPrimary"
          run={() => confirmReceiptAction({ orderId })}
        />
      </div>
    );
  }
  return null;
}
