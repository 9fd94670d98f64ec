"use server";
// The seller's after-sale actions on a case of their store: accept (with a return address for
// returns), reject, offer a partial refund, confirm or refuse a returned parcel, send evidence
// the platform asked for, and write on the case.
import { z } from "zod";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { submitEvidence } from "@/lib/protection/complaints";
import { postCaseMessage } from "@/lib/protection/messages";
import { sellerAccept, sellerConfirmReturn, sellerOffer, sellerReject, sellerRejectReturn } from "@/lib/protection/requests";
import { evidenceInput, idSchema, messageInput, sellerRejectInput, yuanInput } from "@/lib/protection/schemas";

const ref = z.object({ storeId: idSchema, requestId: idSchema });

/** Accepts a refund-only request (refunds now) or a return with the store's saved address. */
export const acceptRequestAction = defineAction({ input: ref, auth: ["SELLER"] }, async ({ storeId, requestId }, { actor }) => {
  await sellerAccept(actor, storeId, requestId);
  return null;
});

/** Accepts a return, with the address the buyer ships it to (prefilled from the store's settings). */
export const acceptReturnAction = defineFormAction(
  { input: ref.extend({ recipient: z.string(), phone: z.string(), address: z.string() }), auth: ["SELLER"] },
  async ({ storeId, requestId, ...address }, { actor }) => {
    // The domain validates it as one address: its errors come back under returnAddress.*.
    await sellerAccept(actor, storeId, requestId, { returnAddress: address });
    return null;
  },
);

export const rejectRequestAction = defineFormAction({ input: sellerRejectInput.extend(ref.shape), auth: ["SELLER"] }, async ({ storeId, requestId, reason }, { actor }) => {
  await sellerReject(actor, storeId, requestId, { reason });
  return null;
});

export const offerAction = defineFormAction(
  { input: ref.extend({ amount: yuanInput, note: z.string().trim().max(500, { error: "tooLong" }).default("") }), auth: ["SELLER"] },
  async ({ storeId, requestId, amount, note }, { actor }) => {
    await sellerOffer(actor, storeId, requestId, { amountFen: amount, note });
    return null;
  },
);

export const confirmReturnAction = defineAction({ input: ref, auth: ["SELLER"] }, async ({ storeId, requestId }, { actor }) => {
  await sellerConfirmReturn(actor, storeId, requestId);
  return null;
});

export const rejectReturnAction = defineFormAction({ input: sellerRejectInput.extend(ref.shape), auth: ["SELLER"] }, async ({ storeId, requestId, reason }, { actor }) => {
  await sellerRejectReturn(actor, storeId, requestId, { reason });
  return null;
});

export const sellerEvidenceAction = defineFormAction({ input: evidenceInput.extend(ref.shape), auth: ["SELLER"] }, async ({ storeId, requestId, ...input }, { actor }) => {
  await submitEvidence(actor, requestId, input, storeId);
  return null;
});

export const sellerMessageAction = defineFormAction({ input: messageInput.extend(ref.shape), auth: ["SELLER"] }, async ({ storeId, requestId, ...input }, { actor }) => {
  await postCaseMessage(actor, requestId, input, storeId);
  return null;
});
