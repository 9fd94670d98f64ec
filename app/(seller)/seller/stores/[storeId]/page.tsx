import { getFormatter, getTranslations } from "next-intl/server";
import { PaymentAccountDetails, PaymentAccountNotice } from "@/components/funds/payment-account";
import { StoreDashboard } from "@/components/metrics/store-dashboard";
import { StoreApplicationForm } from "@/components/stores/store-application-form";
import { StoreEventList } from "@/components/stores/store-event-list";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { AppError, type FieldErrors } from "@/lib/errors";
import { env } from "@/lib/env";
import { getStoreDashboard } from "@/lib/metrics/dashboard";
import { getMyStore } from "@/lib/stores/queries";
import { resubmitAction } from "@/lib/stores/actions/apply";

type SearchParams = Record<string, string | string[] | undefined>;
const param = (sp: SearchParams, k: string) => {
  const v = sp[k];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() ? s.trim() : undefined;
};

/** The dashboard for the range in the URL; a bad range shows its errors over the default range. */
async function loadDashboard(actor: Awaited<ReturnType<typeof pageActor>>, storeId: string, sp: SearchParams) {
  const input = { range: param(sp, "range") as "custom" | undefined, from: param(sp, "from"), to: param(sp, "to") };
  try {
    return { dashboard: await getStoreDashboard(actor, storeId, input) };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "VALIDATION") throw e;
    const rangeErrors: FieldErrors = e.fieldErrors ?? {};
    return { dashboard: await getStoreDashboard(actor, storeId), rangeErrors, rangeValues: { from: input.from, to: input.to } };
  }
}

export default async function StoreOverview({ params, searchParams }: { params: Promise<{ storeId: string }>; searchParams: Promise<SearchParams> }) {
  const { storeId } = await params;
  const actor = await pageActor({ roles: ["SELLER"], next: `/seller/stores/${storeId}` });
  const store = await orNotFound(getMyStore(actor, storeId));
  const operating = store.status === "APPROVED" || store.status === "SUSPENDED";
  const metrics = operating ? await loadDashboard(actor, storeId, await searchParams) : null;
  const t = await getTranslations("onboarding");
  const ts = await getTranslations("seller");
  const format = await getFormatter();
  const tf = await getTranslations("funds.account");
  const account = { mode: env().WECHATPAY_MODE, mchId: store.mchId, payBinding: store.payBinding, payBindingError: store.payBindingError, payBoundAt: store.payBoundAt, shareMaxRatioBps: store.shareMaxRatioBps };

  return (
    <div className="space-y-6">
      <PageHeader
        title={store.name}
        description={`/s/${store.slug}`}
        actions={store.status === "APPROVED" ? <ButtonLink href={`/s/${store.slug}`} variant="secondary" target="_blank">{ts("viewStorefront")}</ButtonLink> : null}
      />
      {operating && <PaymentAccountNotice account={account} />}
      {metrics && <StoreDashboard storeId={store.id} dashboard={metrics.dashboard} rangeErrors={metrics.rangeErrors} rangeValues={metrics.rangeValues} />}
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
      {operating && (
        <Card title={tf("title")}>
          <PaymentAccountDetails account={account} />
        </Card>
      )}
      <Card title={t("history")}>
        <StoreEventList events={store.events} />
      </Card>
    </div>
  );
}
