// Sandbox of https://open.weixin.qq.com/connect/oauth2/authorize: WeChat's consent page.
// A bad appid, redirect_uri or scope shows WeChat's error page and never redirects.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { WechatUserPicker } from "@/components/sandbox/wechat-user-picker";
import { env } from "@/lib/env";
import { validateAuthorizeRequest } from "@/lib/sandbox/wechat-oauth/authorize";
import { listSandboxUsers } from "@/lib/sandbox/wechat-oauth/users";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sandbox");
  return { title: t("consentTitle"), robots: { index: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function WechatAuthorizePage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const e = env();
  const t = await getTranslations("sandbox");
  const tc = await getTranslations("common");
  const check = validateAuthorizeRequest(sp, { appId: e.WECHAT_APP_ID, appUrl: e.APP_URL });

  if (!check.ok) {
    return (
      <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center px-6 pt-24 text-center">
        <div aria-hidden className="grid size-16 place-items-center rounded-full bg-[#fa9d3b] text-3xl font-bold text-white">
          !
        </div>
        <h1 className="mt-6 text-lg font-medium text-neutral-900">{t("errorTitle")}</h1>
        <p className="mt-2 text-sm text-neutral-600">{t(`authorizeErrors.${check.errcode}`)}</p>
        <p className="mt-1 text-xs text-neutral-600">{t("errorCode", { code: check.errcode })}</p>
      </main>
    );
  }

  const { request } = check;
  const users = await listSandboxUsers(50);
  const wanted = one(sp.sb_user);
  const selected = wanted && (wanted === "new" || users.some((u) => u.openid === wanted)) ? wanted : (users[0]?.openid ?? "new");
  const sbError = one(sp.sb_error);
  const nicknameError = sbError === "required" || sbError === "tooLong" ? t(`nicknameErrors.${sbError}`) : undefined;

  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col px-4 pb-8">
      <header className="flex items-center justify-between py-3 text-xs text-neutral-500">
        <span>{t("consentTitle")}</span>
        <span className="rounded bg-neutral-300/70 px-1.5 py-0.5 text-neutral-600">{t("badge")}</span>
      </header>
      <section className="mt-6 flex flex-col items-center text-center">
        <div aria-hidden className="grid size-16 place-items-center rounded-2xl bg-brand-500 text-2xl font-semibold text-white">
          店
        </div>
        <p className="mt-3 text-base font-medium text-neutral-900">{tc("appName")}</p>
        <h1 className="mt-6 text-lg text-neutral-900">
          {request.scope === "snsapi_userinfo" ? t("requestsProfile", { app: tc("appName") }) : t("requestsBase", { app: tc("appName") })}
        </h1>
        {request.scope === "snsapi_base" && <p className="mt-2 text-xs text-neutral-500">{t("baseNote")}</p>}
      </section>
      <form method="post" action="/sandbox/wechat/connect/oauth2/authorize/decide" className="mt-8 flex flex-1 flex-col">
        <input type="hidden" name="appid" value={request.appid} />
        <input type="hidden" name="redirect_uri" value={request.redirectUri} />
        <input type="hidden" name="response_type" value="code" />
        <input type="hidden" name="scope" value={request.scope} />
        <input type="hidden" name="state" value={request.state} />
        {sbError === "user" && (
          <p role="alert" className="mb-3 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700">
            {t("userGone")}
          </p>
        )}
        <WechatUserPicker
          users={users.map((u) => ({ openid: u.openid, nickname: u.nickname, headimgurl: u.headimgurl }))}
          selected={selected}
          nickname={one(sp.sb_nickname)}
          error={nicknameError}
        />
        <div className="mt-auto space-y-3 pt-10">
          <button type="submit" name="decision" value="allow" className="block h-11 w-full rounded-lg bg-brand-500 text-base font-medium text-white active:bg-brand-600">
            {t("allow")}
          </button>
          <button type="submit" name="decision" value="deny" className="block h-11 w-full rounded-lg bg-neutral-200 text-base font-medium text-neutral-800 active:bg-neutral-300">
            {t("deny")}
          </button>
        </div>
        <p className="mt-6 text-center text-[11px] break-all text-neutral-600">{t("footer", { appid: request.appid, host: new URL(request.redirectUri).host })}</p>
      </form>
    </main>
  );
}
