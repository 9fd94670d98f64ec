"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { subscribeLive } from "./live";

/**
 * Re-renders the page (router.refresh) when a notification of one of `kinds` arrives — e.g.
 * a seller's dashboard on ORDER_PAID, so its figures move without a reload. Renders nothing.
 */
export function LiveRefresh({ kinds }: { kinds: string[] }) {
  const router = useRouter();
  const key = kinds.join(",");
  useEffect(() => {
    const wanted = new Set(key.split(","));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeLive(
      {
        notification: (n) => {
          if (!wanted.has(n.kind)) return;
          // A burst of arrivals refreshes once.
          clearTimeout(timer);
          timer = setTimeout(() => router.refresh(), 250);
        },
      },
    );
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [key, router]);
  return null;
}
