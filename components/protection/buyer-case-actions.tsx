"use client";
// What the buyer can do on their case now (exactly the abilities the server computed).
import { useTranslations } from "next-intl";
import { acceptOfferAction, buyerEvidenceAction, declineOfferAction, escalateAction, shipReturnAction, withdrawRequestAction } from "@/lib/protection/actions/buyer";
import { ConfirmAction } from "@/components/orders/confirm-action";
import type { Abilities } from "@/lib/protection/abilities";
import { formatFen } from "@/lib/money";
import { ShipReturnForm, TextWithImagesForm } from "./forms";

export function BuyerCaseActions({ requestId, orderId, can, offeredFen, maxImages }: { requestId: string; orderId: string; can: Abilities; offeredFen: number | null; maxImages: number }) {
  const t = useTranslations("protection.actions");
  const target = { orderId };
  return (
    <div className="space-y-5">
      {(can.acceptOffer || can.declineOffer) && (
        <div className="flex flex-wrap items-center gap-3">
          {can.acceptOffer && offeredFen !== null && (
            <ConfirmAction
              trigger="pillPrimary"
              label={t("acceptOffer", { amount: formatFen(offeredFen) })}
              question={t("acceptOfferQuestion", { amount: formatFen(offeredFen) })}
              detail={t("acceptOfferDetail")}
              confirmLabel={t("acceptOfferConfirm")}
              keepLabel={t("notNow")}
              pendingLabel={t("working")}
              run={() => acceptOfferAction({ requestId })}
            />
          )}
          {can.declineOffer && (
            <ConfirmAction
              label={t("declineOffer")}
              question={t("declineOfferQuestion")}
              detail={t("declineOfferDetail")}
              confirmLabel={t("declineOfferConfirm")}
              keepLabel={t("notNow")}
              pendingLabel={t("working")}
              tone="danger"
              run={() => declineOfferAction({ requestId })}
            />
          )}
        </div>
      )}
      {can.shipReturn && <ShipReturnForm action={shipReturnAction} requestId={requestId} />}
      {can.submitEvidence && (
        <TextWithImagesForm
          action={buyerEvidenceAction}
          hidden={{ requestId }}
          title={t("evidenceTitle")}
          textName="note"
          textLabel={t("evidenceNote")}
          images={{ name: "imageIds", label: t("evidenceImages"), target, max: maxImages }}
          submitLabel={t("sendEvidence")}
          pendingLabel={t("working")}
        />
      )}
      {can.escalate && (
        <TextWithImagesForm
          action={escalateAction}
          hidden={{ requestId }}
          title={t("escalateTitle")}
          textName="statement"
          textLabel={t("statement")}
          textHint={t("statementHint")}
          images={{ name: "evidenceImageIds", label: t("evidenceImages"), target, max: maxImages }}
          submitLabel={t("escalate")}
          pendingLabel={t("working")}
          rows={4}
        />
      )}
      {can.withdraw && (
        <ConfirmAction
          label={t("withdraw")}
          question={t("withdrawQuestion")}
          detail={t("withdrawDetail")}
          confirmLabel={t("withdrawConfirm")}
          keepLabel={t("keepCase")}
          pendingLabel={t("working")}
          tone="danger"
          run={() => withdrawRequestAction({ requestId })}
        />
      )}
    </div>
  );
}
