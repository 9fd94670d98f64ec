"use server";
import { defineFormAction } from "@/lib/actions/define";
import { registerSeller, sellerSignUpInput } from "@/lib/auth/accounts";

/** Creates the seller account; the form then signs them in (next-auth, client side). */
export const signUpAction = defineFormAction({ input: sellerSignUpInput, auth: "public" }, async (input) => {
  await registerSeller(input);
  return { email: input.email };
});
