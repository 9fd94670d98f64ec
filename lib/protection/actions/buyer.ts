"use server";
// The buyer's after-sale actions: open a request, answer an offer, ship a return, withdraw,
// complain to the platform, send evidence, and write on the case.
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { escalateToComplaint, submitEvidence } from "@/lib/protection/complaints";
import { AFTER_SALE_REASONS, AFTER_SALE_TYPES } from "@/lib/protection/constants";
import { caseLinks } from "@/lib/protection/links";
import { postCaseMessage } from "@/lib/protection/messages";
import { buyerAcceptOffer, buyerDeclineOffer, buyerShipReturn, openRequest, withdrawRequest } from "@/lib/protection/requests";
import { escalateInput, evidenceInput, idSchema, messageInput, shipReturnInput, yuanInput } from "@/lib/protection/schemas";

const caseRef = z.object({ requestId: idSchema });
const images = z.array(idSchema).max(9, { error: "tooManyImages" }).default([]);

/** Opens a request from the order's after-sale form (a typed object: the form keeps its state in React), then shows the case. */
export const openRequestAction = defineAction(
  {
    input: z.object({
      orderId: idSchema,
      lineIds: z.array(idSchema).min(1, { error: "linesRequired" }).max(50),
      type: z.enum(AFTER_SALE_TYPES, { error: "typeRequired" }),
      reason: z.enum(AFTER_SALE_REASONS, { error: "caseReasonRequired" }),
      description: z.string(),
      evidenceImageIds: images,
      amount: yuanInput,
    }),
    auth: ["BUYER"],
  },
  async ({ amount, ...input }, { actor }) => {
    const { id } = await openRequest(actor, { ...input, amountFen: amount });
    redirect(caseLinks.buyer(id));
  },
);

export const acceptOfferAction = defineAction({ input: caseRef, auth: ["BUYER"] }, async ({ requestId }, { actor }) => {
  await buyerAcceptOffer(actor, requestId);
  return null;
});

export const declineOfferAction = defineAction({ input: caseRef, auth: ["BUYER"] }, async ({ requestId }, { actor }) => {
  await buyerDeclineOffer(actor, requestId);
  return null;
});

export const withdrawRequestAction = defineAction({ input: caseRef, auth: ["BUYER"] }, async ({ requestId }, { actor }) => {
  await withdrawRequest(actor, requestId);
  return null;
});

export const shipReturnAction = defineFormAction({ input: shipReturnInput.extend(caseRef.shape), auth: ["BUYER"] }, async ({ requestId, ...shipment }, { actor }) => {
  await buyerShipReturn(actor, requestId, shipment);
  return null;
});

export const escalateAction = defineFormAction({ input: escalateInput.extend(caseRef.shape), auth: ["BUYER"] }, async ({ requestId, ...input }, { actor }) => {
  await escalateToComplaint(actor, requestId, input);
  return null;
});

export const buyerEvidenceAction = defineFormAction({ input: evidenceInput.extend(caseRef.shape), auth: ["BUYER"] }, async ({ requestId, ...input }, { actor }) => {
  await submitEvidence(actor, requestId, input);
  return null;
});

export const buyerMessageAction = defineFormAction({ input: messageInput.extend(caseRef.shape), auth: ["BUYER"] }, async ({ requestId, ...input }, { actor }) => {
  await postCaseMessage(actor, requestId, input);
  return null;
});
