"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { localeCookie, locales } from "@/lib/i18n/config";

const input = z.object({ locale: z.enum(locales) });

/** Remembers the chosen language for a year. */
export async function setLocale(formData: FormData) {
  const parsed = input.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return;
  (await cookies()).set(localeCookie, parsed.data.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
