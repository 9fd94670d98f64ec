import { getTranslations } from "next-intl/server";
import { ConsoleShell } from "@/components/shell/console-shell";
import { NavLink } from "@/components/shell/nav-link";
import { pageActor } from "@/lib/auth/guards";
import { countStoresByStatus } from "@/lib/stores/queries";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin" });
  const t = await getTranslations("admin");
  const counts = await countStoresByStatus(actor);
  const pending = counts.PENDING ?? 0;
  return (
    <ConsoleShell
      brand={t("brand")}
      brandHref="/admin"
      userName={actor.name}
      sidebar={
        <>
          <NavLink href="/admin" exact>
            {t("nav.overview")}
          </NavLink>
          <NavLink href="/admin/applications">
            {t("nav.applications")}
            {pending > 0 && <span className="ml-2 rounded-full bg-red-600 px-1.5 text-xs text-white">{pending}</span>}
          </NavLink>
          <NavLink href="/admin/stores">{t("nav.stores")}</NavLink>
        </>
      }
    >
      {children}
    </ConsoleShell>
  );
}
