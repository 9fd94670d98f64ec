// The cashier's form posts here (JSAPI and H5 alike): "Pay" with a 6-digit password marks the
// order paid (or PAYERROR under the fault) and sends TRANSACTION.SUCCESS; "Cancel" changes
// nothing. Answered 303 to the merchant's return address, or back to the cashier.
import { env } from "@/lib/env";
import { CASHIER_PATH, cashierQuery, checkCashierRequest, decide, H5_PATH, returnLocation } from "@/lib/sandbox/wechatpay/cashier";
import { sandboxPayOff } from "@/lib/sandbox/wechatpay/gate";
import { readSandboxForm } from "@/lib/http";

function seeOther(location: string) {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

export async function POST(req: Request) {
  const off = sandboxPayOff();
  if (off) return off;
  // Only the cashier page itself may post here.
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(req.url).origin && origin !== new URL(env().APP_URL).origin) {
    return new Response("Forbidden", { status: 403 });
  }
  const form = await readSandboxForm(req);
  if (form instanceof Response) return form;
  const kind = form.get("kind") === "h5" ? "h5" : "jsapi";
  const query = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string") as [string, string][]);
  const check = checkCashierRequest(kind, query);
  const page = kind === "h5" ? H5_PATH : CASHIER_PATH;
  // A tampered form: the cashier page shows the problem.
  if (!check.ok) return seeOther(`${page}?${new URLSearchParams(query)}`);

  const decision = form.get("decision") === "pay" ? "pay" : "cancel";
  if (decision === "pay" && !/^\d{6}$/.test(String(form.get("password") ?? ""))) {
    return seeOther(`${page}?${new URLSearchParams({ ...cashierQuery(check.request), sb_error: "password" })}`);
  }
  const { result, outcome } = await decide(check.request, decision);
  // Closed or expired orders: the cashier says so instead of silently returning.
  if (outcome === "closed" || outcome === "expired" || outcome === "not_found") {
    return seeOther(`${page}?${new URLSearchParams(cashierQuery(check.request))}`);
  }
  return seeOther(returnLocation(check.request, result));
}
