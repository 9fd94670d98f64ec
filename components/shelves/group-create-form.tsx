"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";

type Action = (prev: FormState<{ id: string; name: string; position: number }>, fd: FormData) => Promise<FormState<{ id: string; name: string; position: number }>>;

/** Adds a group at the end of the list. Keeps what was typed on failure; clears on success. */
export function GroupCreateForm({ storeId, action }: { storeId: string; action: Action }) {
  const t = useTranslations("shelves");
  const [state, formAction] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="space-y-3" noValidate>
      <FormStatus state={state} success={state?.ok ? t("groupCreated", { name: state.data.name }) : undefined} />
      <input type="hidden" name="storeId" value={storeId} />
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <TextField label={t("newGroupName")} name="name" defaultValue={state?.values?.name ?? ""} error={firstError(state, "name")} maxLength={20} required />
        </div>
        <SubmitButton pendingLabel={t("creating")}>{t("createGroup")}</SubmitButton>
      </div>
    </form>
  );
}
