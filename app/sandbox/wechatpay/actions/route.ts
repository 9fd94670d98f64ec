// The inspector's buttons post here (plain forms): replay a notification, release held ones,
// set the fault switches, reset. Answered 303 back to the inspector with what happened.
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { applyControl } from "@/lib/sandbox/wechatpay/control";
import { sandboxPayOff } from "@/lib/sandbox/wechatpay/gate";
import { readSandboxForm } from "@/lib/http";

const INSPECTOR = "/sandbox/wechatpay";

function back(params: Record<string, string>) {
  return new Response(null, { status: 303, headers: { Location: `${INSPECTOR}?${new URLSearchParams(params)}`, "Cache-Control": "no-store" } });
}

const num = (v: FormDataEntryValue | null) => (v === null || v === "" ? undefined : Number(v));

export async function POST(req: Request) {
  const off = sandboxPayOff();
  if (off) return off;
  // Only the inspector page may post here.
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(req.url).origin && origin !== new URL(env().APP_URL).origin) {
    return new Response("Forbidden", { status: 403 });
  }
  const form = await readSandboxForm(req);
  if (form instanceof Response) return form;
  const action = String(form.get("action") ?? "");
  try {
    switch (action) {
      case "replay": {
        const id = String(form.get("id") ?? "");
        const r = await applyControl({ replay: id });
        return back({ done: r.replay?.delivered ? "replayed" : "replayFailed", id });
      }
      case "release": {
        const r = await applyControl({ release: true });
        return back({ done: "released", count: String(r.released ?? 0) });
      }
      case "bind": {
        const pct = num(form.get("maxRatioPercent"));
        await applyControl({ bind: { subMchid: String(form.get("subMchid") ?? "").trim(), name: String(form.get("name") ?? ""), ...(pct === undefined ? {} : { maxRatioBps: Math.round(pct * 100) }) } });
        return back({ done: "bound" });
      }
      case "unbind":
        await applyControl({ unbind: String(form.get("subMchid") ?? "") });
        return back({ done: "unbound" });
      case "withdraw": {
        const r = await applyControl({ withdraw: String(form.get("subMchid") ?? "") });
        return back({ done: "withdrawn", amount: String(r.withdrawn ?? 0) });
      }
      case "reset":
        await applyControl({ reset: true });
        return back({ done: "reset" });
      case "faults":
        await applyControl({
          duplicate: num(form.get("duplicate")),
          delaySeconds: num(form.get("delaySeconds")),
          paymentFails: num(form.get("paymentFails")),
          refundAbnormal: num(form.get("refundAbnormal")),
          refundClosed: num(form.get("refundClosed")),
          shareFails: num(form.get("shareFails")),
          unfreezeStuck: num(form.get("unfreezeStuck")),
          billDropLine: num(form.get("billDropLine")),
          billAlterLine: num(form.get("billAlterLine")),
          shareBillDropLine: num(form.get("shareBillDropLine")),
          shareBillAlterLine: num(form.get("shareBillAlterLine")),
          outOfOrder: form.get("outOfOrder") === "on",
          badSignature: form.get("badSignature") === "on",
        });
        return back({ done: "saved" });
      default:
        return new Response("Bad request", { status: 400 });
    }
  } catch (e) {
    if (isAppError(e)) return back({ done: e.code === "NOT_FOUND" ? "notFound" : "invalid" });
    throw e;
  }
}
