// Inputs of purchase protection, as the domain takes them (amounts in fen). The forms'
// versions (amounts typed in yuan) are built from these in the actions. Error messages are
// keys translated in fields-protection.json (or the shared errors.json).
import { z } from "zod";
import { parseYuan } from "@/lib/money";
import { CARRIERS } from "@/lib/orders/schemas";
import { AFTER_SALE_REASONS, AFTER_SALE_TYPES, EVIDENCE_HOURS_MAX, EVIDENCE_HOURS_MIN, MAX_MESSAGE_IMAGES, reasonFitsType } from "./constants";

export const idSchema = z.string().trim().min(1).max(64);
const text = (min: number, max: number, minKey = "tooShort") => z.string().trim().min(min, { error: min <= 1 ? "required" : minKey }).max(max, { error: "tooLong" });
const imageIds = z.array(idSchema).max(MAX_MESSAGE_IMAGES, { error: "tooManyImages" }).default([]);
const amountFen = z.number({ error: "amountFormat" }).int({ error: "amountFormat" }).positive({ error: "amountFormat" }).max(100_000_000, { error: "amountFormat" });

/** A yuan amount typed in a form ("12.30") → fen. */
export const yuanInput = z.string({ error: "amountFormat" }).transform((s, ctx) => {
  const fen = parseYuan(s);
  if (fen === null || fen <= 0) {
    ctx.issues.push({ code: "custom", message: s.trim() === "" ? "required" : "amountFormat", input: s });
    return z.NEVER;
  }
  return fen;
});

export const openRequestInput = z
  .object({
    orderId: idSchema,
    lineIds: z.array(idSchema).min(1, { error: "linesRequired" }).max(50, { error: "linesRequired" }),
    type: z.enum(AFTER_SALE_TYPES, { error: "typeRequired" }),
    reason: z.enum(AFTER_SALE_REASONS, { error: "caseReasonRequired" }),
    description: text(2, 500),
    evidenceImageIds: imageIds,
    amountFen,
  })
  .refine((v) => reasonFitsType(v.reason, v.type), { error: "reasonNotForReturn", path: ["reason"] });
export type OpenRequestInput = z.input<typeof openRequestInput>;

export const returnAddressInput = z.object({
  recipient: text(1, 20),
  // Mainland mobile or a landline with area code.
  phone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: "phoneFormat" }),
  address: text(5, 200),
});
export type ReturnAddress = z.output<typeof returnAddressInput>;

export const sellerAcceptInput = z.object({ returnAddress: returnAddressInput.optional() });
export const reasonText = text(2, 500, "reasonRequired");
export const sellerRejectInput = z.object({ reason: reasonText });
export const sellerOfferInput = z.object({ amountFen, note: z.string().trim().max(500, { error: "tooLong" }).default("") });
export const shipReturnInput = z.object({
  carrier: z.enum(CARRIERS, { error: "carrierRequired" }),
  trackingNo: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{8,30}$/, { error: "trackingFormat" }),
});

export const escalateInput = z.object({ statement: text(5, 1000), evidenceImageIds: imageIds });
export const messageInput = z.object({ body: text(1, 1000), imageIds });
export const evidenceInput = z.object({ note: text(2, 1000), imageIds });

export const EVIDENCE_PARTIES = ["BUYER", "SELLER"] as const;
export const requestEvidenceInput = z.object({
  from: z.enum(EVIDENCE_PARTIES, { error: "partyRequired" }),
  note: text(2, 500),
  hours: z.number({ error: "hoursRange" }).int({ error: "hoursRange" }).min(EVIDENCE_HOURS_MIN, { error: "hoursRange" }).max(EVIDENCE_HOURS_MAX, { error: "hoursRange" }),
});

export const COMPLAINT_OUTCOMES = ["FULL_REFUND", "PARTIAL_REFUND", "REJECTED"] as const;
const decisionReason = text(5, 1000, "decisionReasonRequired");
export const settleInput = z
  .object({
    outcome: z.enum(COMPLAINT_OUTCOMES, { error: "outcomeRequired" }),
    amountFen: amountFen.optional(),
    reason: decisionReason,
  })
  .refine((v) => v.outcome !== "PARTIAL_REFUND" || v.amountFen !== undefined, { error: "required", path: ["amount"] });

/**
 * The settle form as typed (the amount in yuan, only for a partial refund): the admin's action
 * parses it, and the form checks it in the browser before asking for confirmation.
 */
export const settleFormFields = {
  outcome: z.enum(COMPLAINT_OUTCOMES, { error: "outcomeRequired" }),
  // Only a partial refund has an amount; the field is ignored otherwise.
  amount: z.string().default(""),
  reason: decisionReason,
};

/** The typed amount (yuan) → amountFen, for a partial refund only. */
export function settleAmount<V extends { outcome: (typeof COMPLAINT_OUTCOMES)[number]; amount: string }>(v: V, ctx: z.RefinementCtx): V & { amountFen: number | undefined } {
  if (v.outcome !== "PARTIAL_REFUND") return { ...v, amountFen: undefined };
  const parsed = yuanInput.safeParse(v.amount);
  if (!parsed.success) {
    ctx.issues.push({ code: "custom", message: parsed.error.issues[0].message, path: ["amount"], input: v.amount });
    return z.NEVER;
  }
  return { ...v, amountFen: parsed.data };
}

export const settleFormInput = z.object(settleFormFields).transform(settleAmount);

/** Problems of a typed settle form, as message keys of errors.fields by field (null: none). */
export function settleFormProblems(raw: { outcome: string; amount: string; reason: string }): Record<string, string[]> | null {
  const parsed = settleFormInput.safeParse(raw);
  if (parsed.success) return null;
  const out: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (out[issue.path.join(".") || "_form"] ??= []).push(issue.message);
  return out;
}

export const adminRefundInput = z.object({ reason: reasonText });
