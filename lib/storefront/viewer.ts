import "server-only";
// The part of a storefront page that depends on who is looking. The store's home, group and
// item pages are cached and the same for everyone; they ask for this once loaded.
import type { Actor } from "@/lib/auth/actor";
import { getMyNotificationSummary } from "@/lib/notifications/queries";
import { notificationCentrePath } from "@/lib/notifications/paths";
import { cartCount } from "@/lib/orders/cart";
import type { Shopper, StorefrontViewer } from "./types";

const shopperOf = (actor: Actor | null): Shopper => (!actor ? "guest" : actor.role === "BUYER" ? "buyer" : "staff");

/** Who is looking, their cart in this store and their notification bell. */
export async function storefrontViewer(actor: Actor | null, storeId: string): Promise<StorefrontViewer> {
  const [count, bell] = await Promise.all([
    cartCount(actor, storeId),
    actor ? getMyNotificationSummary(actor).then((s) => ({ href: notificationCentrePath(actor.role), ...s })) : null,
  ]);
  return { shopper: shopperOf(actor), cartCount: count, bell };
}
