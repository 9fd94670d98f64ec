import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, localeCookie, negotiateLocale } from "./config";
import { messagesFor } from "./messages";

// No locale in the URL: a chosen language (cookie) wins, else Accept-Language.
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(localeCookie)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale((await headers()).get("accept-language"));
  return { locale, messages: messagesFor(locale), timeZone: "Asia/Shanghai" };
});
