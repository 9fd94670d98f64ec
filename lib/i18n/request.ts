import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, localeCookie, negotiateLocale } from "./config";
import { messagesFor } from "./messages";

// The storefront's locale is in its (rewritten) URL: its layouts and pages set it
// (lib/i18n/store-locale.ts). Everywhere else, and in server actions: a chosen language
// (cookie) wins, else Accept-Language — the same choice the storefront's rewrite made.
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  let locale = isLocale(requested) ? requested : null;
  if (!locale) {
    const chosen = (await cookies()).get(localeCookie)?.value;
    locale = isLocale(chosen) ? chosen : negotiateLocale((await headers()).get("accept-language"));
  }
  return { locale, messages: messagesFor(locale), timeZone: "Asia/Shanghai" };
});
