"use server";
import { headers } from "next/headers";
import { defineFormAction } from "@/lib/actions/define";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { requestPasswordReset, requestPasswordResetInput } from "@/lib/auth/password-reset";
import { currentLocale } from "@/lib/i18n/server";

/** Mails a reset link if the address has an account; answers the same either way. */
export const requestPasswordResetAction = defineFormAction({ input: requestPasswordResetInput, auth: "public" }, async (input) => {
  await requestPasswordReset(input, { clientIp: clientIpFrom(await headers()), locale: await currentLocale() });
  return null;
});
