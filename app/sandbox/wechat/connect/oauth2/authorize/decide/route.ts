// The consent page's form posts here: "Allow" (as an existing or a new sandbox user) issues a
// code and redirects to redirect_uri?code&state; "Deny" redirects with the state only.
// A plain form POST answered with 303, so the browser makes exactly one GET to redirect_uri.
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { approveAuthorization, denialRedirect, validateAuthorizeRequest } from "@/lib/sandbox/wechat-oauth/authorize";
import { sandboxOff } from "@/lib/sandbox/wechat-oauth/gate";
import { readSandboxForm } from "@/lib/http";

const AUTHORIZE_PATH = "/sandbox/wechat/connect/oauth2/authorize";
const FORWARDED = ["appid", "redirect_uri", "response_type", "scope", "state"] as const;

function seeOther(location: string) {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

/** Back to the consent page with the original request plus what the tester typed and why it failed. */
function backToPage(form: FormData, extra: Record<string, string>) {
  const q = new URLSearchParams();
  for (const k of FORWARDED) q.set(k, String(form.get(k) ?? ""));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return seeOther(`${AUTHORIZE_PATH}?${q}`);
}

export async function POST(req: Request) {
  const off = sandboxOff();
  if (off) return off;
  // Only our own consent page may post here.
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(req.url).origin && origin !== new URL(env().APP_URL).origin) {
    return new Response("Forbidden", { status: 403 });
  }
  const form = await readSandboxForm(req);
  if (form instanceof Response) return form;
  const check = validateAuthorizeRequest(Object.fromEntries(FORWARDED.map((k) => [k, String(form.get(k) ?? "")])), {
    appId: env().WECHAT_APP_ID,
    appUrl: env().APP_URL,
  });
  // A tampered request: the page shows WeChat's error for it, and nothing redirects.
  if (!check.ok) return backToPage(form, {});

  if (form.get("decision") !== "allow") return seeOther(denialRedirect(check.request));

  const user = String(form.get("user") ?? "");
  const nickname = String(form.get("nickname") ?? "");
  const who = user && user !== "new" ? { openid: user } : { newUser: { nickname } };
  try {
    const { redirectTo } = await approveAuthorization(check.request, who);
    return seeOther(redirectTo);
  } catch (e) {
    if (e instanceof AppError && e.fieldErrors) {
      const [field, [key]] = Object.entries(e.fieldErrors)[0];
      return backToPage(form, { sb_user: user || "new", sb_nickname: nickname, sb_error: field === "nickname" ? key : "user" });
    }
    throw e;
  }
}
