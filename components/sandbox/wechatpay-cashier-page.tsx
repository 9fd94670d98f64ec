// The cashier page (JSAPI via /sandbox/wechatpay/cashier, H5 via /sandbox/wechatpay/h5):
// checks the request, then shows the sheet, a result, or why the buyer cannot pay.
import { getTranslations } from "next-intl/server";
import { cashierQuery, loadCashier, returnLocation } from "@/lib/sandbox/wechatpay/cashier";
import { getFaults } from "@/lib/sandbox/wechatpay/faults";
import { CashierMessage, CashierSheet } from "./wechatpay-cashier";

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export async function WechatPayCashierPage({ kind, query }: { kind: "jsapi" | "h5"; query: Query }) {
  const t = await getTranslations("sandbox");
  const tc = await getTranslations("common");
  const loaded = await loadCashier(kind, query);
  if (!loaded.ok) {
    return <CashierMessage tone="error" title={t("pay.errorTitle")} body={t(`pay.problems.${loaded.problem}`)} code={loaded.problem} />;
  }
  const { request, order } = loaded;
  const back = (result: "ok" | "cancel" | "fail") => (request.returnUrl ? { href: returnLocation(request, result), label: t("pay.backToMerchant") } : undefined);

  const result = one(query.sb_result);
  if (result === "ok" || result === "fail" || result === "cancel") {
    return <CashierMessage tone={result === "ok" ? "ok" : "info"} title={t(`pay.results.${result}`)} body={order.description} />;
  }
  if (order.tradeState === "SUCCESS" || order.tradeState === "REFUND") {
    return <CashierMessage tone="ok" title={t("pay.problems.paid")} body={order.description} back={back("ok")} />;
  }
  if (order.tradeState === "CLOSED") {
    return <CashierMessage tone="error" title={t("pay.errorTitle")} body={t("pay.problems.closed")} code="ORDER_CLOSED" back={back("fail")} />;
  }
  if (order.expired) {
    return <CashierMessage tone="error" title={t("pay.errorTitle")} body={t("pay.problems.expired")} back={back("fail")} />;
  }
  const faults = await getFaults();
  const notes = [order.tradeState === "PAYERROR" ? t("pay.lastFailed") : null, faults.paymentFails > 0 ? t("pay.failNote", { count: faults.paymentFails }) : null].filter(Boolean);
  return (
    <CashierSheet
      kind={kind}
      hidden={cashierQuery(request)}
      merchant={tc("appName")}
      description={order.description}
      amountFen={order.amountFen}
      mchid={order.mchid}
      passwordError={one(query.sb_error) === "password"}
      note={notes.join(" ") || undefined}
    />
  );
}
