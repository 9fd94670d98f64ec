"use server";
import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define";
import { resolveDiscrepancy } from "@/lib/payments/reconciliation";

export const resolveDiscrepancyAction = defineFormAction({ input: z.object({ id: z.string().min(1).max(64), note: z.string().max(500) }), auth: ["ADMIN"] }, async ({ id, note }, { actor }) => {
  await resolveDiscrepancy(actor, id, note);
  return { id };
});
