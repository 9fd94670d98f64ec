"use client";
// What the seller can do on a case of their store now (exactly the abilities the server computed).
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import {
  acceptRequestAction,
  acceptReturnAction,
  confirmReturnAction,
  offerAction,
  rejectRequestAction,
  rejectReturnAction,
  sellerEvidenceAction,
} from "@/lib/protection/actions/seller";
import { ConfirmAction } from "@/components/orders/confirm-action";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError } from "@/lib/actions/result";
import { formatFen } from "@/lib/money";
import type { Abilities } from "@/lib/protection/abilities";
import type { ReturnAddressView } from "@/lib/protection/format";
import { reasonText } from "@/lib/protection/schemas";
import { TextWithImagesForm } from "./forms";

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3 rounded-lg border border-neutral-200 p-4" aria-label={title}>
      <h3 className="text-sm font-semibold text-neutral-900">{title}</h3>
      {children}
    </section>
  );
}

function AcceptReturnForm({ storeId, requestId, saved }: { storeId: string; requestId: string; saved: ReturnAddressView | null }) {
  const t = useTranslations("protection.actions");
  const [state, formAction] = useActionState(acceptReturnAction, null);
  const v = (k: "recipient" | "phone" | "address") => (state && !state.ok ? state.values?.[k] : undefined) ?? saved?.[k] ?? "";
  const err = (k: string) => firstError(state, `returnAddress.${k}`) ?? firstError(state, k) ?? (k === "recipient" ? firstError(state, "returnAddress") : undefined);
  return (
    <form action={formAction} noValidate className="space-y-3" aria-label={t("acceptReturnTitle")}>
      <FormStatus state={state} />
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="requestId" value={requestId} />
      <p className="text-sm text-neutral-600">{t("acceptReturnHint")}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id="ra-recipient" label={t("returnRecipient")} name="recipient" defaultValue={v("recipient")} error={err("recipient")} required maxLength={20} />
        <TextField id="ra-phone" label={t("returnPhone")} name="phone" type="tel" defaultValue={v("phone")} error={err("phone")} required />
      </div>
      <TextAreaField id="ra-address" label={t("returnAddress")} name="address" defaultValue={v("address")} error={err("address")} required maxLength={200} rows={2} />
      <SubmitButton pendingLabel={t("working")}>{t("acceptReturn")}</SubmitButton>
    </form>
  );
}

function OfferForm({ storeId, requestId, requestedFen, maxFen }: { storeId: string; requestId: string; requestedFen: number; maxFen: number }) {
  const t = useTranslations("protection.actions");
  const [state, formAction] = useActionState(offerAction, null);
  const v = (k: string) => (state && !state.ok ? state.values?.[k] : undefined) ?? "";
  return (
    <form action={formAction} noValidate className="space-y-3" aria-label={t("offerTitle")}>
      <FormStatus state={state} />
      <input type="hidden" name="storeId" value={storeId} />
      <input type="hidden" name="requestId" value={requestId} />
      <TextField
        id="offer-amount"
        label={t("offerAmount")}
        name="amount"
        inputMode="decimal"
        defaultValue={v("amount")}
        error={firstError(state, "amount")}
        hint={t("offerHint", { requested: formatFen(requestedFen), max: formatFen(Math.min(maxFen, requestedFen - 1)) })}
        required
        className="tabular-nums"
      />
      <TextAreaField id="offer-note" label={t("offerNote")} name="note" defaultValue={v("note")} error={firstError(state, "note")} maxLength={500} rows={2} />
      <SubmitButton pendingLabel={t("working")} variant="secondary">
        {t("offer")}
      </SubmitButton>
    </form>
  );
}

export function SellerCaseActions({
  storeId,
  requestId,
  type,
  can,
  requestedFen,
  maxRefundFen,
  savedReturnAddress,
}: {
  storeId: string;
  requestId: string;
  type: "REFUND_ONLY" | "RETURN_AND_REFUND";
  can: Abilities;
  requestedFen: number;
  maxRefundFen: number;
  savedReturnAddress: ReturnAddressView | null;
}) {
  const t = useTranslations("protection.actions");
  const tf = useTranslations("errors.fields");
  const hidden = { storeId, requestId };
  // A rejection is checked, then confirmed, before it is sent: the buyer is told at once.
  const checkReason = (text: string) => {
    const r = reasonText.safeParse(text);
    if (r.success) return null;
    const key = r.error.issues[0].message;
    return tf.has(key) ? tf(key) : key;
  };
  const target = { storeId };
  const refundNow = Math.min(requestedFen, maxRefundFen);
  return (
    <div className="space-y-4">
      {can.accept && type === "REFUND_ONLY" && (
        <Block title={t("acceptTitle")}>
          <p className="text-sm text-neutral-600">{t("acceptRefundHint", { amount: formatFen(refundNow) })}</p>
          <ConfirmAction
            trigger="button"
            label={t("acceptRefund", { amount: formatFen(refundNow) })}
            question={t("acceptRefundQuestion", { amount: formatFen(refundNow) })}
            detail={t("acceptRefundDetail")}
            confirmLabel={t("acceptRefundConfirm")}
            keepLabel={t("notNow")}
            pendingLabel={t("working")}
            run={() => acceptRequestAction({ storeId, requestId })}
          />
        </Block>
      )}
      {can.accept && type === "RETURN_AND_REFUND" && (
        <Block title={t("acceptReturnTitle")}>
          <AcceptReturnForm storeId={storeId} requestId={requestId} saved={savedReturnAddress} />
        </Block>
      )}
      {can.confirmReturn && (
        <Block title={t("confirmReturnTitle")}>
          <p className="text-sm text-neutral-600">{t("confirmReturnHint", { amount: formatFen(refundNow) })}</p>
          <ConfirmAction
            trigger="button"
            label={t("confirmReturn")}
            question={t("confirmReturnQuestion", { amount: formatFen(refundNow) })}
            detail={t("confirmReturnDetail")}
            confirmLabel={t("confirmReturnConfirm")}
            keepLabel={t("notNow")}
            pendingLabel={t("working")}
            run={() => confirmReturnAction({ storeId, requestId })}
          />
        </Block>
      )}
      {can.offer && (
        <Block title={t("offerTitle")}>
          <OfferForm storeId={storeId} requestId={requestId} requestedFen={requestedFen} maxFen={maxRefundFen} />
        </Block>
      )}
      {can.reject && (
        <Block title={t("rejectTitle")}>
          <TextWithImagesForm
            action={rejectRequestAction}
            hidden={hidden}
            title={t("rejectTitle")}
            textName="reason"
            textLabel={t("rejectReason")}
            textHint={t("rejectHint")}
            maxLength={500}
            submitLabel={t("reject")}
            pendingLabel={t("working")}
            variant="danger"
            confirm={{ question: t("rejectQuestion"), detail: t("rejectDetail"), confirmLabel: t("rejectConfirm"), keepLabel: t("notNow"), check: checkReason }}
          />
        </Block>
      )}
      {can.rejectReturn && (
        <Block title={t("rejectReturnTitle")}>
          <TextWithImagesForm
            action={rejectReturnAction}
            hidden={hidden}
            title={t("rejectReturnTitle")}
            textName="reason"
            textLabel={t("rejectReturnReason")}
            textHint={t("rejectHint")}
            maxLength={500}
            submitLabel={t("rejectReturn")}
            pendingLabel={t("working")}
            variant="danger"
            confirm={{ question: t("rejectReturnQuestion"), detail: t("rejectReturnDetail"), confirmLabel: t("rejectReturnConfirm"), keepLabel: t("notNow"), check: checkReason }}
          />
        </Block>
      )}
      {can.submitEvidence && (
        <Block title={t("evidenceTitle")}>
          <TextWithImagesForm
            action={sellerEvidenceAction}
            hidden={hidden}
            title={t("evidenceTitle")}
            textName="note"
            textLabel={t("evidenceNote")}
            images={{ name: "imageIds", label: t("evidenceImages"), target }}
            submitLabel={t("sendEvidence")}
            pendingLabel={t("working")}
          />
        </Block>
      )}
    </div>
  );
}
