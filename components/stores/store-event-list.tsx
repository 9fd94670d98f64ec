import { getFormatter, getTranslations } from "next-intl/server";

export async function StoreEventList({ events }: { events: { id: bigint; type: string; reason: string | null; createdAt: Date; actor?: { name: string } | null }[] }) {
  const t = await getTranslations("onboarding.event");
  const format = await getFormatter();
  return (
    <ol className="space-y-3 text-sm">
      {events.map((e) => (
        <li key={String(e.id)} className="flex gap-3">
          <time className="w-40 shrink-0 text-neutral-500" dateTime={e.createdAt.toISOString()}>
            {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short" })}
          </time>
          <div>
            <span className="font-medium">{t.has(e.type) ? t(e.type as "APPLY") : e.type}</span>
            {e.actor && <span className="text-neutral-500"> · {e.actor.name}</span>}
            {e.reason && <p className="text-neutral-600">{e.reason}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
