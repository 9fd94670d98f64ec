"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/notifications/actions";
import { compareIds, mergeNotifications, type NotificationItem } from "@/lib/notifications/format";
import { subscribeLive } from "./live";
import { useNotificationText } from "./use-notification-text";

export interface NotificationCentreProps {
  items: NotificationItem[];
  unread: number;
  /** The newest notification id when the page was rendered (the live stream starts there). */
  latestId: string;
  filter: "all" | "unread";
  hrefs: { all: string; unread: string; settings: string; older: string | null; newest: string | null };
  /** Phone layout (buyers): full-width rows, bigger targets. */
  mobile?: boolean;
}

/**
 * The list of the user's notifications, newest first: unread ones stand out, a click marks
 * one read and opens its subject, and new ones appear at the top as they arrive.
 */
export function NotificationCentre({ items, unread, latestId, filter, hrefs, mobile = false }: NotificationCentreProps) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const text = useNotificationText();
  const router = useRouter();
  const [live, setLive] = useState<NotificationItem[]>([]);
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const [allReadUpTo, setAllReadUpTo] = useState<string | null>(null);
  const [count, setCount] = useState(unread);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const firstPage = hrefs.newest === null;

  useEffect(() => setCount(unread), [unread]);
  useEffect(
    () =>
      subscribeLive(
        {
          unread: setCount,
          // Only the newest page grows; an older page stays as it was.
          notification: (n) => firstPage && setLive((prev) => mergeNotifications([n], prev)),
          resync: () => router.refresh(),
        },
        latestId,
      ),
    [latestId, firstPage, router],
  );

  const shown = useMemo(() => mergeNotifications(live, items), [live, items]);
  const isRead = (n: NotificationItem) => !!n.readAt || readIds.has(n.id) || (allReadUpTo !== null && compareIds(n.id, allReadUpTo) <= 0);
  const anyUnread = count > 0 || shown.some((n) => !isRead(n));

  const markRead = (id: string) => {
    setReadIds((s) => new Set(s).add(id));
    return markNotificationReadAction({ id });
  };

  const open = (e: React.MouseEvent<HTMLAnchorElement>, n: NotificationItem) => {
    if (isRead(n)) return; // an ordinary link
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) {
      void markRead(n.id); // opening elsewhere: mark it, leave the navigation to the browser
      return;
    }
    e.preventDefault();
    startTransition(async () => {
      await markRead(n.id).catch(() => null);
      router.push(n.link);
    });
  };

  const markAll = () =>
    startTransition(async () => {
      setError(null);
      const upTo = shown[0]?.id;
      const r = await markAllNotificationsReadAction(upTo ? { upTo } : {});
      if (r.ok) setAllReadUpTo(upTo ?? "0");
      else setError(r.error);
    });

  const tab = (key: "all" | "unread", href: string, label: string) => (
    <Link
      href={href}
      aria-current={filter === key ? "page" : undefined}
      className={`rounded-full px-3 py-1.5 text-sm ${filter === key ? "bg-brand-500 font-medium text-white" : "text-neutral-700 ring-1 ring-neutral-300 hover:bg-neutral-50"}`}
    >
      {label}
    </Link>
  );

  return (
    <div className={mobile ? "" : "space-y-4"}>
      <div className={`flex flex-wrap items-center justify-between gap-3 ${mobile ? "bg-white px-4 py-3" : ""}`}>
        <nav aria-label={t("filters")} className="flex gap-2">
          {tab("all", hrefs.all, t("filterAll"))}
          {tab("unread", hrefs.unread, count > 0 ? `${t("filterUnread")} ${count > 99 ? "99+" : count}` : t("filterUnread"))}
        </nav>
        <div className="flex items-center gap-3">
          <button
            type="button"
            onClick={markAll}
            disabled={pending || !anyUnread}
            className="h-9 rounded-lg px-3 text-sm font-medium text-brand-700 ring-1 ring-brand-500/40 hover:bg-brand-50 disabled:cursor-not-allowed disabled:text-neutral-400 disabled:ring-neutral-200"
          >
            {pending ? t("markingAllRead") : t("markAllRead")}
          </button>
          {!mobile && (
            <Link href={hrefs.settings} className="text-sm text-neutral-600 hover:underline">
              {t("settings")}
            </Link>
          )}
        </div>
      </div>
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}

      {shown.length === 0 ? (
        <div className={`px-6 py-12 text-center ${mobile ? "mt-2 bg-white" : "rounded-xl border border-dashed border-neutral-300 bg-white"}`}>
          <p className="font-medium text-neutral-800">{filter === "unread" ? t("emptyUnread") : t("empty")}</p>
          <p className="mt-2 text-sm text-neutral-500">{t("emptyHint")}</p>
        </div>
      ) : (
        <ul aria-label={t("listLabel")} className={`divide-y divide-neutral-100 bg-white ${mobile ? "mt-2" : "overflow-hidden rounded-xl shadow-sm ring-1 ring-neutral-200"}`}>
          {shown.map((n) => {
            const read = isRead(n);
            const message = text(n);
            return (
              <li key={n.id} className={`flex items-start gap-3 ${mobile ? "px-4 py-3" : "px-4 py-3.5"} ${read ? "" : "bg-brand-50/60"}`}>
                <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${read ? "bg-transparent" : "bg-red-600"}`} />
                <Link href={n.link} onClick={(e) => open(e, n)} className="min-w-0 flex-1 rounded-md outline-offset-2" prefetch={false}>
                  <p className={`text-sm leading-6 ${read ? "text-neutral-700" : "font-medium text-neutral-900"}`}>
                    {!read && <span className="sr-only">{t("unreadPrefix")}</span>}
                    {message}
                  </p>
                  <p className="mt-0.5 text-xs text-neutral-500">
                    <time dateTime={n.createdAt}>{format.dateTime(new Date(n.createdAt), { dateStyle: "medium", timeStyle: "short" })}</time>
                  </p>
                </Link>
                {!read && (
                  <button
                    type="button"
                    onClick={() => void markRead(n.id)}
                    className={`shrink-0 rounded-md px-2 text-xs text-neutral-600 ring-1 ring-neutral-300 hover:bg-white ${mobile ? "h-9" : "h-7"}`}
                    aria-label={t("markReadOf", { message })}
                  >
                    {t("markRead")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {(hrefs.older || hrefs.newest) && (
        <div className={`flex justify-between gap-3 text-sm ${mobile ? "px-4 py-3" : ""}`}>
          {hrefs.newest ? (
            <Link href={hrefs.newest} className="text-brand-700 hover:underline">
              {t("newest")}
            </Link>
          ) : (
            <span />
          )}
          {hrefs.older && (
            <Link href={hrefs.older} className="text-brand-700 hover:underline">
              {t("older")}
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
