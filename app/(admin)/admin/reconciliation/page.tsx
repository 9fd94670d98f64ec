import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ResolveDiscrepancyForm } from "@/components/admin/resolve-discrepancy-form";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/guards";
import { formatFen } from "@/lib/money";
import { listReconciliation } from "@/lib/payments/reconciliation";
import { resolveDiscrepancyAction } from "../funds/reconciliation-actions";

const th = "py-2 pr-3 font-medium";
const td = "py-2 pr-3 align-top";

/** "¥1.00" for a side's amount, whichever field it has. */
function amountOf(side: unknown): string {
  const s = (side ?? {}) as Record<string, unknown>;
  const fen = [s.amountFen, s.feeFen, s.netFen].find((v) => typeof v === "number") as number | undefined;
  return fen === undefined ? "—" : formatFen(fen);
}

export default async function AdminReconciliationPage() {
  const actor = await pageActor({ roles: ["ADMIN"], next: "/admin/reconciliation" });
  const data = await listReconciliation(actor);
  const t = await getTranslations("funds.recon");
  const format = await getFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("intro")} />
      <Card title={t("open", { count: data.open.length })}>
        {data.open.length === 0 ? (
          <p className="text-sm text-neutral-500">{t("noneOpen")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-neutral-500">
              <tr>
                <th scope="col" className={th}>{t("day")}</th>
                <th scope="col" className={th}>{t("what")}</th>
                <th scope="col" className={th}>{t("ref")}</th>
                <th scope="col" className={`${th} text-right`}>{t("ours")}</th>
                <th scope="col" className={`${th} text-right`}>{t("theirs")}</th>
                <th scope="col" className={th}><span className="sr-only">{t("resolve")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {data.open.map((d) => (
                <tr key={d.id}>
                  <td className={td}>{d.billDate}</td>
                  <td className={td}>
                    <Badge tone="red">{t(`kind.${d.kind}`)}</Badge>
                    <div className="text-xs text-neutral-500">{t(`subject.${d.subject as "PAYMENT"}`)}</div>
                  </td>
                  <td className={`${td} font-mono text-xs break-all`}>
                    {d.ref}
                    {d.orderNo && d.storeId && (
                      <div>
                        <Link href={`/admin/stores/${d.storeId}`} className="text-brand-700 hover:underline">
                          {d.storeName} · {d.orderNo}
                        </Link>
                      </div>
                    )}
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{amountOf(d.ours)}</td>
                  <td className={`${td} text-right tabular-nums`}>{amountOf(d.theirs)}</td>
                  <td className={td}>
                    <ResolveDiscrepancyForm id={d.id} action={resolveDiscrepancyAction} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={t("runs")}>
        {data.runs.length === 0 ? (
          <p className="text-sm text-neutral-500">{t("noRuns")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-neutral-500">
              <tr>
                <th scope="col" className={th}>{t("day")}</th>
                <th scope="col" className={th}>{t("status")}</th>
                <th scope="col" className={`${th} text-right`}>{t("lines")}</th>
                <th scope="col" className={`${th} text-right`}>{t("matched")}</th>
                <th scope="col" className={`${th} text-right`}>{t("differences")}</th>
                <th scope="col" className={th}>{t("finished")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {data.runs.map((r) => (
                <tr key={r.billDate}>
                  <td className={td}>{r.billDate}</td>
                  <td className={td}>
                    <Badge tone={r.status === "DONE" ? (r.discrepancies ? "amber" : "green") : r.status === "FAILED" ? "red" : "neutral"}>{t(`runStatus.${r.status as "DONE"}`)}</Badge>
                    {r.error && <div className="text-xs text-red-700">{r.error}</div>}
                  </td>
                  <td className={`${td} text-right tabular-nums`}>{r.billLines}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.matched}</td>
                  <td className={`${td} text-right tabular-nums`}>{r.discrepancies}</td>
                  <td className={`${td} text-xs text-neutral-500`}>{when(r.finishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {data.resolved.length > 0 && (
        <Card title={t("resolved")}>
          <ul className="divide-y divide-neutral-100 text-sm">
            {data.resolved.map((d) => (
              <li key={d.id} className="py-2">
                <span className="text-neutral-500">{d.billDate}</span> · {t(`kind.${d.kind}`)} · <span className="font-mono text-xs">{d.ref}</span>
                <p className="text-neutral-700">{d.note}</p>
                <p className="text-xs text-neutral-500">{when(d.resolvedAt)}</p>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
