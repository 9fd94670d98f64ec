import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { StoreProfileForm } from "@/components/stores/store-profile-form";
import { Card, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getStoreReturnAddress } from "@/lib/protection/queries";
import { getMyStore } from "@/lib/stores/queries";

export default async function StoreSettings({ params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}/settings` });
  const store = await orNotFound(getMyStore(actor, storeId));
  if (store.status !== "APPROVED" && store.status !== "SUSPENDED") notFound();
  const returnAddress = await getStoreReturnAddress(actor, storeId);
  const t = await getTranslations("onboarding");
  return (
    <div className="max-w-2xl">
      <PageHeader title={t("settingsTitle")} description={t("settingsIntro")} />
      <Card>
        <dl className="mb-6 grid grid-cols-2 gap-3 text-sm">
          <div>
            <dt className="text-neutral-500">{t("slug")}</dt>
            <dd>/s/{store.slug}</dd>
          </div>
          <div>
            <dt className="text-neutral-500">{t("businessName")}</dt>
            <dd>{store.businessName}</dd>
          </div>
          <div>
            <dt className="text-neutral-500">{t("officialAccountId")}</dt>
            <dd>{store.officialAccountId}</dd>
          </div>
          <div>
            <dt className="text-neutral-500">{t("mchId")}</dt>
            <dd>{store.mchId}</dd>
          </div>
        </dl>
        <StoreProfileForm
          storeId={store.id}
          initial={{ name: store.name, logoImageId: store.logoImageId, description: store.description, contactPhone: store.contactPhone, ...returnAddress }}
        />
      </Card>
    </div>
  );
}
