import Image from "next/image";
import { getTranslations } from "next-intl/server";
import { RecheckPaymentsForm } from "@/components/admin/recheck-payments-form";
import { ReviewPanel } from "@/components/admin/review-panel";
import { PaymentAccountDetails } from "@/components/funds/payment-account";
import { StoreEventList } from "@/components/stores/store-event-list";
import { StoreStatusBadge } from "@/components/stores/store-status-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { mediaSrc } from "@/lib/media/variants";
import { env } from "@/lib/env";
import { getStoreForAdmin } from "@/lib/stores/queries";
import { recheckPaymentsAction } from "@/lib/stores/actions/review";

export default async function AdminStorePage({ params }: { params: Promise<{ storeId: string }> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["ADMIN"], next: `/admin/stores/${storeId}` });
  const store = await orNotFound(getStoreForAdmin(actor, storeId));
  const t = await getTranslations("onboarding");
  const ta = await getTranslations("admin");
  const tf = await getTranslations("funds.account");
  const fields: [string, string][] = [
    [t("slug"), `/s/${store.slug}`],
    [t("businessName"), store.businessName],
    [t("officialAccountId"), store.officialAccountId],
    [t("mchId"), store.mchId],
    [t("contactPhone"), store.contactPhone],
    [t("description"), store.description || "—"],
    [ta("applicant"), store.members.map((m) => `${m.user.name} <${m.user.email ?? ""}>`).join(", ")],
    [ta("itemCount"), String(store._count.items)],
  ];
  return (
    <div className="space-y-6">
      <PageHeader title={store.name} actions={<StoreStatusBadge status={store.status} />} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title={ta("application")} className="lg:col-span-2">
          <div className="flex gap-5">
            <div className="relative size-24 shrink-0 overflow-hidden rounded-xl bg-neutral-100 ring-1 ring-neutral-200">
              {store.logoImageId && <Image src={mediaSrc(store.logoImageId)} alt={ta("logoOf", { name: store.name })} fill sizes="96px" className="object-cover" />}
            </div>
            <dl className="grid flex-1 gap-3 text-sm sm:grid-cols-2">
              {fields.map(([k, v]) => (
                <div key={k}>
                  <dt className="text-neutral-500">{k}</dt>
                  <dd className="break-words">{v}</dd>
                </div>
              ))}
            </dl>
          </div>
          {store.statusReason && <p className="mt-4 rounded-lg bg-neutral-50 p-3 text-sm">{ta("currentReason", { reason: store.statusReason })}</p>}
        </Card>
        <Card title={ta("decision")}>
          <ReviewPanel storeId={store.id} status={store.status} />
        </Card>
      </div>
      {(store.status === "APPROVED" || store.status === "SUSPENDED") && (
        <Card title={tf("title")}>
          <PaymentAccountDetails
            account={{ mode: env().WECHATPAY_MODE, mchId: store.mchId, payBinding: store.payBinding, payBindingError: store.payBindingError, payBoundAt: store.payBoundAt, shareMaxRatioBps: store.shareMaxRatioBps }}
            actions={env().WECHATPAY_MODE === "service_provider" ? <RecheckPaymentsForm storeId={store.id} action={recheckPaymentsAction} /> : null}
          />
        </Card>
      )}
      <Card title={t("history")}>
        <StoreEventList events={store.events} />
      </Card>
    </div>
  );
}
