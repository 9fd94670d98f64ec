"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { subscribeLive } from "./live";

/**
 * The bell: a link to the notification centre whose unread badge follows the live stream.
 * Its messages are only notifications.bell, which every storefront page carries (the cached
 * pages show it once they know who is looking).
 */
export function LiveBell({ href, initialCount, latestId, variant = "console" }: { href: string; initialCount: number; latestId: string; variant?: "console" | "mobile" }) {
  const t = useTranslations("notifications.bell");
  const [count, setCount] = useState(initialCount);
  const [arrived, setArrived] = useState(0);

  // A fresh server render (after an action) knows the count too.
  useEffect(() => setCount(initialCount), [initialCount]);
  useEffect(() => subscribeLive({ unread: setCount, notification: () => setArrived((a) => a + 1) }, latestId), [latestId]);

  const label = count > 0 ? t("unread", { count }) : t("label");
  const size = variant === "mobile" ? "size-11" : "size-9";
  return (
    <>
      <Link href={href} aria-label={label} title={label} className={`relative grid ${size} shrink-0 place-items-center rounded-lg text-neutral-700 hover:bg-neutral-100`}>
        <svg aria-hidden viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Z" />
          <path d="M10 20.5a2 2 0 0 0 4 0" />
        </svg>
        {count > 0 && (
          <span aria-hidden className="absolute top-0.5 right-0 min-w-4.5 rounded-full bg-red-600 px-1 text-center text-[11px] leading-4.5 font-semibold text-white tabular-nums">
            {count > 99 ? "99+" : count}
          </span>
        )}
      </Link>
      {/* Screen readers hear new arrivals without moving focus. */}
      <span role="status" aria-live="polite" className="sr-only">
        {arrived > 0 ? t("newArrived", { count: arrived }) : ""}
      </span>
    </>
  );
}
