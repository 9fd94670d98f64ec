import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { StoreStatusBadge } from "@/components/stores/store-status-badge";

interface Row {
  id: string;
  name: string;
  slug: string;
  status: string;
  businessName: string;
  submittedAt: Date;
  /** Shown under the status when the store operates and its WeChat Pay account is not linked. */
  payBinding?: string;
  _count: { items: number };
}

export async function StoreTable({ stores }: { stores: Row[] }) {
  const t = await getTranslations("admin");
  const tf = await getTranslations("funds.account");
  const format = await getFormatter();
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-neutral-200">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 text-neutral-500">
          <tr>
            <th className="px-4 py-3 font-medium">{t("col.store")}</th>
            <th className="px-4 py-3 font-medium">{t("col.business")}</th>
            <th className="px-4 py-3 font-medium">{t("col.status")}</th>
            <th className="px-4 py-3 font-medium">{t("col.submitted")}</th>
            <th className="px-4 py-3 font-medium">{t("col.items")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">
          {stores.map((s) => (
            <tr key={s.id} className="hover:bg-neutral-50">
              <td className="px-4 py-3">
                <Link href={`/admin/stores/${s.id}`} className="font-medium text-brand-700 hover:underline">
                  {s.name}
                </Link>
                <div className="text-xs text-neutral-500">/s/{s.slug}</div>
              </td>
              <td className="px-4 py-3">{s.businessName}</td>
              <td className="px-4 py-3">
                <StoreStatusBadge status={s.status} />
                {s.payBinding && s.payBinding !== "BOUND" && (s.status === "APPROVED" || s.status === "SUSPENDED") && (
                  <div className={`mt-1 text-xs ${s.payBinding === "FAILED" ? "text-red-700" : "text-amber-700"}`}>
                    {tf("title")}: {tf(`state.${s.payBinding as "FAILED"}`)}
                  </div>
                )}
              </td>
              <td className="px-4 py-3 text-neutral-600">{format.dateTime(s.submittedAt, { dateStyle: "medium", timeStyle: "short" })}</td>
              <td className="px-4 py-3">{s._count.items}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
