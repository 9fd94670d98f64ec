import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { auditSubjectText, AuditTable } from "@/components/protection/audit-table";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { orNotFound, pageActor } from "@/lib/auth/guards";
import { describeAuditSubjects, listAuditLog } from "@/lib/protection/audit";

const one = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 64) : undefined);

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin/audit" });
  const filter = { subjectType: one(sp.subjectType), subjectId: one(sp.subjectId) };
  const { entries, nextBefore } = await orNotFound(listAuditLog(actor, { ...filter, before: one(sp.before) }));
  const t = await getTranslations("protection.audit");
  const filtered = filter.subjectType && filter.subjectId ? { subjectType: filter.subjectType, subjectId: filter.subjectId } : null;
  const filteredSubject = filtered ? (await describeAuditSubjects([filtered]))(filtered) : null;
  const qs = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) p.set(k, v);
    const q = p.toString();
    return q ? `/admin/audit?${q}` : "/admin/audit";
  };
  return (
    <>
      <PageHeader title={t("title")} description={t("intro")} />
      {(filter.subjectType || filter.subjectId) && (
        <p className="mb-3 text-sm">
          {t("filtered", { subject: filteredSubject ? auditSubjectText(t, await getLocale(), filteredSubject) : t("subjects.other") })}{" "}
          <Link href="/admin/audit" className="text-brand-700 hover:underline">
            {t("clear")}
          </Link>
        </p>
      )}
      {entries.length === 0 ? <EmptyState title={t("empty")} /> : <AuditTable entries={entries} />}
      {nextBefore && (
        <p className="mt-3 text-sm">
          <Link href={qs({ before: nextBefore })} className="text-brand-700 hover:underline">
            {t("older")}
          </Link>
        </p>
      )}
    </>
  );
}
