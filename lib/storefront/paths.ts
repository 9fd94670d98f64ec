// Storefront URLs (pure; shared by pages and components).
export const storePath = (slug: string) => `/s/${slug}`;
/** The buyer's own coupons of the store. */
export const couponsPath = (slug: string) => `/s/${slug}/coupons`;
export const groupPath = (slug: string, groupId: string) => `/s/${slug}/groups/${groupId}`;
export const itemPath = (slug: string, itemId: string) => `/s/${slug}/items/${itemId}`;
export function searchPath(slug: string, q?: string, page?: number) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page && page > 1) params.set("page", String(page));
  const qs = params.toString();
  return `/s/${slug}/search${qs ? `?${qs}` : ""}`;
}
