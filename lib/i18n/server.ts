import "server-only";
import { createTranslator } from "next-intl";
import { defaultLocale, isLocale, localeCookie, negotiateLocale, type Locale } from "./config";
import { messagesFor } from "./messages";

/** The request's locale; the default outside a request (scripts, tests). */
export async function currentLocale(): Promise<Locale> {
  let cookieValue: string | undefined;
  let accept: string | null = null;
  try {
    const { cookies, headers } = await import("next/headers");
    cookieValue = (await cookies()).get(localeCookie)?.value;
    accept = (await headers()).get("accept-language");
  } catch {
    return defaultLocale;
  }
  return isLocale(cookieValue) ? cookieValue : negotiateLocale(accept);
}

export function translator<N extends string>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: messagesFor(locale) as never, namespace: namespace as never }) as unknown as {
    (key: string, values?: Record<string, string | number>): string;
    has(key: string): boolean;
  };
}
