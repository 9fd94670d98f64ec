"use server";
import { defineFormAction } from "@/lib/actions/define";
import { resetPassword, resetPasswordInput } from "@/lib/auth/password-reset";

/** Sets the new password through the mailed link; every session of the account ends. */
export const resetPasswordAction = defineFormAction({ input: resetPasswordInput, auth: "public" }, async (input) => {
  await resetPassword(input);
  return null;
});
