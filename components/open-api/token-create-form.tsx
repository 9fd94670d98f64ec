"use client";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";
import { TOKEN_LIFETIMES, TOKEN_LIMITS } from "@/lib/api/open-v1/token-rules";

export interface CreatedTokenView {
  id: string;
  name: string;
  prefix: string;
  expiresAt: string | null;
  /** The secret: only in this answer, never shown again. */
  token: string;
}

type Action = (prev: FormState<CreatedTokenView>, fd: FormData) => Promise<FormState<CreatedTokenView>>;

/** Creates a token. The secret appears once, above the form, until the seller leaves the page. */
export function TokenCreateForm({ storeId, action }: { storeId: string; action: Action }) {
  const t = useTranslations("openapi.tokens");
  const [state, formAction] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <div className="space-y-4">
      {state?.ok && <NewTokenSecret key={state.data.id} name={state.data.name} token={state.data.token} />}
      <form ref={form} action={formAction} className="space-y-3" noValidate>
        {state && !state.ok && <FormStatus state={state} />}
        <input type="hidden" name="storeId" value={storeId} />
        <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
          <TextField
            label={t("name")}
            name="name"
            hint={t("nameHint")}
            defaultValue={state?.values?.name ?? ""}
            error={firstError(state, "name")}
            maxLength={TOKEN_LIMITS.name}
            autoComplete="off"
            required
          />
          <SelectField label={t("expires")} name="expiresInDays" defaultValue={state?.values?.expiresInDays ?? "0"} error={firstError(state, "expiresInDays")}>
            {TOKEN_LIFETIMES.map((days) => (
              <option key={days} value={String(days)}>
                {days === 0 ? t("expiresNever") : t("expiresAfter", { days })}
              </option>
            ))}
          </SelectField>
        </div>
        <SubmitButton pendingLabel={t("creating")}>{t("create")}</SubmitButton>
      </form>
    </div>
  );
}

/** The one-time display of a new token's secret, focused so it is read out and easy to copy. */
export function NewTokenSecret({ name, token }: { name: string; token: string }) {
  const t = useTranslations("openapi.tokens");
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("ok");
    } catch {
      input.current?.select();
      setCopied("failed");
    }
  }
  return (
    <section aria-labelledby="new-token-title" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
      <h3 id="new-token-title" className="font-medium">
        {t("createdTitle", { name })}
      </h3>
      <p className="mt-1">{t("createdBody")}</p>
      <div className="mt-3 flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <TextField ref={input} label={t("secretLabel")} name="newToken" id="new-token" value={token} readOnly spellCheck={false} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
        </div>
        <Button variant="secondary" onClick={copy}>
          {t("copy")}
        </Button>
      </div>
      <p aria-live="polite" className="mt-2 min-h-4 text-xs">
        {copied === "ok" ? t("copied") : copied === "failed" ? t("copyFailed") : ""}
      </p>
    </section>
  );
}
