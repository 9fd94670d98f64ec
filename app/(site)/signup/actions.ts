"use server";
import { headers } from "next/headers";
import { defineFormAction } from "@/lib/actions/define";
import { registerSeller, sellerSignUpInput } from "@/lib/auth/accounts";
import { clientIpFrom } from "@/lib/auth/client-ip";

/** Creates the seller account; the form then signs them in (next-auth, client side). */
export const signUpAction = defineFormAction({ input: sellerSignUpInput, auth: "public" }, async (input) => {
  await registerSeller(input, { clientIp: clientIpFrom(await headers()) });
  return { email: input.email };
});
