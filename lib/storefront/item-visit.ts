import "server-only";
// What an item page shows that differs per request: who is looking (./viewer.ts) and live
// stock. The cached page (the same for everyone) asks for it once it has loaded, and the
// request counts as the shopper's view.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countItemView } from "@/lib/metrics/views";
import { visibleItem } from "./cards";
import type { ItemVisit } from "./types";
import { storefrontViewer } from "./viewer";

/**
 * An item page's live part, and one view of it counted unless staff are looking (a seller
 * checking their own page is not traffic), once per viewer per half hour. NOT_FOUND unless the item is on sale in an
 * approved store, so an off-sale item neither answers nor counts.
 */
export async function visitItem(actor: Actor | null, itemId: string, opts: { clientIp?: string | null } = {}): Promise<ItemVisit> {
  const item = await db.item.findFirst({
    where: { id: itemId, ...visibleItem },
    select: { storeId: true, skus: { where: { active: true }, select: { id: true, stock: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND", "This item is not on sale.");
  const viewer = await storefrontViewer(actor, item.storeId);
  // Once per viewer and item per half hour: a signed-in buyer by their id, a guest by address.
  if (viewer.shopper !== "staff") countItemView(item.storeId, itemId, new Date(), actor?.userId ?? (opts.clientIp ? `ip:${opts.clientIp}` : null));
  return { ...viewer, stock: Object.fromEntries(item.skus.map((s) => [s.id, s.stock])) };
}
