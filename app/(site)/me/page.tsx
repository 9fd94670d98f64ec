import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { AuthFrame } from "@/components/auth/auth-frame";
import { NotificationsButton } from "@/components/notifications/notification-bell";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getMyProfile } from "@/lib/auth/profile";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("myAccount") };
}

export default async function MyAccountPage() {
  const actor = await pageActor({ roles: ["BUYER", "SELLER", "ADMIN"], next: "/me" });
  const me = await orNotFound(getMyProfile(actor));
  const t = await getTranslations("auth");
  const tc = await getTranslations("common");
  const to = await getTranslations("orders.me");
  const format = await getFormatter();
  const initial = Array.from(me.name.trim())[0] ?? "?";

  return (
    <AuthFrame appName={tc("appName")} title={tc("myAccount")}>
      <section aria-label={t("profile")} className="flex items-center gap-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-neutral-200">
        {me.avatarUrl ? (
          // An external avatar (WeChat's headimgurl), not one of our media ids.
          <img src={me.avatarUrl} alt={t("avatarAlt", { name: me.name })} width={64} height={64} className="size-16 shrink-0 rounded-xl bg-neutral-100 object-cover" />
        ) : (
          <span aria-hidden className="grid size-16 shrink-0 place-items-center rounded-xl bg-brand-500 text-2xl font-semibold text-white">
            {initial.toLocaleUpperCase()}
          </span>
        )}
        <div className="min-w-0 space-y-1">
          <p className="truncate text-lg font-semibold text-neutral-900">{me.name}</p>
          <p>
            <Badge tone={me.role === "BUYER" ? "green" : me.role === "SELLER" ? "blue" : "amber"}>{t(`roles.${me.role}`)}</Badge>
          </p>
          {me.email && <p className="truncate text-sm text-neutral-600">{me.email}</p>}
          {me.wechat && <p className="text-sm text-neutral-500">{t("signedInWithWechat")}</p>}
          <p className="text-xs text-neutral-400">{t("memberSince", { date: format.dateTime(me.createdAt, { dateStyle: "medium" }) })}</p>
        </div>
      </section>

      <div className="mt-6 space-y-3">
        {me.role === "BUYER" && (
          <>
            <ButtonLink href="/orders" block size="lg">
              {to("orders")}
            </ButtonLink>
            <ButtonLink href="/cases" block size="lg" variant="secondary">
              {to("cases")}
            </ButtonLink>
            <NotificationsButton />
            <ButtonLink href="/me/addresses" block size="lg" variant="secondary">
              {to("addresses")}
            </ButtonLink>
          </>
        )}
        {me.role === "SELLER" && (
          <ButtonLink href="/seller" block size="lg">
            {tc("sellerCenter")}
          </ButtonLink>
        )}
        {me.role === "ADMIN" && (
          <ButtonLink href="/admin" block size="lg">
            {tc("adminConsole")}
          </ButtonLink>
        )}
        {(me.role === "SELLER" || me.role === "ADMIN") && (
          <ButtonLink href="/me/password" block size="lg" variant="secondary">
            {t("changePassword")}
          </ButtonLink>
        )}
        <SignOutButton className="flex h-12 w-full items-center justify-center rounded-lg bg-white text-base ring-1 ring-neutral-300 hover:bg-neutral-50" />
      </div>
    </AuthFrame>
  );
}
