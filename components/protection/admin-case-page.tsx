import Link from "next/link";
import { useTranslations } from "next-intl";
import { PageHeader } from "@/components/ui/card";
import type { CaseView, EvidenceBundle } from "@/lib/protection/queries";
import { AdminCaseActions } from "./admin-case-actions";
import { ConsoleCasePage } from "./case-pages";

/** The admin's case page (reached from the complaint queue or the refunds queue). */
export function AdminCasePage({ c, back }: { c: CaseView & { bundle: EvidenceBundle }; back: { href: string; label: string } }) {
  const t = useTranslations("protection.case");
  return (
    <>
      <Link href={back.href} className="mb-2 inline-block text-sm text-neutral-600 hover:underline">
        ← {back.label}
      </Link>
      <PageHeader title={c.complaint ? t("complaintTitle", { caseNo: c.complaint.caseNo }) : t("consoleTitle", { caseNo: c.caseNo })} description={c.complaint ? t("complaintOf", { caseNo: c.caseNo, store: c.store.name }) : c.store.name} />
      <ConsoleCasePage
        c={c}
        serverNow={Date.now()}
        bundle={c.bundle}
        actions={<AdminCaseActions requestId={c.id} complaintId={c.complaint?.id ?? null} can={c.can} requestedFen={c.requestedFen} maxRefundFen={c.maxRefundFen} refundHeldByWechat={c.refundHeldByWechat} />}
      />
    </>
  );
}
