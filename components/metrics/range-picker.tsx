import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { controlClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { RANGE_PRESETS, type DayRange } from "@/lib/metrics/days";
import type { FieldErrors } from "@/lib/errors";

/** Preset links (today, 7, 30 days) and a custom from–to form; plain GET, no client script. */
export async function RangePicker({ base, range, errors, values }: { base: string; range: DayRange; errors?: FieldErrors; values?: { from?: string; to?: string } }) {
  const t = await getTranslations("metrics.range");
  const tf = await getTranslations("errors.fields");
  const fieldError = (k: "from" | "to") => {
    const key = errors?.[k]?.[0];
    return key ? (tf.has(key) ? tf(key) : key) : undefined;
  };
  const fromError = fieldError("from");
  const toError = fieldError("to");
  const from = values?.from ?? range.from;
  const to = values?.to ?? range.to;
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
      <nav aria-label={t("label")} className="flex flex-wrap gap-1 rounded-lg bg-neutral-100 p-1">
        {RANGE_PRESETS.map((p) => {
          const active = range.kind === p && !errors;
          return (
            <Link
              key={p}
              href={`${base}?range=${p}`}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-neutral-900 shadow-sm" : "text-neutral-600 hover:text-neutral-900"}`}
            >
              {t(p)}
            </Link>
          );
        })}
      </nav>
      <form method="get" action={base} className="flex flex-wrap items-end gap-2" aria-label={t("custom")}>
        <input type="hidden" name="range" value="custom" />
        <div className="space-y-1">
          <label htmlFor="range-from" className="block text-xs text-neutral-600">
            {t("from")}
          </label>
          <input
            id="range-from"
            name="from"
            type="date"
            defaultValue={from}
            required
            aria-invalid={fromError ? true : undefined}
            aria-describedby={fromError ? "range-from-error" : undefined}
            className={`${controlClass} w-40`}
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="range-to" className="block text-xs text-neutral-600">
            {t("to")}
          </label>
          <input
            id="range-to"
            name="to"
            type="date"
            defaultValue={to}
            required
            aria-invalid={toError ? true : undefined}
            aria-describedby={toError ? "range-to-error" : undefined}
            className={`${controlClass} w-40`}
          />
        </div>
        <Button type="submit" variant={range.kind === "custom" && !errors ? "primary" : "secondary"}>
          {t("apply")}
        </Button>
        {(fromError || toError) && (
          <div className="basis-full text-xs text-red-600" role="alert">
            {fromError && <p id="range-from-error">{fromError}</p>}
            {toError && <p id="range-to-error">{toError}</p>}
          </div>
        )}
      </form>
    </div>
  );
}
