"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { approveAction, reinstateAction, rejectAction, suspendAction } from "@/lib/stores/actions/review";
import { TextAreaField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError } from "@/lib/actions/result";

type Status = "PENDING" | "APPROVED" | "REJECTED" | "SUSPENDED";

/** The admin's decision forms for the store's current status. */
export function ReviewPanel({ storeId, status }: { storeId: string; status: Status }) {
  const t = useTranslations("admin");
  const [approveState, approve] = useActionState(approveAction, null);
  const [rejectState, reject] = useActionState(rejectAction, null);
  const [suspendState, suspend] = useActionState(suspendAction, null);
  const [reinstateState, reinstate] = useActionState(reinstateAction, null);

  if (status === "PENDING") {
    return (
      <div className="space-y-6">
        <form action={approve} className="space-y-2">
          <FormStatus state={approveState} />
          <input type="hidden" name="storeId" value={storeId} />
          <SubmitButton block pendingLabel={t("working")}>{t("approve")}</SubmitButton>
        </form>
        <form action={reject} className="space-y-3 border-t border-neutral-200 pt-5">
          <FormStatus state={rejectState} />
          <input type="hidden" name="storeId" value={storeId} />
          <TextAreaField
            label={t("rejectReason")}
            name="reason"
            defaultValue={rejectState?.values?.reason ?? ""}
            error={firstError(rejectState, "reason")}
            hint={t("reasonVisible")}
            required
            maxLength={500}
          />
          <SubmitButton variant="danger" block pendingLabel={t("working")}>
            {t("reject")}
          </SubmitButton>
        </form>
      </div>
    );
  }
  if (status === "APPROVED") {
    return (
      <form action={suspend} className="space-y-3">
        <FormStatus state={suspendState} />
        <input type="hidden" name="storeId" value={storeId} />
        <TextAreaField
          label={t("suspendReason")}
          name="reason"
          defaultValue={suspendState?.values?.reason ?? ""}
          error={firstError(suspendState, "reason")}
          hint={t("reasonVisible")}
          required
          maxLength={500}
        />
        <SubmitButton variant="danger" block pendingLabel={t("working")}>
          {t("suspend")}
        </SubmitButton>
      </form>
    );
  }
  if (status === "SUSPENDED") {
    return (
      <form action={reinstate} className="space-y-2">
        <FormStatus state={reinstateState} />
        <input type="hidden" name="storeId" value={storeId} />
        <SubmitButton block pendingLabel={t("working")}>{t("reinstate")}</SubmitButton>
      </form>
    );
  }
  return <p className="text-sm text-neutral-500">{t("awaitingResubmission")}</p>;
}
