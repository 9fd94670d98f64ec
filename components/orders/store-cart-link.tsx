import { Suspense } from "react";
import { getActor } from "@/lib/auth/session";
import { cartCount } from "@/lib/orders/cart";
import { CartLink } from "./cart-link";

async function CountedCartLink({ slug, storeId }: { slug: string; storeId: string }) {
  const count = await cartCount(await getActor(), storeId);
  return <CartLink slug={slug} count={count} />;
}

/** The store header's cart icon; the count streams in without holding up the page. */
export function StoreCartLink({ slug, storeId }: { slug: string; storeId: string }) {
  return (
    <Suspense fallback={<CartLink slug={slug} count={null} />}>
      <CountedCartLink slug={slug} storeId={storeId} />
    </Suspense>
  );
}
