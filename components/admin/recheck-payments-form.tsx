"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormState } from "@/lib/actions/result";

type Outcome = { state: "BOUND" | "FAILED" | "SKIPPED" };

/** Admin: check the store's WeChat Pay binding again (the action is passed in by the page). */
export function RecheckPaymentsForm({ storeId, action }: { storeId: string; action: (prev: FormState<Outcome>, form: FormData) => Promise<FormState<Outcome>> }) {
  const t = useTranslations("funds.account");
  const [state, run] = useActionState(action, null);
  return (
    <form action={run} className="space-y-2 border-t border-neutral-200 pt-3">
      <FormStatus state={state} success={state?.ok && state.data.state !== "SKIPPED" ? t("recheckDone", { state: t(`state.${state.data.state}`) }) : undefined} />
      <input type="hidden" name="storeId" value={storeId} />
      <SubmitButton variant="secondary" pendingLabel={t("working")}>
        {t("recheck")}
      </SubmitButton>
      <p className="text-xs text-neutral-500">{t("recheckHint")}</p>
    </form>
  );
}
