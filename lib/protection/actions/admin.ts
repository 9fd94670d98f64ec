"use server";
// Admin actions on cases: ask a party for evidence, settle a complaint, retry or close a
// refund WeChat Pay could not pay, write on a case. Every one is audit-logged by the domain.
import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define";
import { closeFailedRefund, retryFailedRefund } from "@/lib/protection/admin-refunds";
import { requestEvidence, settleComplaint } from "@/lib/protection/complaints";
import { postCaseMessage } from "@/lib/protection/messages";
import { adminRefundInput, EVIDENCE_PARTIES, idSchema, messageInput, settleAmount, settleFormFields } from "@/lib/protection/schemas";

const complaintRef = { complaintId: idSchema };
const caseRef = { requestId: idSchema };

export const requestEvidenceAction = defineFormAction(
  {
    input: z.object({
      ...complaintRef,
      from: z.enum(EVIDENCE_PARTIES, { error: "partyRequired" }),
      note: z.string(),
      hours: z.coerce.number({ error: "hoursRange" }),
    }),
    auth: ["ADMIN"],
  },
  async ({ complaintId, ...input }, { actor }) => {
    await requestEvidence(actor, complaintId, input);
    return null;
  },
);

export const settleAction = defineFormAction(
  {
    input: z.object({ ...complaintRef, ...settleFormFields }).transform(settleAmount),
    auth: ["ADMIN"],
  },
  async ({ complaintId, outcome, amountFen, reason }, { actor }) => {
    await settleComplaint(actor, complaintId, { outcome, amountFen, reason });
    return null;
  },
);

export const retryRefundAction = defineFormAction({ input: adminRefundInput.extend(caseRef), auth: ["ADMIN"] }, async ({ requestId, reason }, { actor }) => {
  await retryFailedRefund(actor, requestId, { reason });
  return null;
});

export const closeRefundAction = defineFormAction({ input: adminRefundInput.extend(caseRef), auth: ["ADMIN"] }, async ({ requestId, reason }, { actor }) => {
  await closeFailedRefund(actor, requestId, { reason });
  return null;
});

export const adminMessageAction = defineFormAction({ input: messageInput.extend(caseRef), auth: ["ADMIN"] }, async ({ requestId, ...input }, { actor }) => {
  await postCaseMessage(actor, requestId, input);
  return null;
});
