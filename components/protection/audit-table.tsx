import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { formatFen } from "@/lib/money";
import type { AuditEntry, AuditSubject } from "@/lib/protection/audit";

type Data = { outcome?: string; amountFen?: number | null; from?: string; hours?: number; before?: unknown; after?: unknown } | null;

type T = { (key: string): string; has(key: string): boolean };

/** A record as people know it: "Complaint CP…", "Store 西湖茶舍", "Platform fee rate" (t: protection.audit). */
export function auditSubjectText(t: T, locale: string, subject: AuditSubject): string {
  if (subject.type === "FeeRate" && !subject.label) return t("subjects.platformRate");
  const kind = t.has(`subjects.${subject.type}`) ? t(`subjects.${subject.type}`) : t("subjects.other");
  const label = locale === "en" && subject.labelEn ? subject.labelEn : subject.label;
  return label ? `${kind} ${label}` : kind;
}

function AuditSubjectName({ subject }: { subject: AuditSubject }) {
  const t = useTranslations("protection.audit");
  return <>{auditSubjectText(t, useLocale(), subject)}</>;
}

/** The admin audit log: who, when, what, on which record, why. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const t = useTranslations("protection.audit");
  const tp = useTranslations("protection");
  const format = useFormatter();
  const percent = (bps: unknown) => (typeof bps === "number" ? `${format.number(bps / 100, { maximumFractionDigits: 2 })}%` : t("details.noRate"));
  // What matters of the entry's data, in words (never the JSON itself).
  const details = (action: string, d: Data): string[] => {
    if (!d) return [];
    const out: string[] = [];
    if (d.outcome && tp.has(`outcome.${d.outcome}`)) out.push(tp(`outcome.${d.outcome}`));
    if (typeof d.amountFen === "number") out.push(formatFen(d.amountFen));
    if (action === "COMPLAINT_REQUEST_EVIDENCE" && d.from) out.push(t("details.evidence", { party: d.from, hours: Number(d.hours ?? 0) }));
    if (action === "FEE_RATE_SET") out.push(t("details.rate", { before: percent(d.before), after: percent(d.after) }));
    return out;
  };
  return (
    <div className="overflow-x-auto rounded-xl bg-white ring-1 ring-neutral-200">
      <table className="w-full min-w-[48rem] text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="border-b border-neutral-200 text-left text-xs text-neutral-500">
          <tr>
            <th scope="col" className="px-3 py-2">{t("when")}</th>
            <th scope="col" className="px-3 py-2">{t("who")}</th>
            <th scope="col" className="px-3 py-2">{t("what")}</th>
            <th scope="col" className="px-3 py-2">{t("subject")}</th>
            <th scope="col" className="px-3 py-2">{t("why")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {entries.map((e) => {
            const lines = details(e.action, e.data as Data);
            return (
              <tr key={e.id}>
                <td className="px-3 py-2 whitespace-nowrap">
                  <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, { dateStyle: "short", timeStyle: "medium" })}</time>
                </td>
                <td className="px-3 py-2">{e.actorName ?? t("unknownActor")}</td>
                <td className="px-3 py-2">
                  {t.has(`actions.${e.action}`) ? t(`actions.${e.action}`) : t("actions.other")}
                  {lines.map((line, i) => (
                    <span key={i} className="block text-xs text-neutral-500">
                      {line}
                    </span>
                  ))}
                </td>
                <td className="px-3 py-2">
                  {e.subject.href ? (
                    <Link href={e.subject.href} className="text-brand-700 hover:underline">
                      <AuditSubjectName subject={e.subject} />
                    </Link>
                  ) : (
                    <AuditSubjectName subject={e.subject} />
                  )}
                </td>
                <td className="px-3 py-2 break-words whitespace-pre-line">{e.reason ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
