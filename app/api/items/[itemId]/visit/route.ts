// POST /api/items/<itemId>/visit — an item page's live part: stock by SKU, who is looking
// (buyer, guest or staff) and their cart count in the item's store. The item pages are cached
// and the same for everyone, so they ask for this once loaded; it counts the shopper's view,
// hence POST (a prefetch or a crawler's GET of the page counts nothing).
import { z } from "zod";
import { jsonError } from "@/lib/api/endpoint";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { getActor } from "@/lib/auth/session";
import { assertSameOrigin, route } from "@/lib/http";
import { env } from "@/lib/env";
import { visitItem } from "@/lib/storefront/item-visit";

// Item ids are cuids: lower-case letters and digits.
const params = z.object({ itemId: z.string().regex(/^[a-z0-9]{1,40}$/) });
const noStore = { "Cache-Control": "private, no-store" };

export const POST = route(async (req: Request, ctx: { params: Promise<{ itemId: string }> }) => {
  // Counts a view as the signed-in viewer: not for another origin's page.
  assertSameOrigin(req, env().APP_URL);
  const parsed = params.safeParse(await ctx.params);
  if (!parsed.success) return jsonError(404, "NOT_FOUND", "This item is not on sale.", {}, noStore);
  return Response.json(await visitItem(await getActor(), parsed.data.itemId, { clientIp: clientIpFrom(req.headers) }), { headers: noStore });
});
