import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConsoleCasePage } from "@/components/protection/case-pages";
import { SellerCaseActions } from "@/components/protection/seller-case-actions";
import { PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { getSellerCase } from "@/lib/protection/queries";

export default async function SellerCasePage({ params }: { params: Promise<{ storeId: string; caseId: string }> }) {
  const { storeId, caseId } = await params;
  const base = `/seller/stores/${storeId}/cases`;
  const actor = await pageActor({ roles: ["SELLER"], next: `${base}/${caseId}` });
  const c = await orNotFound(getSellerCase(actor, storeId, caseId));
  const t = await getTranslations("protection.case");
  return (
    <>
      <Link href={base} className="mb-2 inline-block text-sm text-neutral-600 hover:underline">
        ← {t("backToStoreCases")}
      </Link>
      <PageHeader title={t("consoleTitle", { caseNo: c.caseNo })} />
      <ConsoleCasePage
        c={c}
        serverNow={Date.now()}
        storeId={storeId}
        actions={<SellerCaseActions storeId={storeId} requestId={c.id} type={c.type} can={c.can} requestedFen={c.requestedFen} maxRefundFen={c.maxRefundFen} savedReturnAddress={c.storeReturnAddress} />}
      />
    </>
  );
}
