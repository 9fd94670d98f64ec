"use client";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { LiveBell } from "@/components/notifications/live-bell";
import { CartLink } from "@/components/orders/cart-link";
import type { ItemVisit, StorefrontViewer } from "@/lib/storefront/types";

/**
 * The live part of a cached storefront page (the same HTML for everyone): who is looking,
 * their cart count and bell, and on an item page live stock. Asked for once the page has
 * loaded; `status` is "loading" until it answers and "failed" if it could not (the page then
 * lets the buyer try, and the server decides: sign-in, stock).
 */
export type StorefrontLive =
  | { status: "loading" | "failed"; viewer: null; stock: null }
  | { status: "ready"; viewer: StorefrontViewer; stock: Record<string, number> | null };

interface StorefrontLiveValue {
  live: StorefrontLive;
  /** After "Add to cart": the new count, so the header's badge follows without asking again. */
  setCartCount: (count: number) => void;
}

const loading: StorefrontLive = { status: "loading", viewer: null, stock: null };

/** Provided by StorefrontLiveProvider (exported for rendering a page's parts in a given state). */
export const StorefrontLiveContext = createContext<StorefrontLiveValue>({ live: loading, setCartCount: () => {} });

/** What the page asks about: an item page its item (POST: the request counts the view), other pages their store. */
export type LiveSource = { itemId: string } | { storeId: string };

const failed: StorefrontLive = { status: "failed", viewer: null, stock: null };
const keyOf = (source: LiveSource) => ("itemId" in source ? `item:${source.itemId}` : `store:${source.storeId}`);

async function ask(source: LiveSource): Promise<StorefrontLive> {
  try {
    const res =
      "itemId" in source
        ? await fetch(`/api/items/${encodeURIComponent(source.itemId)}/visit`, { method: "POST", cache: "no-store" })
        : await fetch(`/api/storefront/viewer?store=${encodeURIComponent(source.storeId)}`, { cache: "no-store" });
    if (!res.ok) return failed;
    if ("itemId" in source) {
      const { stock, ...viewer } = (await res.json()) as ItemVisit;
      return { status: "ready", viewer, stock };
    }
    return { status: "ready", viewer: (await res.json()) as StorefrontViewer, stock: null };
  } catch {
    return failed;
  }
}

// One request per page view. React mounts effects twice in development (Strict Mode): the
// second mount gets the first one's answer instead of counting an item's view again.
let recent: { key: string; at: number; answer: Promise<StorefrontLive> } | null = null;
function askOnce(source: LiveSource): Promise<StorefrontLive> {
  const key = keyOf(source);
  if (recent && recent.key === key && Date.now() - recent.at < 1_000) return recent.answer;
  recent = { key, at: Date.now(), answer: ask(source) };
  return recent.answer;
}

export function StorefrontLiveProvider({ source, children }: { source: LiveSource; children: ReactNode }) {
  const [live, setLive] = useState<StorefrontLive>(loading);
  const key = keyOf(source);
  useEffect(() => {
    let current = true;
    setLive(loading);
    void askOnce(source).then((answer) => {
      if (current) setLive(answer);
    });
    return () => {
      current = false;
    };
    // The source's identity, not the object (a new one on every render of the parent).
  }, [key]);
  const setCartCount = (cartCount: number) => setLive((l) => (l.status === "ready" ? { ...l, viewer: { ...l.viewer, cartCount } } : l));
  return <StorefrontLiveContext.Provider value={{ live, setCartCount }}>{children}</StorefrontLiveContext.Provider>;
}

export const useStorefrontLive = () => useContext(StorefrontLiveContext);

/** The header's cart icon: the count arrives with the page's live part (no count until then, or without JavaScript). */
export function LiveCartLink({ slug }: { slug: string }) {
  const { live } = useStorefrontLive();
  return <CartLink slug={slug} count={live.viewer?.cartCount ?? null} />;
}

/** The signed-in user's notification bell, once the page knows who is looking (nothing for a guest). */
export function LiveViewerBell() {
  const { live } = useStorefrontLive();
  const bell = live.viewer?.bell;
  return bell ? <LiveBell href={bell.href} initialCount={bell.unread} latestId={bell.latestId} variant="mobile" /> : null;
}
