"use client";
import { useEffect, useState } from "react";
import { CartLink } from "./cart-link";

/**
 * The cart icon of a cached storefront page: the page is the same for every buyer, so the
 * count is asked for once it has loaded (GET /api/cart/count). Without JavaScript, or while it
 * loads, the icon shows no count.
 */
export function LiveCartLink({ slug, storeId }: { slug: string; storeId: string }) {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetch(`/api/cart/count?store=${encodeURIComponent(storeId)}`, { signal: abort.signal, cache: "no-store" })
      .then((res) => (res.ok ? res.json() : null))
      .then((body: { count?: unknown } | null) => {
        if (typeof body?.count === "number") setCount(body.count);
      })
      .catch(() => {}); // the icon still links to the cart
    return () => abort.abort();
  }, [storeId]);
  return <CartLink slug={slug} count={count} />;
}
