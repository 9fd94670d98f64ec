"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineFormAction } from "@/lib/actions/define";
import { applyForStore, resubmitApplication, updateStoreProfile } from "@/lib/stores/apply";
import { storeApplicationInput, storeProfileInput } from "@/lib/stores/schemas";

export const applyAction = defineFormAction({ input: storeApplicationInput, auth: ["SELLER"] }, async (input, { actor }) => {
  const store = await applyForStore(actor, input);
  redirect(`/seller/stores/${store.id}`);
});

export const resubmitAction = defineFormAction(
  { input: storeApplicationInput.extend({ storeId: z.string().min(1) }), auth: ["SELLER"] },
  async ({ storeId, ...input }, { actor }) => {
    await resubmitApplication(actor, storeId, input);
    redirect(`/seller/stores/${storeId}`);
  },
);

export const updateProfileAction = defineFormAction(
  { input: storeProfileInput.extend({ storeId: z.string().min(1) }), auth: ["SELLER"] },
  async ({ storeId, ...input }, { actor }) => {
    await updateStoreProfile(actor, storeId, input);
    return null;
  },
);
