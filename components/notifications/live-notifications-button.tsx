"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { subscribeLive } from "./live";

/** The notification centre as a full-width button (the account page), with the live unread count. */
export function LiveNotificationsButton({ href, initialCount, latestId }: { href: string; initialCount: number; latestId: string }) {
  const t = useTranslations("notifications");
  const [count, setCount] = useState(initialCount);
  useEffect(() => setCount(initialCount), [initialCount]);
  useEffect(() => subscribeLive({ unread: setCount }, latestId), [latestId]);
  return (
    <Link
      href={href}
      aria-label={count > 0 ? t("bell.unread", { count }) : t("bell.label")}
      className="flex h-12 w-full items-center justify-center gap-2 rounded-lg bg-white px-6 text-base font-medium text-neutral-800 ring-1 ring-neutral-300 hover:bg-neutral-50"
    >
      {t("title")}
      {count > 0 && (
        <span aria-hidden className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-xs leading-5 font-semibold text-white tabular-nums">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
