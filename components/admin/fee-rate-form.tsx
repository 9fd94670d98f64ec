"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";

type Saved = { scope: string; rateBps: number | null };

/** One fee rate (the platform's, or a category's override), in percent; the action is passed in by the page. */
export function FeeRateForm({ scope, label, percent, inheritedPercent, action }: { scope: string; label: string; percent: string; inheritedPercent?: string; action: (prev: FormState<Saved>, form: FormData) => Promise<FormState<Saved>> }) {
  const t = useTranslations("funds.admin");
  const [state, run] = useActionState(action, null);
  const id = `rate-${scope}`;
  const error = firstError(state, "percent");
  return (
    <form action={run} className="flex flex-wrap items-end gap-3 py-2">
      <input type="hidden" name="scope" value={scope} />
      <label htmlFor={id} className="w-40 text-sm text-neutral-700">
        {label}
      </label>
      <div>
        <div className="flex items-center gap-1">
          <input
            id={id}
            name="percent"
            inputMode="decimal"
            defaultValue={state?.values?.percent ?? percent}
            placeholder={inheritedPercent}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className="h-9 w-24 rounded-lg border border-neutral-300 px-3 text-right tabular-nums"
          />
          <span className="text-sm text-neutral-500">%</span>
        </div>
        {error && (
          <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
      <SubmitButton variant="secondary" pendingLabel={t("saving")}>
        {t("save")}
      </SubmitButton>
      <div className="basis-full">
        <FormStatus state={state?.ok ? null : state} />
        {state?.ok && <p role="status" className="text-xs text-brand-700">{t("saved")}</p>}
      </div>
    </form>
  );
}

/** Admin: try a failed settlement again now. */
export function RetrySettlementForm({ orderId, action }: { orderId: string; action: (prev: FormState<{ orderId: string }>, form: FormData) => Promise<FormState<{ orderId: string }>> }) {
  const t = useTranslations("funds.admin");
  const [state, run] = useActionState(action, null);
  return (
    <form action={run}>
      <input type="hidden" name="orderId" value={orderId} />
      <FormStatus state={state} success={t("retried")} />
      <SubmitButton size="sm" variant="secondary" pendingLabel={t("saving")}>
        {t("retry")}
      </SubmitButton>
    </form>
  );
}
