import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Notice } from "@/components/ui/notice";

export interface PaymentAccount {
  mode: "service_provider" | "direct";
  mchId: string;
  payBinding: "UNBOUND" | "BINDING" | "BOUND" | "FAILED";
  payBindingError: string | null;
  payBoundAt: Date | null;
  shareMaxRatioBps: number | null;
}

/** The store's WeChat Pay account as seller and admin see it: mode, sub-merchant, binding state. */
export async function PaymentAccountDetails({ account, actions }: { account: PaymentAccount; actions?: ReactNode }) {
  const t = await getTranslations("funds.account");
  const format = await getFormatter();
  const sp = account.mode === "service_provider";
  return (
    <div className="space-y-3 text-sm">
      <p className="text-neutral-600">{sp ? t("modeSp") : t("modeDirect")}</p>
      {sp && (
        <dl className="grid gap-3 sm:grid-cols-2">
          <div>
            <dt className="text-neutral-500">{t("mchId")}</dt>
            <dd className="font-mono">{account.mchId}</dd>
          </div>
          <div>
            <dt className="text-neutral-500">{t("stateLabel")}</dt>
            <dd data-testid="pay-binding">{t(`state.${account.payBinding}`)}</dd>
          </div>
          {account.payBoundAt && (
            <div>
              <dt className="text-neutral-500">{t("boundAt")}</dt>
              <dd>{format.dateTime(account.payBoundAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
            </div>
          )}
          {account.shareMaxRatioBps !== null && (
            <div>
              <dt className="text-neutral-500">{t("maxRatio")}</dt>
              <dd>{format.number(account.shareMaxRatioBps / 10_000, { style: "percent", maximumFractionDigits: 2 })}</dd>
            </div>
          )}
          {account.payBinding === "FAILED" && account.payBindingError && (
            <div className="sm:col-span-2">
              <dt className="text-neutral-500">{t("error")}</dt>
              <dd className="break-words text-red-700">{account.payBindingError}</dd>
            </div>
          )}
        </dl>
      )}
      {actions}
    </div>
  );
}

/** Above the seller's dashboard while the store cannot take payments (service-provider mode). */
export async function PaymentAccountNotice({ account }: { account: PaymentAccount }) {
  if (account.mode !== "service_provider" || account.payBinding === "BOUND") return null;
  const t = await getTranslations("funds.account");
  if (account.payBinding === "FAILED") {
    return (
      <Notice tone="error" title={t("failedTitle")}>
        {t("failedBody", { mchId: account.mchId, reason: account.payBindingError ?? "" })}
      </Notice>
    );
  }
  return (
    <Notice tone="warning" title={t("bindingTitle")}>
      {t("bindingBody", { mchId: account.mchId })}
    </Notice>
  );
}
