"use client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import type { JsapiPayParams } from "@/lib/payments/types";

type Bridge = { invoke(name: "getBrandWCPayRequest", params: JsapiPayParams, cb: (res: { err_msg: string }) => void): void };
declare global {
  interface Window {
    WeixinJSBridge?: Bridge;
  }
}

/** Where the buyer goes once WeChat's sheet closes: the return URL with err_msg, as the sandbox cashier does. */
export function bridgeReturnUrl(returnUrl: string, errMsg: string) {
  const u = new URL(returnUrl);
  u.searchParams.set("err_msg", errMsg);
  return u.toString();
}

/**
 * Inside WeChat: opens WeChat Pay's own sheet with WeixinJSBridge getBrandWCPayRequest and,
 * whatever the buyer does there, returns to the order with the result.
 */
export function WeixinPay({ params, returnUrl }: { params: JsapiPayParams; returnUrl: string }) {
  const t = useTranslations("orders.pay");
  const [missing, setMissing] = useState(false);

  const invoke = useCallback(() => {
    const bridge = window.WeixinJSBridge;
    if (!bridge) return setMissing(true);
    bridge.invoke("getBrandWCPayRequest", params, (res) => window.location.assign(bridgeReturnUrl(returnUrl, res.err_msg)));
  }, [params, returnUrl]);

  useEffect(() => {
    if (window.WeixinJSBridge) return invoke();
    document.addEventListener("WeixinJSBridgeReady", invoke, { once: true });
    // Outside WeChat the bridge never comes: say so instead of waiting forever.
    const timer = setTimeout(() => setMissing(!window.WeixinJSBridge), 3000);
    return () => {
      document.removeEventListener("WeixinJSBridgeReady", invoke);
      clearTimeout(timer);
    };
  }, [invoke]);

  return (
    <div className="space-y-4 text-center" aria-live="polite">
      <p className="text-sm text-neutral-600">{missing ? t("bridgeMissing") : t("opening")}</p>
      <button type="button" onClick={invoke} className="h-11 w-full rounded-full bg-brand-500 text-base font-medium text-white active:bg-brand-600">
        {t("payNow")}
      </button>
    </div>
  );
}
