// The WeChat sandbox's front page for testers: the registered app, its endpoints, and the
// sandbox's WeChat users (who one can be on the consent page).
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { env } from "@/lib/env";
import { listSandboxUsers } from "@/lib/sandbox/wechat-oauth/users";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sandbox");
  return { title: t("indexTitle"), robots: { index: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function WechatSandboxIndex({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const e = env();
  const t = await getTranslations("sandbox");
  const format = await getFormatter();
  const users = await listSandboxUsers(200);
  const self = `${e.APP_URL}/sandbox/wechat`;
  const tryIt = new URL(`${self}/connect/oauth2/authorize`);
  tryIt.search = new URLSearchParams({ appid: e.WECHAT_APP_ID, redirect_uri: self, response_type: "code", scope: "snsapi_userinfo", state: "sandbox" }).toString();
  tryIt.hash = "wechat_redirect";
  const code = typeof sp.code === "string" ? sp.code : null;
  const endpoints = ["/connect/oauth2/authorize", "/sns/oauth2/access_token", "/sns/oauth2/refresh_token", "/sns/userinfo", "/sns/auth"];

  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-8">
      <header>
        <h1 className="text-xl font-semibold text-neutral-900">{t("indexTitle")}</h1>
        <p className="mt-1 text-sm text-neutral-600">{t("indexIntro")}</p>
      </header>

      {typeof sp.state === "string" && (
        <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm break-all text-brand-700">
          {code ? t("receivedCode", { code, state: sp.state }) : t("receivedDenial", { state: sp.state })}
        </p>
      )}

      <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
        <h2 className="text-base font-semibold">{t("appHeading")}</h2>
        <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-neutral-500">appid</dt>
          <dd className="font-mono break-all">{e.WECHAT_APP_ID}</dd>
          <dt className="text-neutral-500">{t("authorisedOrigin")}</dt>
          <dd className="font-mono break-all">{new URL(e.APP_URL).origin}</dd>
          <dt className="text-neutral-500">{t("endpoints")}</dt>
          <dd>
            <ul className="font-mono text-xs break-all">
              {endpoints.map((p) => (
                <li key={p}>{`${self}${p}`}</li>
              ))}
            </ul>
          </dd>
        </dl>
        <a href={tryIt.toString()} className="mt-4 inline-flex h-10 items-center rounded-lg bg-brand-500 px-4 text-sm font-medium text-white hover:bg-brand-600">
          {t("tryConsent")}
        </a>
      </section>

      <section className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
        <h2 className="text-base font-semibold">{t("usersHeading", { count: users.length })}</h2>
        {users.length === 0 ? (
          <p className="mt-3 text-sm text-neutral-500">{t("noUsers")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-neutral-500">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">{t("nickname")}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">openid</th>
                  <th scope="col" className="py-2 pr-3 font-medium">unionid</th>
                  <th scope="col" className="py-2 font-medium">{t("createdAt")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {users.map((u) => (
                  <tr key={u.openid}>
                    <td className="py-2 pr-3">
                      <span className="flex items-center gap-2">
                        {/* headimgurl is an absolute URL on the avatar host, not one of our media ids */}
                        <img src={u.headimgurl} alt="" width={28} height={28} className="size-7 rounded" />
                        {u.nickname}
                      </span>
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">{u.openid}</td>
                    <td className="py-2 pr-3 font-mono text-xs">{u.unionid}</td>
                    <td className="py-2 text-xs text-neutral-500">{format.dateTime(u.createdAt, { dateStyle: "medium", timeStyle: "short" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
