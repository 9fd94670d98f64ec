"use client";
// The time left until a flash sale ends (or begins), ticking each second. At zero the page is
// fetched again: the server has already changed the cached page at that moment
// (lib/promotions/sale-clock.ts), so the buyer sees the new price without reloading.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { formatLeft } from "@/components/orders/countdown";

/** "2天 3:04:05" / "3:04:05" / "04:05": whole seconds left (rounded up, so 0 shows only at the moment), never negative. */
export function formatCountdown(ms: number, days: (n: number) => string): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(total / 86_400);
  const rest = formatLeft((total % 86_400) * 1000);
  return d > 0 ? `${days(d)} ${rest}` : rest;
}

export function SaleCountdown({ until, kind }: { until: string; kind: "endsIn" | "startsIn" }) {
  const t = useTranslations("promotions.sale");
  const router = useRouter();
  const target = new Date(until).getTime();
  // Rendered on the server (and cached) with no clock: the time shows once the page runs here.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= target) {
        clearInterval(id);
        // A moment after the boundary, so the request lands after it on the server's clock too.
        setTimeout(() => router.refresh(), 500);
      }
    }, 1000);
    return () => clearInterval(id);
  }, [target, router]);
  return (
    <span className="tabular-nums" suppressHydrationWarning>
      {t(kind, { time: now === null ? "--:--:--" : formatCountdown(target - now, (n) => t("days", { n })) })}
    </span>
  );
}
