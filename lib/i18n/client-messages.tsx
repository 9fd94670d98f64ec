import "server-only";
// Client components get only the messages their part of the app uses. Passing every message
// (next-intl's default) put ~80 KB of JSON into every HTML response and RSC payload, and
// serialising it was most of a storefront request's CPU. Each surface's layout wraps its
// pages in <ClientMessages scope=…>; tests/app/i18n/client-messages.test.ts walks the import
// graph of each surface and fails if a client component there uses a namespace not listed.
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

export const clientMessageScopes = {
  root: [],
  // Browsing (home, groups, items, search): what is in every storefront page's HTML.
  // notifications.bell: the bell of the cached pages, shown once they know who is looking.
  // promotions: the coupon strip (its terms in words, and claiming) and a flash sale's countdown.
  store: ["store", "orders.item", "orders.cart", "notifications.bell", "promotions.claim", "promotions.coupon", "promotions.sale"],
  storeCheckout: ["store", "orders", "promotions.checkout", "promotions.coupon", "promotions.sale"],
  // The notification bell and button (components/notifications/notification-bell.tsx), signed-in users only.
  bell: ["notifications"],
  site: ["common", "errors", "auth", "orders", "notifications", "protection.actions", "protection.apply", "protection.evidence", "protection.reasons", "protection.sla", "protection.types"],
  seller: ["promotions.seller", "common", "errors", "catalog", "media", "notifications", "onboarding", "openapi.tokens", "orders", "protection.actions", "protection.evidence", "protection.returnAddress", "protection.sla", "shelves", "store"],
  admin: ["common", "errors", "admin", "notifications", "orders", "protection.actions", "protection.admin", "protection.evidence", "protection.outcome", "protection.party", "protection.sla", "funds.account", "funds.admin", "funds.recon"],
  sandbox: ["sandbox"],
} as const satisfies Record<string, readonly string[]>;

export type ClientMessageScope = keyof typeof clientMessageScopes;

type Messages = Record<string, unknown>;

/** The messages at `paths` ("orders" or "orders.cart"), keeping their nesting. */
export function pickMessages(all: Messages, paths: readonly string[]): Messages {
  const out: Messages = {};
  for (const p of paths) {
    const keys = p.split(".");
    let src: unknown = all;
    for (const k of keys) src = (src as Messages | undefined)?.[k];
    if (src === undefined) throw new Error(`no messages at "${p}"`);
    let dst = out;
    keys.slice(0, -1).forEach((k) => (dst = (dst[k] ??= {}) as Messages));
    dst[keys[keys.length - 1]] = src;
  }
  return out;
}

export async function ClientMessages({ scope, children }: { scope: ClientMessageScope; children: React.ReactNode }) {
  const all = (await getMessages()) as Messages;
  return <NextIntlClientProvider messages={pickMessages(all, clientMessageScopes[scope])}>{children}</NextIntlClientProvider>;
}
