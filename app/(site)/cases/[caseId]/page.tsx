import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BuyerPage } from "@/components/orders/mobile";
import { BuyerCasePage } from "@/components/protection/case-pages";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getBuyerCase } from "@/lib/protection/queries";
import { currentProtectionTerms } from "@/lib/protection/terms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("protection.case");
  return { title: t("title"), robots: { index: false } };
}

export default async function BuyerCaseRoute({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const actor = await pageActor({ roles: ["BUYER"], next: `/cases/${encodeURIComponent(caseId)}` });
  const c = await orNotFound(getBuyerCase(actor, caseId));
  const t = await getTranslations("protection.case");
  return (
    <BuyerPage title={t("title")} back={{ href: "/cases", label: t("backToCases") }}>
      <BuyerCasePage c={c} serverNow={Date.now()} maxImages={currentProtectionTerms().maxEvidenceImages} />
    </BuyerPage>
  );
}
