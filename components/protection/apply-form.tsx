"use client";
// The buyer's after-sale request for some lines of an order: which items, refund only or
// return, why, how much (at most what those items can still get back — postage too when
// every item is included), a description and up to nine photos. State lives in React (the
// amount's ceiling follows the chosen items); the server checks everything again.
import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { openRequestAction } from "@/lib/protection/actions/buyer";
import { specLabel } from "@/components/catalog/spec-label";
import { LineImage } from "@/components/orders/order-lines";
import { Notice } from "@/components/ui/notice";
import { controlClass } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/actions/result";
import { fenToYuanString, formatFen } from "@/lib/money";
import { AFTER_SALE_REASONS, REFUND_ONLY_REASONS, type AfterSaleReason } from "@/lib/protection/constants";
import type { ApplyForm as ApplyFormData } from "@/lib/protection/queries";
import { EvidenceInput } from "./evidence-input";

type Type = "REFUND_ONLY" | "RETURN_AND_REFUND";

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs text-red-600">
      {error}
    </p>
  );
}

export function ApplyForm({ form }: { form: ApplyFormData }) {
  const t = useTranslations("protection.apply");
  const tt = useTranslations("protection.types");
  const tr = useTranslations("protection.reasons");
  const to = useTranslations("orders");
  const choosable = form.lines.filter((l) => !l.inOpenCase && l.remainingFen > 0);
  const [lineIds, setLineIds] = useState<string[]>(choosable.length === 1 ? [choosable[0].id] : []);
  const [type, setType] = useState<Type>(form.types.length === 1 ? form.types[0] : ("" as Type));
  const [reason, setReason] = useState<AfterSaleReason | "">("");
  const [amount, setAmount] = useState("");
  const [amountTouched, setAmountTouched] = useState(false);
  const [description, setDescription] = useState("");
  const [images, setImages] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const allLines = lineIds.length === form.lines.length;
  const maxFen = useMemo(() => {
    const lines = form.lines.filter((l) => lineIds.includes(l.id)).reduce((n, l) => n + l.remainingFen, 0);
    return Math.min(lines + (allLines ? form.postageRemainingFen : 0), form.orderRemainingFen);
  }, [form, lineIds, allLines]);
  // Until the buyer types an amount, it follows the chosen items' maximum.
  const shownAmount = amountTouched ? amount : maxFen > 0 ? fenToYuanString(maxFen) : "";
  const reasons = AFTER_SALE_REASONS.filter((r) => type !== "RETURN_AND_REFUND" || !REFUND_ONLY_REASONS.includes(r));
  const err = (k: string) => errors[k]?.[0];

  const toggle = (id: string) => setLineIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFormError(null);
    start(async () => {
      const r = await openRequestAction({ orderId: form.orderId, lineIds, type: type || (undefined as never), reason: reason || (undefined as never), description, evidenceImageIds: images, amount: shownAmount });
      // Success navigates to the new case; only failures come back.
      if (r && !r.ok) {
        setErrors(r.fieldErrors ?? {});
        setFormError(r.error);
      }
    });
  };

  if (!form.canApply) {
    return (
      <div className="px-4 pt-3">
        <Notice tone="warning" title={t("unavailableTitle")}>
          {!form.windowOpen ? t("windowClosed") : t("nothingLeft")}
        </Notice>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("title")} className="space-y-2 pb-6">
      {formError && (
        <div className="px-4 pt-3">
          <Notice tone="error">{formError}</Notice>
        </div>
      )}

      <fieldset className="mt-2 bg-white px-4 py-3" aria-describedby={err("lineIds") ? "apply-lines-error" : undefined}>
        <legend className="float-left mb-2 w-full text-sm font-semibold text-neutral-900">{t("items")}</legend>
        <ul className="clear-both divide-y divide-neutral-100">
          {form.lines.map((l) => {
            const disabled = l.inOpenCase || l.remainingFen <= 0;
            return (
              <li key={l.id}>
                <label className={`flex items-center gap-3 py-2 ${disabled ? "opacity-50" : "cursor-pointer"}`}>
                  <input type="checkbox" className="size-5 accent-brand-500" checked={lineIds.includes(l.id)} disabled={disabled} onChange={() => toggle(l.id)} aria-label={t("chooseItem", { title: l.title, spec: specLabel(l.specKey) ?? to("defaultSpec") })} />
                  <LineImage imageId={l.imageId} size={48} />
                  <span className="min-w-0 flex-1">
                    <span className="line-clamp-1 block text-sm text-neutral-900">{l.title}</span>
                    <span className="block text-xs text-neutral-500">
                      {specLabel(l.specKey) ?? to("defaultSpec")} · {to("times", { n: l.quantity })}
                    </span>
                    <span className="block text-xs text-neutral-500">
                      {l.inOpenCase ? t("inOpenCase") : l.remainingFen <= 0 ? t("fullyRefunded") : t("upTo", { amount: formatFen(l.remainingFen) })}
                    </span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
        {form.postageRemainingFen > 0 && <p className="text-xs text-neutral-500">{t("postageNote", { amount: formatFen(form.postageRemainingFen) })}</p>}
        <FieldError id="apply-lines-error" error={err("lineIds")} />
      </fieldset>

      <fieldset className="bg-white px-4 py-3" aria-describedby={err("type") ? "apply-type-error" : undefined}>
        <legend className="float-left mb-2 w-full text-sm font-semibold text-neutral-900">{t("type")}</legend>
        <div className="clear-both grid gap-2">
          {(["REFUND_ONLY", "RETURN_AND_REFUND"] as const).map((ty) => {
            const allowed = form.types.includes(ty);
            return (
              <label key={ty} className={`flex items-start gap-3 rounded-lg p-3 ring-1 ring-neutral-200 has-[:checked]:ring-brand-500 ${allowed ? "cursor-pointer" : "opacity-50"}`}>
                <input
                  type="radio"
                  name="type"
                  value={ty}
                  className="mt-0.5 size-5 accent-brand-500"
                  checked={type === ty}
                  disabled={!allowed}
                  onChange={() => {
                    setType(ty);
                    if (ty === "RETURN_AND_REFUND" && reason && REFUND_ONLY_REASONS.includes(reason)) setReason("");
                  }}
                />
                <span>
                  <span className="block text-sm font-medium text-neutral-900">{tt(ty)}</span>
                  <span className="block text-xs text-neutral-500">{allowed ? t(`typeHint.${ty}`) : t("returnAfterShipping")}</span>
                </span>
              </label>
            );
          })}
        </div>
        <FieldError id="apply-type-error" error={err("type")} />
      </fieldset>

      <div className="space-y-4 bg-white px-4 py-3">
        <div>
          <label htmlFor="apply-reason" className="block text-sm font-medium text-neutral-800">
            {t("reason")}
            <span className="ml-0.5 text-red-600" aria-hidden>
              *
            </span>
          </label>
          <select
            id="apply-reason"
            className={`${controlClass} mt-1`}
            value={reason}
            onChange={(e) => setReason(e.target.value as AfterSaleReason)}
            aria-invalid={err("reason") ? true : undefined}
            aria-describedby={err("reason") ? "apply-reason-error" : undefined}
            required
          >
            <option value="">{t("chooseReason")}</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </select>
          <FieldError id="apply-reason-error" error={err("reason")} />
        </div>

        <div>
          <label htmlFor="apply-amount" className="block text-sm font-medium text-neutral-800">
            {t("amount")}
            <span className="ml-0.5 text-red-600" aria-hidden>
              *
            </span>
          </label>
          <div className="mt-1 flex items-center gap-2">
            <span aria-hidden className="text-neutral-500">
              ¥
            </span>
            <input
              id="apply-amount"
              inputMode="decimal"
              className={`${controlClass} tabular-nums`}
              value={shownAmount}
              onChange={(e) => {
                setAmountTouched(true);
                setAmount(e.target.value);
              }}
              aria-invalid={err("amount") ? true : undefined}
              aria-describedby={err("amount") ? "apply-amount-error" : "apply-amount-hint"}
              required
            />
          </div>
          {err("amount") ? (
            <FieldError id="apply-amount-error" error={err("amount")} />
          ) : (
            <p id="apply-amount-hint" className="mt-1 text-xs text-neutral-500">
              {lineIds.length ? t("amountHint", { max: formatFen(maxFen) }) : t("amountChooseFirst")}
            </p>
          )}
        </div>

        <div>
          <label htmlFor="apply-description" className="block text-sm font-medium text-neutral-800">
            {t("description")}
            <span className="ml-0.5 text-red-600" aria-hidden>
              *
            </span>
          </label>
          <textarea
            id="apply-description"
            className={`${controlClass} mt-1 min-h-24`}
            value={description}
            maxLength={500}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={err("description") ? true : undefined}
            aria-describedby={err("description") ? "apply-description-error" : "apply-description-hint"}
            required
          />
          {err("description") ? (
            <FieldError id="apply-description-error" error={err("description")} />
          ) : (
            <p id="apply-description-hint" className="mt-1 text-xs text-neutral-500">
              {t("descriptionHint")}
            </p>
          )}
        </div>

        <EvidenceInput value={images} onChange={setImages} target={{ orderId: form.orderId }} max={form.maxEvidenceImages} label={t("photos")} error={err("evidenceImageIds")} />
      </div>

      <div className="px-4 pt-2">
        <button
          type="submit"
          disabled={pending}
          aria-busy={pending}
          className="h-11 w-full rounded-full bg-brand-500 text-base font-medium text-white active:bg-brand-600 disabled:opacity-70"
        >
          {pending ? t("submitting") : t("submit")}
        </button>
        <p className="mt-2 text-center text-xs text-neutral-500">{t("sellerWillAnswer")}</p>
      </div>
    </form>
  );
}
