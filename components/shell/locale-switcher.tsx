"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/lib/i18n/actions";
import { locales } from "@/lib/i18n/config";

export function LocaleSwitcher() {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <form action={setLocale}>
      <label className="sr-only" htmlFor="locale-switcher">
        {t("language")}
      </label>
      <select
        key={locale}
        id="locale-switcher"
        name="locale"
        defaultValue={locale}
        disabled={pending}
        className="rounded-md border border-neutral-300 bg-white px-2 py-1 text-xs text-neutral-700"
        onChange={(e) => {
          const fd = new FormData();
          fd.set("locale", e.target.value);
          start(async () => {
            await setLocale(fd);
            router.refresh();
          });
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </form>
  );
}
