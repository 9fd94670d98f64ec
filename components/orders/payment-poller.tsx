"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { POLL_ATTEMPTS, POLL_INTERVAL_MS } from "./poll";

/**
 * "Confirming your payment…": looks again every 2 s, up to 30 s. The attempt number lives in
 * the URL (?paid=wait&n=…), so each look is a plain server render of the order and the
 * server asks WeChat Pay only on the first one (?paid=return).
 */
export function PaymentPoller({ orderId, attempt }: { orderId: string; attempt: number }) {
  const t = useTranslations("orders.detail");
  const router = useRouter();
  useEffect(() => {
    if (attempt >= POLL_ATTEMPTS) return;
    const id = setTimeout(() => router.replace(`/orders/${encodeURIComponent(orderId)}?paid=wait&n=${attempt + 1}`, { scroll: false }), POLL_INTERVAL_MS);
    return () => clearTimeout(id);
  }, [attempt, orderId, router]);
  return (
    <p role="status" className="flex items-center gap-2 text-sm">
      <span aria-hidden className="size-4 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent" />
      {t("confirmingPayment")}
    </p>
  );
}
