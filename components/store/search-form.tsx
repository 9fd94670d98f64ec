import { useTranslations } from "next-intl";
import { searchPath } from "@/lib/storefront/paths";

/** A plain GET form: works without JavaScript. */
export function SearchForm({ slug, q = "", autoFocus = false }: { slug: string; q?: string; autoFocus?: boolean }) {
  const t = useTranslations("store");
  return (
    <form action={searchPath(slug)} method="get" role="search" className="flex gap-2">
      <label htmlFor="store-search" className="sr-only">
        {t("searchThisStore")}
      </label>
      <input
        id="store-search"
        name="q"
        type="search"
        defaultValue={q}
        maxLength={50}
        placeholder={t("searchPlaceholder")}
        autoFocus={autoFocus}
        enterKeyHint="search"
        className="h-10 min-w-0 flex-1 rounded-full border border-neutral-200 bg-white px-4 text-sm focus:border-brand-500 focus:outline-none"
      />
      <button type="submit" className="h-10 shrink-0 rounded-full bg-brand-500 px-4 text-sm font-medium text-white active:bg-brand-600">
        {t("search")}
      </button>
    </form>
  );
}
