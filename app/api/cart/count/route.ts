// GET /api/cart/count?store=<storeId> — how many units the signed-in buyer has in that store's
// cart (0 for guests and staff). The cached storefront pages are the same for everyone, so
// their header's cart badge asks for this after the page loads.
import { z } from "zod";
import { jsonError } from "@/lib/api/endpoint";
import { getActor } from "@/lib/auth/session";
import { route } from "@/lib/http";
import { cartCount } from "@/lib/orders/cart";

// Store ids are cuids: lower-case letters and digits.
const query = z.object({ store: z.string().regex(/^[a-z0-9]{1,40}$/) });
const noStore = { "Cache-Control": "private, no-store" };

export const GET = route(async (req: Request) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return jsonError(400, "VALIDATION", "store must be a store id.", {}, noStore);
  const count = await cartCount(await getActor(), parsed.data.store);
  return Response.json({ count }, { headers: noStore });
});
