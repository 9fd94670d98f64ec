import { getTranslations } from "next-intl/server";
import { CaseTabs, ComplaintQueueTable } from "@/components/protection/case-lists";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { AT_RISK_HOURS } from "@/lib/protection/constants";
import { COMPLAINT_TABS, listComplaintQueue, type ComplaintTab } from "@/lib/protection/queries";

export default async function ComplaintQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin/complaints" });
  const tab = (COMPLAINT_TABS as readonly string[]).includes(String(sp.tab)) ? (sp.tab as ComplaintTab) : "open";
  const { complaints, counts } = await orNotFound(listComplaintQueue(actor, { tab }));
  const t = await getTranslations("protection.admin");
  return (
    <>
      <PageHeader title={t("queueTitle")} description={t("queueIntro", { hours: AT_RISK_HOURS })} />
      <CaseTabs label={t("tabsLabel")} tabs={COMPLAINT_TABS} active={tab} hrefFor={(tb) => `/admin/complaints?tab=${tb}`} labelFor={(tb) => t(`tabs.${tb}`)} counts={{ open: counts.open, atRisk: counts.atRisk }} />
      {complaints.length === 0 ? <EmptyState title={t(`empty.${tab}`)} /> : <ComplaintQueueTable complaints={complaints} serverNow={Date.now()} />}
    </>
  );
}
