import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { FeeRateForm, RetrySettlementForm } from "@/components/admin/fee-rate-form";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";
import { formatFen } from "@/lib/money";
import { listFeeRatesForAdmin, PLATFORM_SCOPE } from "@/lib/payments/fee-rates";
import { getPlatformFunds } from "@/lib/payments/funds";
import { retrySettlementAction, setFeeRateAction } from "./actions";

const pct = (bps: number) => String(bps / 100);
const th = "py-2 pr-3 font-medium";
const td = "py-2 pr-3 align-top";

export default async function AdminFundsPage() {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin/funds" });
  const [funds, rates] = await Promise.all([getPlatformFunds(actor), listFeeRatesForAdmin(actor)]);
  const t = await getTranslations("funds.admin");
  const tf = await getTranslations("funds");
  const ta = await getTranslations("funds.account");
  const format = await getFormatter();
  const locale = await getLocale();
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("rates")}>
          <p className="mb-3 text-sm text-neutral-600">{t("ratesIntro")}</p>
          <FeeRateForm scope={PLATFORM_SCOPE} label={t("platformRate")} percent={pct(rates.platformBps)} action={setFeeRateAction} />
          <div className="mt-2 divide-y divide-neutral-100 border-t border-neutral-200">
            {rates.categories.map((c) => (
              <FeeRateForm key={c.id} scope={c.id} label={locale === "en" ? c.nameEn : c.nameZh} percent={c.own ? pct(c.rateBps) : ""} inheritedPercent={pct(rates.platformBps)} action={setFeeRateAction} />
            ))}
          </div>
        </Card>
        <Card title={t("income", { days: funds.days })}>
          <p className="text-2xl font-semibold tabular-nums" data-testid="fee-income">
            {formatFen(funds.totalFeeFen)}
          </p>
          <table className="mt-4 w-full text-left text-sm">
            <caption className="sr-only">{t("byStore")}</caption>
            <thead className="text-neutral-500">
              <tr>
                <th scope="col" className={th}>{t("store")}</th>
                <th scope="col" className={`${th} text-right`}>{tf("col.orders")}</th>
                <th scope="col" className={`${th} text-right`}>{tf("col.fee")}</th>
                <th scope="col" className={`${th} text-right`}>{tf("col.net")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {funds.byStore.map((s) => (
                <tr key={s.storeId}>
                  <td className={td}>
                    <Link href={`/admin/stores/${s.storeId}`} className="text-brand-700 hover:underline">
                      {s.name}
                    </Link>
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{s.orders}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatFen(s.feeFen)}</td>
                  <td className={`${td} text-right tabular-nums`}>{formatFen(s.netFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {funds.byStore.length === 0 && <p className="mt-2 text-sm text-neutral-500">{tf("byDayEmpty")}</p>}
          {funds.byDay.length > 0 && (
            <table className="mt-4 w-full text-left text-sm">
              <caption className="sr-only">{tf("byDay")}</caption>
              <thead className="text-neutral-500">
                <tr>
                  <th scope="col" className={th}>{tf("col.day")}</th>
                  <th scope="col" className={`${th} text-right`}>{tf("col.orders")}</th>
                  <th scope="col" className={`${th} text-right`}>{tf("col.fee")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {funds.byDay.map((d) => (
                  <tr key={d.day}>
                    <td className={td}>{format.dateTime(new Date(`${d.day}T00:00:00+08:00`), { dateStyle: "medium" })}</td>
                    <td className={`${td} text-right tabular-nums`}>{d.orders}</td>
                    <td className={`${td} text-right tabular-nums`}>{formatFen(d.feeFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
      <Card title={t("failing", { count: funds.failing.length })}>
        {funds.failing.length === 0 ? (
          <p className="text-sm text-neutral-500">{t("noneFailing")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-neutral-500">
              <tr>
                <th scope="col" className={th}>{tf("col.order")}</th>
                <th scope="col" className={th}>{t("store")}</th>
                <th scope="col" className={th}>{tf("col.state")}</th>
                <th scope="col" className={th}>{t("reason")}</th>
                <th scope="col" className={th}>{t("nextAttempt")}</th>
                <th scope="col" className={th}><span className="sr-only">{t("retry")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {funds.failing.map((f) => (
                <tr key={f.orderId}>
                  <td className={`${td} font-mono`}>{f.orderNo}</td>
                  <td className={td}>
                    <Link href={`/admin/stores/${f.storeId}`} className="text-brand-700 hover:underline">
                      {f.storeName}
                    </Link>
                  </td>
                  <td className={td}>
                    <Badge tone={f.state === "FAILED" ? "red" : "amber"}>{t(`settlementState.${f.state}`)}</Badge>
                    <div className="text-xs text-neutral-500">{t("attempts", { count: f.attempts })}</div>
                  </td>
                  <td className={`${td} break-words text-red-700`}>{f.failReason ?? "—"}</td>
                  <td className={`${td} text-xs text-neutral-500`}>{when(f.nextAttemptAt)}</td>
                  <td className={td}>{f.state === "FAILED" && <RetrySettlementForm orderId={f.orderId} action={retrySettlementAction} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={t("bindings", { count: funds.unbound.length })}>
        {funds.unbound.length === 0 ? (
          <p className="text-sm text-neutral-500">{t("allBound")}</p>
        ) : (
          <ul className="divide-y divide-neutral-100 text-sm">
            {funds.unbound.map((s) => (
              <li key={s.id} className="flex flex-wrap items-baseline gap-3 py-2">
                <Link href={`/admin/stores/${s.id}`} className="text-brand-700 hover:underline">
                  {s.name}
                </Link>
                <span className="font-mono text-xs">{s.mchId}</span>
                <Badge tone={s.payBinding === "FAILED" ? "red" : "amber"}>{ta(`state.${s.payBinding}`)}</Badge>
                {s.payBindingError && <span className="text-xs text-red-700">{s.payBindingError}</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
