"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";

/** Admin: resolve a reconciliation discrepancy with a note of what was done (the action is passed in). */
export function ResolveDiscrepancyForm({ id, action }: { id: string; action: (prev: FormState<{ id: string }>, form: FormData) => Promise<FormState<{ id: string }>> }) {
  const t = useTranslations("funds.recon");
  const [state, run] = useActionState(action, null);
  const error = firstError(state, "note");
  return (
    <form action={run} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="id" value={id} />
      <label className="sr-only" htmlFor={`note-${id}`}>
        {t("note")}
      </label>
      <div>
        <input
          id={`note-${id}`}
          name="note"
          required
          minLength={2}
          maxLength={500}
          defaultValue={state?.values?.note ?? ""}
          placeholder={t("notePlaceholder")}
          aria-invalid={error ? true : undefined}
          className="h-8 w-64 rounded-lg border border-neutral-300 px-2 text-sm"
        />
        {error && <p className="mt-1 text-xs text-red-700">{error}</p>}
      </div>
      <SubmitButton size="sm" variant="secondary" pendingLabel={t("saving")}>
        {t("resolve")}
      </SubmitButton>
      <div className="basis-full">{state && !state.ok && !error && <FormStatus state={state} />}</div>
    </form>
  );
}
