"use client";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { ItemVisit } from "@/lib/storefront/types";
import { CartLink } from "./cart-link";

/**
 * An item page's live part (stock, who is looking, their cart count), asked for once the
 * cached page has loaded. `status` is "loading" until it answers and "failed" if it could
 * not: the page then lets the buyer try, and the server decides (sign-in, stock).
 */
export type ItemLive = { status: "loading" | "failed"; visit: null } | { status: "ready"; visit: ItemVisit };

interface ItemLiveValue {
  live: ItemLive;
  /** After "Add to cart": the new count, so the header's badge follows without asking again. */
  setCartCount: (count: number) => void;
}

/** Provided by ItemLiveProvider (exported for rendering the page's parts in a given state). */
export const ItemLiveContext = createContext<ItemLiveValue>({ live: { status: "loading", visit: null }, setCartCount: () => {} });

// One visit per page view. React mounts effects twice in development (Strict Mode): the
// second mount gets the first one's answer instead of counting the view again.
const recent = new Map<string, { at: number; answer: Promise<ItemVisit | null> }>();
function visit(itemId: string): Promise<ItemVisit | null> {
  const hit = recent.get(itemId);
  if (hit && Date.now() - hit.at < 1_000) return hit.answer;
  const answer = fetch(`/api/items/${encodeURIComponent(itemId)}/visit`, { method: "POST", cache: "no-store" })
    .then((res) => (res.ok ? (res.json() as Promise<ItemVisit>) : null))
    .catch(() => null);
  recent.clear();
  recent.set(itemId, { at: Date.now(), answer });
  return answer;
}

export function ItemLiveProvider({ itemId, children }: { itemId: string; children: ReactNode }) {
  const [live, setLive] = useState<ItemLive>({ status: "loading", visit: null });
  useEffect(() => {
    let current = true;
    setLive({ status: "loading", visit: null });
    void visit(itemId).then((v) => {
      if (current) setLive(v ? { status: "ready", visit: v } : { status: "failed", visit: null });
    });
    return () => {
      current = false;
    };
  }, [itemId]);
  const setCartCount = (cartCount: number) => setLive((l) => (l.status === "ready" ? { status: "ready", visit: { ...l.visit, cartCount } } : l));
  return <ItemLiveContext.Provider value={{ live, setCartCount }}>{children}</ItemLiveContext.Provider>;
}

export const useItemLive = () => useContext(ItemLiveContext);

/** The header's cart icon on an item page: the count arrives with the page's live part. */
export function ItemCartLink({ slug }: { slug: string }) {
  const { live } = useItemLive();
  return <CartLink slug={slug} count={live.visit?.cartCount ?? null} />;
}
