import { useFormatter, useTranslations } from "next-intl";
import { formatFen } from "@/lib/money";

export interface TimelineEvent {
  id: bigint | number | string;
  type: string;
  actorKind: string;
  data: unknown;
  createdAt: Date;
}

type Data = { reason?: string; carrier?: string; trackingNo?: string; tradeType?: string; amountFen?: number; auto?: boolean; source?: string } | null;

/** The order's trail, oldest first: what happened, when, and (for the seller) who did it. */
export function OrderTimeline({ events, showActor = false }: { events: TimelineEvent[]; showActor?: boolean }) {
  const t = useTranslations("orders");
  const format = useFormatter();
  const detailOf = (type: string, d: Data): string | null => {
    if (!d) return null;
    if (type === "CANCEL" && d.reason) return t.has(`cancelReason.${d.reason}`) ? t(`cancelReason.${d.reason}`) : d.reason;
    if (type === "SHIP" && d.trackingNo) return `${carrierName(t, d.carrier)} ${d.trackingNo}`;
    if (type === "PAYMENT_STARTED" && d.tradeType) return tradeTypeName(t, d.tradeType);
    if (type === "CONFIRM" && d.auto) return t("events.auto");
    if (type === "PAY" && d.source === "QUERY") return t("events.viaQuery");
    if (type.startsWith("REFUND_") && typeof d.amountFen === "number") return formatFen(d.amountFen);
    return null;
  };
  return (
    <ol className="relative space-y-3 border-l border-neutral-200 pl-4">
      {[...events].map((e) => {
        const detail = detailOf(e.type, e.data as Data);
        return (
          <li key={String(e.id)} className="relative">
            <span aria-hidden className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-neutral-300" />
            <p className="text-sm text-neutral-900">
              {t.has(`events.${e.type}`) ? t(`events.${e.type}`) : e.type}
              {showActor && <span className="ml-2 text-xs text-neutral-500">{t.has(`actor.${e.actorKind}`) ? t(`actor.${e.actorKind}`) : e.actorKind}</span>}
            </p>
            {detail && <p className="text-xs text-neutral-600">{detail}</p>}
            <p className="text-xs text-neutral-400">
              <time dateTime={e.createdAt.toISOString()}>{format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
            </p>
          </li>
        );
      })}
    </ol>
  );
}

/** A carrier's name in the reader's language (the code itself for one we don't know). */
export function carrierName(t: { (key: string): string; has(key: string): boolean }, code: string | null | undefined): string {
  if (!code) return "";
  return t.has(`carriers.${code}`) ? t(`carriers.${code}`) : code;
}

/** How a payment was made (WeChat Pay's trade_type: JSAPI, H5, NATIVE…), in words; t: orders. */
export function tradeTypeName(t: { (key: string): string; has(key: string): boolean }, code: string): string {
  return t(t.has(`tradeTypes.${code}`) ? `tradeTypes.${code}` : "tradeTypes.UNKNOWN");
}
