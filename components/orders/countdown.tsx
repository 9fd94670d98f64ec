"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/** 00:29:59 style, from milliseconds. */
export function formatLeft(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return hh > 0 ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * Time left until a deadline, ticking each second. The first render uses the server's clock
 * (`serverNow`) so the server's HTML and the first client render agree; when time is up the
 * page is refreshed once to show what the server did.
 */
export function Countdown({ deadline, serverNow }: { deadline: string; serverNow: number }) {
  const router = useRouter();
  const end = Date.parse(deadline);
  const [now, setNow] = useState(serverNow);
  const refreshed = useRef(false);

  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);

  const left = Math.max(0, end - now);
  useEffect(() => {
    if (left > 0 || refreshed.current) return;
    refreshed.current = true;
    // The expiry job may need a moment; one refresh shortly after is enough.
    const id = setTimeout(() => router.refresh(), 1500);
    return () => clearTimeout(id);
  }, [left, router]);

  return (
    <time dateTime={deadline} className="font-semibold tabular-nums">
      {formatLeft(left)}
    </time>
  );
}
