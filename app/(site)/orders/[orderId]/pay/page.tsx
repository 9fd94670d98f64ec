import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { BuyerPage } from "@/components/orders/mobile";
import { WeixinPay } from "@/components/orders/weixin-pay";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { toFailure } from "@/lib/actions/define";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { currentLocale } from "@/lib/i18n/server";
import { formatFen } from "@/lib/money";
import { getBuyerOrder } from "@/lib/orders/queries";
import { startPayment } from "@/lib/orders/pay";
import { h5WithRedirect, payMethodFor, payReturnUrl } from "@/lib/orders/views";
import { sandboxCashierUrl } from "@/lib/sandbox/wechatpay/cashier";

type Props = { params: Promise<{ orderId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders.pay");
  return { title: t("title"), robots: { index: false } };
}

/**
 * The pay step: starts (or resumes) the WeChat Pay payment and hands the browser to it —
 * the sandbox cashier (standing in for WeChat's sheet), WeixinJSBridge inside WeChat, or
 * WeChat Pay's H5 page in other mobile browsers. Every way comes back to the order.
 */
export default async function PayPage({ params }: Props) {
  const { orderId } = await params;
  const orderPath = `/orders/${encodeURIComponent(orderId)}`;
  const actor = await pageActor({ roles: ["BUYER"], next: `${orderPath}/pay` });
  const order = await orNotFound(getBuyerOrder(actor, orderId));
  if (order.status !== "PENDING_PAYMENT") redirect(orderPath);

  const h = await headers();
  const method = payMethodFor(h.get("user-agent"));
  // WeChat Pay compares H5's payer_client_ip with the address that opens the cashier.
  const clientIp = clientIpFrom(h) ?? "127.0.0.1";
  const returnUrl = payReturnUrl(order.id);
  const t = await getTranslations("orders.pay");

  let target: string | null = null;
  let jsapi: Extract<Awaited<ReturnType<typeof startPayment>>, { tradeType: "JSAPI" }> | null = null;
  let problem: string | null = null;
  try {
    const started = await startPayment(actor, order.id, { tradeType: method === "H5" ? "H5" : "JSAPI", clientIp });
    if (started.tradeType === "H5") target = h5WithRedirect(started.h5Url, returnUrl);
    else if (method === "SANDBOX_CASHIER") target = sandboxCashierUrl(started.payParams, returnUrl);
    else jsapi = started;
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    // Paid meanwhile (another tab, a late notification): the order page says so.
    if (e instanceof AppError && e.details?.messageKey === "orderJustPaid") redirect(orderPath);
    problem = toFailure(e, await currentLocale()).error;
  }
  if (target) redirect(target);

  return (
    <BuyerPage title={t("title")} back={{ href: orderPath, label: t("backToOrder") }}>
      <main className="space-y-4 px-4 py-6">
        <p className="text-center">
          <span className="block text-sm text-neutral-500">{t("amount")}</span>
          <span className="text-3xl font-semibold tabular-nums">{formatFen(order.totalFen)}</span>
        </p>
        {jsapi && <WeixinPay params={jsapi.payParams} returnUrl={returnUrl} />}
        {problem && (
          <>
            <Notice tone="error">{problem}</Notice>
            <div className="grid gap-3">
              <ButtonLink href={`${orderPath}/pay`} prefetch={false} size="lg" block className="rounded-full">
                {t("tryAgain")}
              </ButtonLink>
              <ButtonLink href={orderPath} variant="secondary" size="lg" block className="rounded-full">
                {t("backToOrder")}
              </ButtonLink>
            </div>
          </>
        )}
      </main>
    </BuyerPage>
  );
}
