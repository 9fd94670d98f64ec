import type { Actor } from "@/lib/auth/actor";
import { notificationCentrePath, notificationSettingsPath } from "@/lib/notifications/paths";
import { getMyNotificationSummary, listMyNotifications } from "@/lib/notifications/queries";
import { NotificationCentre } from "./notification-centre";

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** ?filter=unread&before=<id> → what the centre shows. */
export function parseCentreQuery(sp: SearchParams): { filter: "all" | "unread"; before?: string } {
  const before = one(sp.before);
  return { filter: one(sp.filter) === "unread" ? "unread" : "all", before: before && /^[1-9]\d{0,18}$/.test(before) ? before : undefined };
}

/** The notification centre for any role: the data, paging links, and the live list. */
export async function NotificationCentreSection({ actor, searchParams, mobile = false }: { actor: Actor; searchParams: SearchParams; mobile?: boolean }) {
  const base = notificationCentrePath(actor.role);
  const { filter, before } = parseCentreQuery(searchParams);
  // The summary first: the list then holds everything up to its latest id (or more), so the
  // live stream, starting after that id, leaves no gap.
  const summary = await getMyNotificationSummary(actor);
  const page = await listMyNotifications(actor, { before, unreadOnly: filter === "unread", limit: 30 });
  const href = (q: { filter: "all" | "unread"; before?: string }) => {
    const sp = new URLSearchParams();
    if (q.filter === "unread") sp.set("filter", "unread");
    if (q.before) sp.set("before", q.before);
    const s = sp.toString();
    return s ? `${base}?${s}` : base;
  };
  return (
    <NotificationCentre
      items={page.items}
      unread={summary.unread}
      latestId={summary.latestId}
      filter={filter}
      mobile={mobile}
      hrefs={{
        all: href({ filter: "all" }),
        unread: href({ filter: "unread" }),
        settings: notificationSettingsPath(actor.role),
        older: page.nextCursor ? href({ filter, before: page.nextCursor }) : null,
        newest: before ? href({ filter }) : null,
      }}
    />
  );
}
