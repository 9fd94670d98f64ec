"use client";
// Small forms every party's case page uses: a text (reason, statement, note, message) with
// optional evidence images, and the return shipment. Each posts to a server action through
// useActionState, keeps what was typed on failure, and clears itself after success.
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { firstError, type FormState } from "@/lib/actions/result";
import { CARRIERS } from "@/lib/orders/schemas";
import { EvidenceInput, type UploadTarget } from "./evidence-input";

export type FormAction = (prev: FormState<null>, formData: FormData) => Promise<FormState<null>>;

function Hidden({ fields }: { fields: Record<string, string> }) {
  return (
    <>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

/** Asks before a form is sent (a decision the other party is told of at once). */
export interface ConfirmFirst {
  question: string;
  detail?: string;
  confirmLabel: string;
  keepLabel: string;
  /** The text's problem in words, checked before asking (the server checks it again); null when fine. */
  check?: (text: string) => string | null;
}

/** A text field (and optionally evidence images) posted to `action`; with `confirm`, checked and confirmed first. */
export function TextWithImagesForm({
  action,
  hidden,
  title,
  textName,
  textLabel,
  textHint,
  maxLength = 1000,
  images,
  submitLabel,
  pendingLabel,
  success,
  variant = "primary",
  rows = 3,
  confirm,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  title: string;
  textName: string;
  textLabel: string;
  textHint?: string;
  maxLength?: number;
  images?: { name: string; label: string; target: UploadTarget; max?: number };
  submitLabel: string;
  pendingLabel: string;
  success?: string;
  variant?: "primary" | "secondary" | "danger";
  rows?: number;
  confirm?: ConfirmFirst;
}) {
  const id = useId();
  const [state, formAction] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const confirmed = useRef(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!asking) return;
    confirmRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setAsking(false);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [asking]);
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    if (!confirm) return;
    if (confirmed.current) {
      confirmed.current = false;
      return;
    }
    e.preventDefault();
    const field = e.currentTarget.elements.namedItem(textName);
    const found = confirm.check?.(field instanceof HTMLTextAreaElement ? field.value : "") ?? null;
    setProblem(found);
    if (found) {
      if (field instanceof HTMLTextAreaElement) field.focus();
      return;
    }
    setAsking(true);
  };
  const [imageIds, setImageIds] = useState<string[]>([]);
  const last = useRef(state);
  useEffect(() => {
    if (state !== last.current && state?.ok) setImageIds([]);
    last.current = state;
  }, [state]);
  const v = (k: string) => (state && !state.ok ? state.values?.[k] : undefined) ?? "";
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" aria-label={title}>
      <FormStatus state={state} success={success} />
      <Hidden fields={hidden} />
      <TextAreaField
        id={`${id}-${textName}`}
        label={textLabel}
        name={textName}
        defaultValue={v(textName)}
        error={problem ?? firstError(state, textName)}
        hint={textHint}
        maxLength={maxLength}
        rows={rows}
        required
      />
      {images && (
        <EvidenceInput value={imageIds} onChange={setImageIds} target={images.target} max={images.max ?? 9} label={images.label} name={images.name} error={firstError(state, images.name)} />
      )}
      <SubmitButton pendingLabel={pendingLabel} variant={variant}>
        {submitLabel}
      </SubmitButton>
      {confirm && asking && (
        <div className="fixed inset-0 z-40 flex items-center justify-center bg-black/40" onClick={() => setAsking(false)}>
          <div
            role="alertdialog"
            aria-modal="true"
            aria-labelledby={`${id}-q`}
            aria-describedby={confirm.detail ? `${id}-d` : undefined}
            className="w-full max-w-md rounded-2xl bg-white p-5"
            onClick={(e) => e.stopPropagation()}
          >
            <p id={`${id}-q`} className="text-base font-semibold text-neutral-900">
              {confirm.question}
            </p>
            {confirm.detail && (
              <p id={`${id}-d`} className="mt-2 text-sm text-neutral-600">
                {confirm.detail}
              </p>
            )}
            <div className="mt-5 flex justify-end gap-3">
              <Button variant="secondary" onClick={() => setAsking(false)}>
                {confirm.keepLabel}
              </Button>
              <Button
                ref={confirmRef}
                variant={variant === "danger" ? "danger" : "primary"}
                onClick={() => {
                  confirmed.current = true;
                  setAsking(false);
                  formRef.current?.requestSubmit();
                }}
              >
                {confirm.confirmLabel}
              </Button>
            </div>
          </div>
        </div>
      )}
    </form>
  );
}

/** The buyer's return shipment: carrier and tracking number. */
export function ShipReturnForm({ action, requestId }: { action: FormAction; requestId: string }) {
  const t = useTranslations("protection.actions");
  const to = useTranslations("orders");
  const [state, formAction] = useActionState(action, null);
  const v = (k: string) => (state && !state.ok ? state.values?.[k] : undefined) ?? "";
  return (
    <form action={formAction} noValidate className="space-y-3" aria-label={t("shipReturnTitle")}>
      <FormStatus state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <SelectField id="return-carrier" label={t("returnCarrier")} name="carrier" defaultValue={v("carrier")} error={firstError(state, "carrier")} required>
        <option value="">{t("chooseCarrier")}</option>
        {CARRIERS.map((c) => (
          <option key={c} value={c}>
            {to(`carriers.${c}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="return-tracking"
        label={t("returnTrackingNo")}
        name="trackingNo"
        defaultValue={v("trackingNo")}
        error={firstError(state, "trackingNo")}
        required
        maxLength={30}
        autoCapitalize="characters"
        spellCheck={false}
        className="font-mono"
      />
      <SubmitButton pendingLabel={t("working")}>{t("shipReturn")}</SubmitButton>
    </form>
  );
}
