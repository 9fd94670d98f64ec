import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BuyerOrderView, type PaymentReturn } from "@/components/orders/buyer-order-view";
import { BuyerPage } from "@/components/orders/mobile";
import { POLL_ATTEMPTS } from "@/components/orders/poll";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getBuyerOrder } from "@/lib/orders/queries";
import { checkPaymentOnReturn } from "@/lib/orders/views";
import { BuyerOrderProtection } from "@/components/protection/order-protection";
import { getOrderProtection } from "@/lib/protection/queries";

type Props = { params: Promise<{ orderId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders.detail");
  return { title: t("title"), robots: { index: false } };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

// ?paid=return: back from the cashier (JSAPI adds err_msg=get_brand_wcpay_request:ok|cancel|fail).
// ?paid=wait&n=…: the payment poller's looks.
export default async function BuyerOrderPage({ params, searchParams }: Props) {
  const { orderId } = await params;
  const sp = await searchParams;
  const actor = await pageActor({ roles: ["BUYER"], next: `/orders/${encodeURIComponent(orderId)}` });
  const paid = one(sp.paid);
  const errMsg = one(sp.err_msg);
  const gaveUp = /:(cancel|fail)$/.test(errMsg);
  // Once per return from the cashier: ask WeChat Pay, in case its notification is late.
  if (paid === "return" && !gaveUp) await orNotFound(checkPaymentOnReturn(actor, orderId));
  const order = await orNotFound(getBuyerOrder(actor, orderId));
  const protection = await getOrderProtection(actor, orderId);
  const t = await getTranslations("orders.detail");

  const attempt = Math.min(Math.max(Number.parseInt(one(sp.n), 10) || 0, 0), POLL_ATTEMPTS);
  let payment: PaymentReturn = null;
  if (paid === "return" || paid === "wait") {
    if (order.status === "PENDING_PAYMENT") payment = gaveUp ? "notCompleted" : attempt >= POLL_ATTEMPTS ? "slow" : "checking";
    else if (order.status === "PAID") payment = "received";
  }

  return (
    <BuyerPage title={t("title")} back={{ href: "/orders", label: t("backToOrders") }}>
      <main>
        <BuyerOrderView
          order={order}
          payment={payment}
          attempt={attempt}
          serverNow={Date.now()}
          inAfterSale={protection.openCases > 0}
          afterSale={<BuyerOrderProtection orderId={order.id} p={protection} />}
        />
      </main>
    </BuyerPage>
  );
}
