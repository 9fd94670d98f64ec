import { getFormatter, getTranslations } from "next-intl/server";
import { StoreApplicationForm } from "@/components/stores/store-application-form";
import { StoreEventList } from "@/components/stores/store-event-list";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getMyStore } from "@/lib/stores/queries";
import { resubmitAction } from "../../actions";

export default async function StoreOverview({ params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}` });
  const store = await orNotFound(getMyStore(actor, storeId));
  const t = await getTranslations("onboarding");
  const ts = await getTranslations("seller");
  const format = await getFormatter();

  return (
    <div className="space-y-6">
      <PageHeader
        title={store.name}
        description={`/s/${store.slug}`}
        actions={store.status === "APPROVED" ? <ButtonLink href={`/s/${store.slug}`} variant="secondary" target="_blank">{ts("viewStorefront")}</ButtonLink> : null}
      />
      {store.status === "PENDING" && (
        <Notice tone="warning" title={t("pendingTitle")}>
          {t("pendingBody", { date: format.dateTime(store.submittedAt, { dateStyle: "medium", timeStyle: "short" }) })}
        </Notice>
      )}
      {store.status === "SUSPENDED" && (
        <Notice tone="error" title={t("suspendedTitle")}>
          {t("suspendedBody", { reason: store.statusReason ?? "" })}
        </Notice>
      )}
      {store.status === "APPROVED" && <Notice tone="success" title={t("approvedTitle")}>{ts("approvedHint")}</Notice>}
      {store.status === "REJECTED" && (
        <>
          <Notice tone="error" title={t("rejectedTitle")}>
            {t("rejectedBody", { reason: store.statusReason ?? "" })}
          </Notice>
          <Card>
            <StoreApplicationForm
              action={resubmitAction}
              storeId={store.id}
              submitLabel={t("resubmit")}
              initial={{
                name: store.name,
                slug: store.slug,
                logoImageId: store.logoImageId,
                description: store.description,
                businessName: store.businessName,
                officialAccountId: store.officialAccountId,
                mchId: store.mchId,
                contactPhone: store.contactPhone,
              }}
            />
          </Card>
        </>
      )}
      <Card title={t("history")}>
        <StoreEventList events={store.events} />
      </Card>
    </div>
  );
}
