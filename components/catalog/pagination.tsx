import Link from "next/link";
import { useTranslations } from "next-intl";

/** Previous / next links that keep the other query parameters. */
export function Pagination({ page, pageCount, total, hrefFor }: { page: number; pageCount: number; total: number; hrefFor: (page: number) => string }) {
  const t = useTranslations("catalog.pagination");
  const tc = useTranslations("common");
  if (pageCount <= 1) return <p className="mt-3 text-sm text-neutral-500">{t("total", { total })}</p>;
  const link = "rounded-lg px-3 py-1.5 ring-1 ring-neutral-300 hover:bg-neutral-50";
  const off = "rounded-lg px-3 py-1.5 text-neutral-400 ring-1 ring-neutral-200";
  return (
    <nav aria-label={t("label")} className="mt-3 flex items-center justify-between gap-4 text-sm">
      <p className="text-neutral-500">{t("summary", { page, pageCount, total })}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={hrefFor(page - 1)} className={link} rel="prev">
            {tc("previous")}
          </Link>
        ) : (
          <span className={off} aria-disabled>
            {tc("previous")}
          </span>
        )}
        {page < pageCount ? (
          <Link href={hrefFor(page + 1)} className={link} rel="next">
            {tc("next")}
          </Link>
        ) : (
          <span className={off} aria-disabled>
            {tc("next")}
          </span>
        )}
      </div>
    </nav>
  );
}
