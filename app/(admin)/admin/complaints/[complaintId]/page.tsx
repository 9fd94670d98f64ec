import { getTranslations } from "next-intl/server";
import { AdminCasePage } from "@/components/protection/admin-case-page";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { complaintRequestId, getAdminCase } from "@/lib/protection/queries";

export default async function AdminComplaintPage({ params }: { params: Promise<{ complaintId: string }> }) {
  const { complaintId } = await params;
  const actor = await pageActor({ roles: ["ADMIN"], next: `/admin/complaints/${complaintId}` });
  const requestId = await orNotFound(complaintRequestId(actor, complaintId));
  const c = await orNotFound(getAdminCase(actor, requestId));
  const t = await getTranslations("protection.admin");
  return <AdminCasePage c={c} back={{ href: "/admin/complaints", label: t("backToQueue") }} />;
}
