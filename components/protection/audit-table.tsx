import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { AuditEntry } from "@/lib/protection/audit";
import { caseLinks } from "@/lib/protection/links";

/** The admin audit log: who, when, what, on which record, why. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const t = useTranslations("protection.audit");
  const format = useFormatter();
  const subjectHref = (e: AuditEntry) => (e.subjectType === "Complaint" ? caseLinks.adminComplaint(e.subjectId) : e.subjectType === "AfterSaleRequest" ? caseLinks.adminCase(e.subjectId) : null);
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
            const href = subjectHref(e);
            return (
              <tr key={e.id}>
                <td className="px-3 py-2 whitespace-nowrap">
                  <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, { dateStyle: "short", timeStyle: "medium" })}</time>
                </td>
                <td className="px-3 py-2">{e.actorName ?? e.actorId}</td>
                <td className="px-3 py-2">
                  {t.has(`actions.${e.action}`) ? t(`actions.${e.action}`) : e.action}
                  {e.data ? <pre className="mt-1 max-w-xs overflow-x-auto text-xs text-neutral-500">{JSON.stringify(e.data)}</pre> : null}
                </td>
                <td className="px-3 py-2">
                  {href ? (
                    <Link href={href} className="font-mono text-xs text-brand-700 hover:underline">
                      {e.subjectType}:{e.subjectId.slice(-8)}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs">
                      {e.subjectType}:{e.subjectId.slice(-8)}
                    </span>
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
