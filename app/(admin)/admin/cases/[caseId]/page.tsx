import { getTranslations } from "next-intl/server";
import { AdminCasePage } from "@/components/protection/admin-case-page";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getAdminCase } from "@/lib/protection/queries";

export default async function AdminCaseRoute({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const actor = await pageActor({ roles: ["ADMIN"], next: `/admin/cases/${caseId}` });
  const c = await orNotFound(getAdminCase(actor, caseId));
  const t = await getTranslations("protection.admin");
  return <AdminCasePage c={c} back={c.complaint ? { href: "/admin/complaints", label: t("backToQueue") } : { href: "/admin/refunds", label: t("backToRefunds") }} />;
}
