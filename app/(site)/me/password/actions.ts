"use server";
import { defineFormAction } from "@/lib/actions/define";
import { changePassword, changePasswordInput } from "@/lib/auth/password-change";
import { keepThisSession } from "@/lib/auth/session-cookie";

/** Changes the seller's or admin's password; every other session of the account ends, this one is kept. */
export const changePasswordAction = defineFormAction({ input: changePasswordInput, auth: ["SELLER", "ADMIN"] }, async (input, { actor }) => {
  const { sessionVersion } = await changePassword(actor, input);
  return { keptSession: await keepThisSession(actor!.userId, sessionVersion) };
});
