"use server";
import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define";
import { recheckStorePayments } from "@/lib/stores/payments";
import { approveStore, reinstateStore, rejectStore, suspendStore } from "@/lib/stores/review";
import { reasonInput } from "@/lib/stores/schemas";

const store = z.object({ storeId: z.string().min(1) });
const withReason = store.extend({ reason: reasonInput });

export const approveAction = defineFormAction({ input: store, auth: ["ADMIN"] }, async ({ storeId }, { actor }) => {
  await approveStore(actor, storeId);
  return { status: "APPROVED" as const };
});

export const rejectAction = defineFormAction({ input: withReason, auth: ["ADMIN"] }, async ({ storeId, reason }, { actor }) => {
  await rejectStore(actor, storeId, reason);
  return { status: "REJECTED" as const };
});

export const suspendAction = defineFormAction({ input: withReason, auth: ["ADMIN"] }, async ({ storeId, reason }, { actor }) => {
  await suspendStore(actor, storeId, reason);
  return { status: "SUSPENDED" as const };
});

export const reinstateAction = defineFormAction({ input: store, auth: ["ADMIN"] }, async ({ storeId }, { actor }) => {
  await reinstateStore(actor, storeId);
  return { status: "APPROVED" as const };
});

export const recheckPaymentsAction = defineFormAction({ input: store, auth: ["ADMIN"] }, async ({ storeId }, { actor }) => {
  return { state: await recheckStorePayments(actor, storeId) };
});
