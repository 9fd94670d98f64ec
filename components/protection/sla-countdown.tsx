"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/** "2d 03:04:05" / "03:04:05" from milliseconds (days only when there are any). */
export function formatSla(ms: number): { days: number; clock: string } {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  const days = Math.floor(s / 86_400);
  const hh = String(Math.floor((s % 86_400) / 3600)).padStart(2, "0");
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return { days, clock: `${hh}:${mm}:${ss}` };
}

/**
 * Time left until a case deadline, ticking each second; "overdue" once it has passed. The
 * first render uses the server's clock so server HTML and hydration agree; when the deadline
 * passes the page is refreshed once to show what the timer did. Amber when less than
 * `riskHours` remain, red when overdue.
 */
export function SlaCountdown({ deadline, serverNow, riskHours = 12, refreshOnExpiry = true }: { deadline: string; serverNow: number; riskHours?: number; refreshOnExpiry?: boolean }) {
  const t = useTranslations("protection.sla");
  const router = useRouter();
  const end = Date.parse(deadline);
  const [now, setNow] = useState(serverNow);
  const refreshed = useRef(false);

  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  const left = end - now;
  useEffect(() => {
    if (!refreshOnExpiry || left > 0 || refreshed.current || serverNow >= end) return;
    refreshed.current = true;
    // The timer job may need a moment; one refresh shortly after is enough.
    const id = setTimeout(() => router.refresh(), 2000);
    return () => clearTimeout(id);
  }, [left, end, serverNow, refreshOnExpiry, router]);

  const { days, clock } = formatSla(left);
  const tone = left <= 0 ? "text-red-700" : left < riskHours * 3_600_000 ? "text-amber-700" : "text-neutral-900";
  return (
    <time dateTime={deadline} className={`font-semibold tabular-nums ${tone}`} title={new Date(end).toISOString()}>
      {left <= 0 ? t("overdue", { days, clock }) : t("left", { days, clock })}
    </time>
  );
}
