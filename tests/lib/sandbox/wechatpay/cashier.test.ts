// The sandbox's cashier and inspector: the pages rendered to HTML (async server components,
// next-intl's server helpers bound to our real message files) and the form posts they make.
import React from "react";
import { prerender } from "react-dom/static";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next-intl/server", async () => {
  const { createTranslator, createFormatter } = await import("next-intl");
  const { messagesFor } = await import("@/lib/i18n/messages");
  return {
    getTranslations: async (namespace: string) => createTranslator({ locale: "en", messages: messagesFor("en") as never, namespace: namespace as never }),
    getFormatter: async () => createFormatter({ locale: "en", timeZone: "Asia/Shanghai" }),
  };
});

import { POST as actionsPOST } from "@/app/sandbox/wechatpay/actions/route";
import { POST as payPOST } from "@/app/sandbox/wechatpay/cashier/pay/route";
import InspectorPage from "@/app/sandbox/wechatpay/page";
import { WechatPayCashierPage } from "@/components/sandbox/wechatpay-cashier-page";
import { env } from "@/lib/env";
import { getPaymentsGateway } from "@/lib/payments/gateway";
import { sandboxCashierUrl } from "@/lib/sandbox/wechatpay/cashier";
import { merchantConfig } from "@/lib/payments/wechatpay/config";
import { bindSubMerchant } from "@/lib/sandbox/wechatpay/sub-merchants";
import { useTestDatabase } from "../../../support/db";
import { control, useWechatPaySandbox } from "../../../support/wechatpay-sandbox";

useTestDatabase();
// Service-provider mode (the default): orders for a sub-merchant bound to the platform.
const PAYEE = { subMchId: "1900000109" };
beforeEach(() => bindSubMerchant({ spMchid: merchantConfig().mchId, subMchid: PAYEE.subMchId, name: "测试特约商户" }));
useWechatPaySandbox();

const gw = () => getPaymentsGateway();
let seq = 0;
const tradeNo = () => `C${Date.now()}${String(++seq).padStart(4, "0")}`;

async function html(node: React.ReactElement): Promise<string> {
  const { prelude } = await prerender(node);
  return new Response(prelude).text();
}

async function jsapiOrder(amountFen = 1990) {
  const outTradeNo = tradeNo();
  const { prepayId } = await gw().createJsapiPayment({ ...PAYEE, outTradeNo, description: "Blue mug ×2", amountFen, payerOpenid: "oCashierBuyer00000000000000", notifyUrl: gw().notifyUrl("/n") });
  const params = gw().jsapiPayParams(prepayId);
  const returnUrl = `${env().APP_URL}/orders/${outTradeNo}`;
  return { outTradeNo, prepayId, params, returnUrl, query: Object.fromEntries(new URL(sandboxCashierUrl(params, returnUrl)).searchParams) };
}

function post(body: Record<string, string>, url = `${env().APP_URL}/sandbox/wechatpay/cashier/pay`) {
  return new Request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(env().APP_URL).origin }, body: new URLSearchParams(body) });
}

describe("cashier page", () => {
  it("shows the merchant, description and amount with a labelled 6-digit password and Pay / Cancel", async () => {
    const o = await jsapiOrder(1990);
    const page = await html(React.createElement(WechatPayCashierPage, { kind: "jsapi", query: o.query }));
    expect(page).toContain("¥19.90");
    expect(page).toContain("Blue mug ×2");
    expect(page).toMatch(/<label[^>]*for="password"/);
    expect(page).toMatch(/<input[^>]*id="password"[^>]*pattern="\[0-9\]\{6\}"/);
    expect(page).toContain('value="pay"');
    expect(page).toContain('value="cancel"');
    expect(page).toContain(`value="${o.params.paySign}"`);
  });

  it("refuses pay parameters whose paySign does not verify", async () => {
    const o = await jsapiOrder();
    const page = await html(React.createElement(WechatPayCashierPage, { kind: "jsapi", query: { ...o.query, nonceStr: "TAMPERED" } }));
    expect(page).toContain("The payment signature (paySign) is not valid for this merchant.");
    expect(page).not.toContain('value="pay"');
  });

  it("refuses an H5 link with the wrong package, and a return address on another site", async () => {
    const outTradeNo = tradeNo();
    const { h5Url } = await gw().createH5Payment({ ...PAYEE, outTradeNo, description: "H5", amountFen: 100, payerClientIp: "198.51.100.2", notifyUrl: gw().notifyUrl("/n") });
    const q = Object.fromEntries(new URL(h5Url).searchParams);
    expect(await html(React.createElement(WechatPayCashierPage, { kind: "h5", query: q }))).toContain("¥1.00");
    expect(await html(React.createElement(WechatPayCashierPage, { kind: "h5", query: { ...q, package: "1234567890" } }))).toContain("This payment link is not valid.");
    expect(await html(React.createElement(WechatPayCashierPage, { kind: "h5", query: { ...q, redirect_url: "https://evil.example/" } }))).toContain("not on the merchant");
  });

  it("says so when the order was closed", async () => {
    const o = await jsapiOrder();
    await gw().closeOrder(o.outTradeNo, PAYEE);
    const page = await html(React.createElement(WechatPayCashierPage, { kind: "jsapi", query: o.query }));
    expect(page).toContain("This order has been closed");
  });
});

describe("cashier form", () => {
  it("Pay with 6 digits marks the order paid and returns with err_msg ok", async () => {
    const o = await jsapiOrder();
    const res = await payPOST(post({ kind: "jsapi", ...o.query, password: "123456", decision: "pay" }));
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get("location")!);
    expect(back.pathname).toBe(`/orders/${o.outTradeNo}`);
    expect(back.searchParams.get("err_msg")).toBe("get_brand_wcpay_request:ok");
    expect((await gw().queryByOutTradeNo(o.outTradeNo, PAYEE))!.tradeState).toBe("SUCCESS");
  });

  it("Pay without 6 digits goes back to the cashier with an error, paying nothing", async () => {
    const o = await jsapiOrder();
    const res = await payPOST(post({ kind: "jsapi", ...o.query, password: "12a456", decision: "pay" }));
    expect(new URL(res.headers.get("location")!, env().APP_URL).searchParams.get("sb_error")).toBe("password");
    expect((await gw().queryByOutTradeNo(o.outTradeNo, PAYEE))!.tradeState).toBe("NOTPAY");
  });

  it("Cancel returns with err_msg cancel; a failing payment with err_msg fail", async () => {
    const o = await jsapiOrder();
    const cancel = await payPOST(post({ kind: "jsapi", ...o.query, decision: "cancel" }));
    expect(new URL(cancel.headers.get("location")!).searchParams.get("err_msg")).toBe("get_brand_wcpay_request:cancel");
    await control({ paymentFails: 1 });
    const fail = await payPOST(post({ kind: "jsapi", ...o.query, password: "000000", decision: "pay" }));
    expect(new URL(fail.headers.get("location")!).searchParams.get("err_msg")).toBe("get_brand_wcpay_request:fail");
    expect((await gw().queryByOutTradeNo(o.outTradeNo, PAYEE))!.tradeState).toBe("PAYERROR");
  });

  it("refuses a form posted from another site", async () => {
    const o = await jsapiOrder();
    const req = new Request(`${env().APP_URL}/sandbox/wechatpay/cashier/pay`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams({ kind: "jsapi", ...o.query, password: "123456", decision: "pay" }),
    });
    expect((await payPOST(req)).status).toBe(403);
    expect((await gw().queryByOutTradeNo(o.outTradeNo, PAYEE))!.tradeState).toBe("NOTPAY");
  });
});

describe("inspector", () => {
  it("lists orders and notifications with their attempts and a Replay button", async () => {
    const o = await jsapiOrder(4200);
    await payPOST(post({ kind: "jsapi", ...o.query, password: "123456", decision: "pay" }));
    const page = await html(React.createElement(InspectorPage, { searchParams: Promise.resolve({}) }));
    expect(page).toContain(o.outTradeNo);
    expect(page).toContain("TRANSACTION.SUCCESS");
    expect(page).toContain("Replay");
    expect(page).toContain("¥42.00");
  });

  it("saves fault switches posted from its form", async () => {
    const res = await actionsPOST(post({ action: "faults", duplicate: "2", delaySeconds: "0", paymentFails: "0", refundAbnormal: "1", refundClosed: "0", badSignature: "on" }, `${env().APP_URL}/sandbox/wechatpay/actions`));
    expect(res.status).toBe(303);
    expect((await control({})).settings).toMatchObject({ duplicate: 2, refundAbnormal: 1, badSignature: true, outOfOrder: false });
    await control({ reset: true });
  });
});
