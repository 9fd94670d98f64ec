import { getTranslations } from "next-intl/server";
import { SurfaceDocument } from "@/components/shell/root-document";
import { ConsoleShell } from "@/components/shell/console-shell";
import { NavLink } from "@/components/shell/nav-link";
import { pageActor } from "@/lib/auth/guards";
import { adminCaseCounts } from "@/lib/protection/queries";
import { countStoresByStatus } from "@/lib/stores/queries";

export { requestRootMetadata as generateMetadata } from "@/components/shell/root-document";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin" });
  const t = await getTranslations("admin");
  const tf = await getTranslations("funds.admin");
  const tr = await getTranslations("funds.recon");
  const counts = await countStoresByStatus(actor);
  const pending = counts.PENDING ?? 0;
  const tp = await getTranslations("protection.nav");
  const cases = await adminCaseCounts(actor);
  return (
    <SurfaceDocument scope="admin">
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
            <NavLink href="/admin/complaints">
              {tp("complaints")}
              {cases.openComplaints > 0 && (
                <span className={`ml-2 rounded-full px-1.5 text-xs text-white ${cases.atRisk > 0 ? "bg-red-600" : "bg-neutral-500"}`}>
                  {cases.openComplaints}
                </span>
              )}
            </NavLink>
            <NavLink href="/admin/refunds">
              {tp("refunds")}
              {cases.failedRefunds > 0 && (
                <span className="ml-2 rounded-full bg-red-600 px-1.5 text-xs text-white">
                  {cases.failedRefunds}
                </span>
              )}
            </NavLink>
            <NavLink href="/admin/funds">{tf("nav")}</NavLink>
            <NavLink href="/admin/reconciliation">{tr("nav")}</NavLink>
            <NavLink href="/admin/audit">{tp("audit")}</NavLink>
          </>
        }
      >
        {children}
      </ConsoleShell>
    </SurfaceDocument>
  );
}
