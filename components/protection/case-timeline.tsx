import { useFormatter, useTranslations } from "next-intl";
import { formatFen } from "@/lib/money";

export interface CaseEventView {
  id: string;
  type: string;
  actorKind: string;
  data: unknown;
  createdAt: Date;
}

type Data = {
  reason?: string;
  note?: string | null;
  amountFen?: number | null;
  carrier?: string;
  trackingNo?: string;
  outcome?: string;
  from?: string;
  dueAt?: string;
  returnWaived?: boolean;
  status?: string;
} | null;

/** The case's trail, oldest first: what happened, who did it, when, with the detail that matters. */
export function CaseTimeline({ events }: { events: CaseEventView[] }) {
  const t = useTranslations("protection");
  const to = useTranslations("orders");
  const format = useFormatter();
  const details = (type: string, d: Data): string[] => {
    if (!d) return [];
    const out: string[] = [];
    if (typeof d.amountFen === "number") out.push(formatFen(d.amountFen));
    if (d.outcome && t.has(`outcome.${d.outcome}`)) out.push(t(`outcome.${d.outcome}`));
    if (d.carrier) out.push(`${to.has(`carriers.${d.carrier}`) ? to(`carriers.${d.carrier}`) : d.carrier} ${d.trackingNo ?? ""}`.trim());
    if (type === "COMPLAINT_REQUEST_EVIDENCE" && d.from) out.push(t("timeline.evidenceFrom", { party: d.from }));
    if (d.returnWaived) out.push(t("timeline.returnWaived"));
    if (d.status === "ABNORMAL" || d.status === "CLOSED") out.push(t(`timeline.refund${d.status}`));
    // The buyer's reason is a code (AFTER_SALE_REASONS); the others' reasons are what they wrote.
    if (d.reason) out.push(type === "OPEN" && t.has(`reasons.${d.reason}`) ? t(`reasons.${d.reason}`) : d.reason);
    if (d.note) out.push(d.note);
    return out;
  };
  return (
    <ol className="relative space-y-3 border-l border-neutral-200 pl-4">
      {events.map((e) => (
        <li key={e.id} className="relative">
          <span aria-hidden className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-neutral-300" />
          <p className="text-sm text-neutral-900">
            {t.has(`events.${e.type}`) ? t(`events.${e.type}`) : e.type}
            <span className="ml-2 text-xs text-neutral-500">{t.has(`actor.${e.actorKind}`) ? t(`actor.${e.actorKind}`) : e.actorKind}</span>
          </p>
          {details(e.type, e.data as Data).map((line, i) => (
            <p key={i} className="text-xs break-words whitespace-pre-line text-neutral-600">
              {line}
            </p>
          ))}
          <p className="text-xs text-neutral-400">
            <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
