import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SellerOrderView } from "@/components/orders/seller-order-view";
import { PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getStoreOrder } from "@/lib/orders/queries";
import { SellerOrderProtection } from "@/components/protection/order-protection";
import { getStoreOrderProtection } from "@/lib/protection/queries";

export default async function SellerOrderPage({ params }: { params: Promise<{ storeId: string; orderId: string }> }) {
  const { storeId, orderId } = await params;
  const base = `/seller/stores/${storeId}/orders`;
  const actor = await pageActor({ roles: ["SELLER"], next: `${base}/${orderId}` });
  const order = await orNotFound(getStoreOrder(actor, storeId, orderId));
  const t = await getTranslations("orders.seller");
  const protection = await getStoreOrderProtection(actor, storeId, orderId);
  return (
    <>
      <Link href={base} className="mb-2 inline-block text-sm text-neutral-600 hover:underline">
        ← {t("backToList")}
      </Link>
      <PageHeader title={t("orderTitle", { orderNo: order.orderNo })} />
      <SellerOrderView
        storeId={storeId}
        order={order}
        serverNow={Date.now()}
        inAfterSale={protection.openCases > 0}
        afterSale={<SellerOrderProtection storeId={storeId} p={protection} />}
      />
    </>
  );
}
