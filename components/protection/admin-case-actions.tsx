"use client";
// The admin's tools on a case: ask a party for evidence, settle the complaint (asks first:
// money moves and both parties are told), retry or close a refund WeChat Pay could not pay.
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { closeRefundAction, requestEvidenceAction, retryRefundAction, settleAction } from "@/lib/protection/actions/admin";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { Button } from "@/components/ui/button";
import { firstError, type FieldErrors } from "@/lib/actions/result";
import { EVIDENCE_HOURS_DEFAULT, EVIDENCE_HOURS_MAX, EVIDENCE_HOURS_MIN } from "@/lib/protection/constants";
import { formatFen, parseYuan } from "@/lib/money";
import type { Abilities } from "@/lib/protection/abilities";
import { settleFormProblems } from "@/lib/protection/schemas";
import { TextWithImagesForm } from "./forms";

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3 rounded-lg border border-neutral-200 p-4" aria-label={title}>
      <h3 className="text-sm font-semibold text-neutral-900">{title}</h3>
      {children}
    </section>
  );
}

function RequestEvidenceForm({ complaintId }: { complaintId: string }) {
  const t = useTranslations("protection.admin");
  const tp = useTranslations("protection.party");
  const [state, formAction] = useActionState(requestEvidenceAction, null);
  const v = (k: string, d = "") => (state && !state.ok ? state.values?.[k] : undefined) ?? d;
  return (
    <form action={formAction} noValidate className="space-y-3" aria-label={t("requestEvidenceTitle")}>
      <FormStatus state={state} success={t("evidenceRequested")} />
      <input type="hidden" name="complaintId" value={complaintId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField id="ev-from" label={t("evidenceFrom")} name="from" defaultValue={v("from")} error={firstError(state, "from")} required>
          <option value="">{t("chooseParty")}</option>
          <option value="BUYER">{tp("BUYER")}</option>
          <option value="SELLER">{tp("SELLER")}</option>
        </SelectField>
        <TextField
          id="ev-hours"
          label={t("evidenceHours")}
          name="hours"
          type="number"
          min={EVIDENCE_HOURS_MIN}
          max={EVIDENCE_HOURS_MAX}
          defaultValue={v("hours", String(EVIDENCE_HOURS_DEFAULT))}
          error={firstError(state, "hours")}
          hint={t("evidenceHoursHint", { min: EVIDENCE_HOURS_MIN, max: EVIDENCE_HOURS_MAX })}
          required
        />
      </div>
      <TextAreaField id="ev-note" label={t("evidenceNote")} name="note" defaultValue={v("note")} error={firstError(state, "note")} maxLength={500} rows={2} required />
      <SubmitButton pendingLabel={t("working")} variant="secondary">
        {t("requestEvidence")}
      </SubmitButton>
    </form>
  );
}

function SettleForm({ complaintId, requestedFen, maxFen }: { complaintId: string; requestedFen: number; maxFen: number }) {
  const t = useTranslations("protection.admin");
  const to = useTranslations("protection.outcome");
  const tf = useTranslations("errors.fields");
  const id = useId();
  const [state, formAction] = useActionState(settleAction, null);
  // What the browser found wrong before asking (the server checks it all again).
  const [problems, setProblems] = useState<FieldErrors | null>(null);
  const err = (k: string) => problems?.[k]?.[0] ?? firstError(state, k);
  const formRef = useRef<HTMLFormElement>(null);
  const confirmed = useRef(false);
  const [asking, setAsking] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string>((state && !state.ok ? state.values?.outcome : undefined) ?? "");
  const v = (k: string) => (state && !state.ok ? state.values?.[k] : undefined) ?? "";
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    if (confirmed.current) {
      confirmed.current = false;
      return;
    }
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const o = String(fd.get("outcome") ?? "");
    const typed = String(fd.get("amount") ?? "");
    const found = settleFormProblems({ outcome: o, amount: typed, reason: String(fd.get("reason") ?? "") });
    if (found) {
      const translated = Object.fromEntries(Object.entries(found).map(([k, keys]) => [k, keys.map((m) => (tf.has(m) ? tf(m) : m))]));
      setProblems(translated);
      const first = ["outcome", "amount", "reason"].find((k) => translated[k]);
      const field = first === "outcome" ? e.currentTarget.querySelector<HTMLInputElement>('input[name="outcome"]') : first ? e.currentTarget.elements.namedItem(first) : null;
      if (field instanceof HTMLElement) field.focus();
      return;
    }
    setProblems(null);
    const amount = parseYuan(typed);
    setAsking(
      o === "FULL_REFUND"
        ? t("settleQuestionFull", { amount: formatFen(Math.min(requestedFen, maxFen)) })
        : o === "PARTIAL_REFUND"
          ? t("settleQuestionPartial", { amount: amount ? formatFen(amount) : "?" })
          : o === "REJECTED"
            ? t("settleQuestionReject")
            : t("settleQuestion"),
    );
  };

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" aria-label={t("settleTitle")}>
      <FormStatus state={state} success={t("settled")} />
      <input type="hidden" name="complaintId" value={complaintId} />
      <fieldset aria-describedby={err("outcome") ? `${id}-outcome-error` : undefined}>
        <legend className="mb-1 text-sm font-medium text-neutral-800">
          {t("outcome")}
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        </legend>
        <div className="flex flex-wrap gap-3">
          {(["FULL_REFUND", "PARTIAL_REFUND", "REJECTED"] as const).map((o) => (
            <label key={o} className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm ring-1 ring-neutral-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500">
              <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
              {to(o)}
            </label>
          ))}
        </div>
        {err("outcome") && (
          <p id={`${id}-outcome-error`} role="alert" className="mt-1 text-xs text-red-600">
            {err("outcome")}
          </p>
        )}
      </fieldset>
      {outcome === "PARTIAL_REFUND" && (
        <TextField
          id={`${id}-amount`}
          label={t("settleAmount")}
          name="amount"
          inputMode="decimal"
          defaultValue={v("amount")}
          error={err("amount")}
          hint={t("settleAmountHint", { requested: formatFen(requestedFen), max: formatFen(Math.min(requestedFen, maxFen)) })}
          required
          className="tabular-nums"
        />
      )}
      <TextAreaField id={`${id}-reason`} label={t("decisionReason")} name="reason" defaultValue={v("reason")} error={err("reason")} hint={t("decisionReasonHint")} maxLength={1000} rows={3} required />
      <SubmitButton pendingLabel={t("working")}>{t("settle")}</SubmitButton>
      {asking && (
        <div className="fixed inset-0 z-40 flex items-center justify-center bg-black/40" onClick={() => setAsking(null)}>
          <div role="alertdialog" aria-modal="true" aria-labelledby={`${id}-q`} className="w-full max-w-md rounded-2xl bg-white p-5" onClick={(e) => e.stopPropagation()}>
            <p id={`${id}-q`} className="text-base font-semibold text-neutral-900">
              {asking}
            </p>
            <p className="mt-2 text-sm text-neutral-600">{t("settleDetail")}</p>
            <div className="mt-5 flex justify-end gap-3">
              <Button variant="secondary" onClick={() => setAsking(null)}>
                {t("back")}
              </Button>
              <Button
                ref={confirmRef}
                onClick={() => {
                  confirmed.current = true;
                  setAsking(null);
                  formRef.current?.requestSubmit();
                }}
              >
                {t("settleConfirm")}
              </Button>
            </div>
          </div>
        </div>
      )}
    </form>
  );
}

export function AdminCaseActions({
  requestId,
  complaintId,
  can,
  requestedFen,
  maxRefundFen,
  refundHeldByWechat = false,
}: {
  requestId: string;
  complaintId: string | null;
  can: Abilities;
  requestedFen: number;
  maxRefundFen: number;
  /** The failed refund waits at WeChat Pay (ABNORMAL): settled in the merchant platform, never sent again. */
  refundHeldByWechat?: boolean;
}) {
  const t = useTranslations("protection.admin");
  if (!can.settle && !can.requestEvidence && !can.retryRefund && !can.closeRefund) return null;
  return (
    <div className="space-y-4">
      {can.settle && complaintId && (
        <Block title={t("settleTitle")}>
          <SettleForm complaintId={complaintId} requestedFen={requestedFen} maxFen={maxRefundFen} />
        </Block>
      )}
      {can.requestEvidence && complaintId && (
        <Block title={t("requestEvidenceTitle")}>
          <RequestEvidenceForm complaintId={complaintId} />
        </Block>
      )}
      {can.retryRefund && (
        <Block title={t("retryTitle")}>
          <TextWithImagesForm action={retryRefundAction} hidden={{ requestId }} title={t("retryTitle")} textName="reason" textLabel={t("adminReason")} maxLength={500} rows={2} submitLabel={t("retry")} pendingLabel={t("working")} />
        </Block>
      )}
      {can.closeRefund && (
        <Block title={t("closeTitle")}>
          {refundHeldByWechat && (
            <p role="note" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t("heldByWechatHint")}
            </p>
          )}
          <TextWithImagesForm
            action={closeRefundAction}
            hidden={{ requestId }}
            title={t("closeTitle")}
            textName="reason"
            textLabel={t("adminReason")}
            textHint={t("closeHint")}
            maxLength={500}
            rows={2}
            submitLabel={t("closeRefund")}
            pendingLabel={t("working")}
            variant="danger"
          />
        </Block>
      )}
    </div>
  );
}
