"use client";
// Keeps a dashboard current without a reload: the page re-renders its server figures (client
// state stays) as soon as the tab's live notification stream brings something (a paid order,
// a refund, a complaint…), and otherwise every `everyMs` while the tab is visible, and when
// it becomes visible again after that long.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { subscribeLive } from "@/components/notifications/live";

export function AutoRefresh({ everyMs = 60_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    let last = Date.now();
    let soon: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      last = Date.now();
      router.refresh();
    };
    // A burst of notifications (a flash sale) is one refresh, not one per order.
    const refreshSoon = () => {
      if (!soon) soon = setTimeout(() => ((soon = undefined), refresh()), 500);
    };
    const due = () => document.visibilityState === "visible" && Date.now() - last >= everyMs;
    const tick = setInterval(() => due() && refresh(), 1_000);
    const onVisible = () => due() && refresh();
    document.addEventListener("visibilitychange", onVisible);
    const unsubscribe = subscribeLive({ notification: refreshSoon });
    return () => {
      clearInterval(tick);
      clearTimeout(soon);
      document.removeEventListener("visibilitychange", onVisible);
      unsubscribe();
    };
  }, [router, everyMs]);
  return null;
}
