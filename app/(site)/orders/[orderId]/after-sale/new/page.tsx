import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BuyerPage } from "@/components/orders/mobile";
import { ApplyForm } from "@/components/protection/apply-form";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getApplyForm } from "@/lib/protection/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("protection.apply");
  return { title: t("title"), robots: { index: false } };
}

export default async function NewAfterSalePage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  const actor = await pageActor({ roles: ["BUYER"], next: `/orders/${encodeURIComponent(orderId)}/after-sale/new` });
  const form = await orNotFound(getApplyForm(actor, orderId));
  const t = await getTranslations("protection.apply");
  return (
    <BuyerPage title={t("title")} back={{ href: `/orders/${encodeURIComponent(orderId)}`, label: t("backToOrder") }}>
      <main>
        <p className="px-4 pt-3 text-xs text-neutral-500">{t("orderLine", { orderNo: form.orderNo, store: form.storeName })}</p>
        <ApplyForm form={form} />
      </main>
    </BuyerPage>
  );
}
