import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { getActor } from "@/lib/auth/session";

/** The platform's own pages' header: brand, language, and where the signed-in user belongs. */
export async function SiteHeader() {
  const t = await getTranslations("common");
  const actor = await getActor();
  const home = actor?.role === "ADMIN" ? { href: "/admin", label: t("adminConsole") } : actor?.role === "SELLER" ? { href: "/seller", label: t("sellerCenter") } : actor ? { href: "/me", label: t("myAccount") } : { href: "/signin", label: t("signIn") };
  return (
    <header className="border-b border-neutral-200 bg-white">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-500 text-sm text-white">
            店
          </span>
          {t("appName")}
        </Link>
        <div className="flex items-center gap-4">
          <LocaleSwitcher />
          <Link href={home.href} className="text-sm font-medium text-brand-700 hover:underline">
            {home.label}
          </Link>
        </div>
      </div>
    </header>
  );
}
