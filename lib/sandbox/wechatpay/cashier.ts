import "server-only";
// The sandbox's mobile cashier: what WeixinJSBridge getBrandWCPayRequest (JSAPI) or the
// h5_url (H5) shows the buyer. JSAPI parameters are accepted only with a paySign the merchant's
// key made; an H5 link only with the package check value the sandbox issued. The buyer
// returns to return_url (JSAPI, with err_msg as the JS callback would report it) or to
// redirect_url (H5, unchanged), which must be on the app's own origin.
import { sandboxConfig } from "@/lib/payments/wechatpay/config";
import { paySignMessage, verifySha256Rsa } from "@/lib/payments/wechatpay/crypto";
import type { JsapiPayParams } from "@/lib/payments/types";
import { h5Package } from "./ids";
import { cashierOrder, type PayOutcome, payOrder } from "./transactions";

export const CASHIER_PATH = "/sandbox/wechatpay/cashier";
export const H5_PATH = "/sandbox/wechatpay/h5";

export type CashierProblem = "missing" | "badSign" | "badPackage" | "badReturnUrl" | "unknownOrder";

export type CashierRequest =
  | { kind: "jsapi"; prepayId: string; returnUrl: string | null; params: JsapiPayParams }
  | { kind: "h5"; prepayId: string; returnUrl: string | null; pkg: string };

type Query = Record<string, string | string[] | undefined>;
const one = (q: Query, k: string) => {
  const v = q[k];
  return (Array.isArray(v) ? v[0] : v) ?? "";
};

/** A return address on the app's own origin (absolute, or a path), else null. */
export function safeReturnUrl(raw: string): string | null | false {
  if (!raw) return null;
  const appUrl = new URL(sandboxConfig().appUrl);
  try {
    const u = new URL(raw, appUrl);
    if (u.origin !== appUrl.origin) return false;
    return u.toString();
  } catch {
    return false;
  }
}

/** Checks the cashier's query (JSAPI: pay parameters + return_url; H5: prepay_id + package + redirect_url). */
export function checkCashierRequest(kind: "jsapi" | "h5", q: Query): { ok: true; request: CashierRequest } | { ok: false; problem: CashierProblem } {
  const cfg = sandboxConfig();
  if (kind === "jsapi") {
    const params = {
      appId: one(q, "appId"),
      timeStamp: one(q, "timeStamp"),
      nonceStr: one(q, "nonceStr"),
      package: one(q, "package"),
      signType: one(q, "signType") as "RSA",
      paySign: one(q, "paySign"),
    };
    if (!params.appId || !params.timeStamp || !params.nonceStr || !params.package || !params.paySign) return { ok: false, problem: "missing" };
    const prepayId = /^prepay_id=([A-Za-z0-9]{1,64})$/.exec(params.package)?.[1];
    if (!prepayId || params.signType !== "RSA" || params.appId !== cfg.appId || !/^\d{1,12}$/.test(params.timeStamp)) return { ok: false, problem: "badSign" };
    if (!verifySha256Rsa(cfg.merchantPublicKey, paySignMessage(params.appId, params.timeStamp, params.nonceStr, params.package), params.paySign)) {
      return { ok: false, problem: "badSign" };
    }
    const returnUrl = safeReturnUrl(one(q, "return_url"));
    if (returnUrl === false) return { ok: false, problem: "badReturnUrl" };
    return { ok: true, request: { kind, prepayId, returnUrl, params } };
  }
  const prepayId = one(q, "prepay_id");
  const pkg = one(q, "package");
  if (!prepayId || !pkg) return { ok: false, problem: "missing" };
  if (!/^[A-Za-z0-9]{1,64}$/.test(prepayId) || pkg !== h5Package(prepayId, cfg.apiV3Key)) return { ok: false, problem: "badPackage" };
  const returnUrl = safeReturnUrl(one(q, "redirect_url"));
  if (returnUrl === false) return { ok: false, problem: "badReturnUrl" };
  return { ok: true, request: { kind, prepayId, returnUrl, pkg } };
}

/** The query string that reproduces a cashier request (the form posts it back). */
export function cashierQuery(r: CashierRequest): Record<string, string> {
  if (r.kind === "jsapi") return { ...r.params, ...(r.returnUrl ? { return_url: r.returnUrl } : {}) };
  return { prepay_id: r.prepayId, package: r.pkg, ...(r.returnUrl ? { redirect_url: r.returnUrl } : {}) };
}

export async function loadCashier(kind: "jsapi" | "h5", q: Query) {
  const check = checkCashierRequest(kind, q);
  if (!check.ok) return check;
  const order = await cashierOrder(check.request.prepayId);
  if (!order) return { ok: false as const, problem: "unknownOrder" as const };
  return { ok: true as const, request: check.request, order };
}

export type CashierResult = "ok" | "cancel" | "fail";

/** Where the buyer goes after deciding: back to the merchant, or the cashier's own result page. */
export function returnLocation(r: CashierRequest, result: CashierResult): string {
  if (r.returnUrl) {
    if (r.kind === "h5") return r.returnUrl;
    const u = new URL(r.returnUrl);
    u.searchParams.set("err_msg", `get_brand_wcpay_request:${result}`);
    return u.toString();
  }
  const q = new URLSearchParams({ ...cashierQuery(r), sb_result: result });
  return `${r.kind === "jsapi" ? CASHIER_PATH : H5_PATH}?${q}`;
}

/** The buyer pressed Pay (with a 6-digit password) or Cancel. */
export async function decide(r: CashierRequest, decision: "pay" | "cancel"): Promise<{ result: CashierResult; outcome: PayOutcome | "cancelled" }> {
  if (decision === "cancel") return { result: "cancel", outcome: "cancelled" };
  const outcome = await payOrder(r.prepayId);
  return { result: outcome === "paid" || outcome === "already_paid" ? "ok" : "fail", outcome };
}

/**
 * For the app: where to send a browser outside WeChat to pay a JSAPI order in the sandbox
 * (inside WeChat, WeixinJSBridge.invoke("getBrandWCPayRequest", params) does the same).
 */
export function sandboxCashierUrl(params: JsapiPayParams, returnUrl: string): string {
  const q = new URLSearchParams({ ...params, return_url: returnUrl });
  return `${sandboxConfig().appUrl}${CASHIER_PATH}?${q}`;
}
