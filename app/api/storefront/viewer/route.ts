// GET /api/storefront/viewer?store=<storeId> — who is looking at a store's cached pages
// (buyer, guest or staff), the units in their cart of that store and their notification
// bell. The store's home and group pages are the same for everyone, so they ask for this
// once loaded (item pages get it with their stock: POST /api/items/<id>/visit).
import { z } from "zod";
import { jsonError } from "@/lib/api/endpoint";
import { getActor } from "@/lib/auth/session";
import { route } from "@/lib/http";
import { storefrontViewer } from "@/lib/storefront/viewer";

// Store ids are cuids: lower-case letters and digits.
const query = z.object({ store: z.string().regex(/^[a-z0-9]{1,40}$/) });
const noStore = { "Cache-Control": "private, no-store" };

export const GET = route(async (req: Request) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return jsonError(400, "VALIDATION", "store must be a store id.", {}, noStore);
  return Response.json(await storefrontViewer(await getActor(), parsed.data.store), { headers: noStore });
});
