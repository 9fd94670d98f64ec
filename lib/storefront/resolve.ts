import "server-only";
// Turns shelf sections (ids and settings) into what the storefront renders: groups become
// their on-sale items in order, capped per section. Used for the published shelf and, with
// `preview`, for the seller's live preview of an unsaved draft.
import { db } from "@/lib/db/client";
import { SHELF_LIMITS, shelfSection, type ShelfSection } from "@/lib/shelves/schemas";
import { itemCardSelect, toItemCard, withSalePrices } from "./cards";
import type { ItemCard, ResolvedGridTile, ResolvedSection } from "./types";

const onSale = { item: { status: "ON_SALE" } } as const;

export async function resolveSections(storeId: string, sections: ShelfSection[], opts: { preview?: boolean } = {}): Promise<ResolvedSection[]> {
  const groupIds = new Set<string>();
  const imageIds = new Set<string>();
  let take = 1; // grid tiles without an image borrow the group's first item's
  for (const s of sections) {
    if (s.type === "banner") {
      imageIds.add(s.imageId);
      if (s.linkGroupId) groupIds.add(s.linkGroupId);
    } else if (s.type === "group_list") {
      groupIds.add(s.groupId);
      take = Math.max(take, Math.min(s.count, SHELF_LIMITS.listCountMax));
    } else {
      for (const t of s.tiles) {
        groupIds.add(t.groupId);
        if (t.imageId) imageIds.add(t.imageId);
      }
    }
  }

  const [groups, images] = await Promise.all([
    groupIds.size
      ? db.group.findMany({
          where: { id: { in: [...groupIds] }, storeId },
          select: {
            id: true,
            name: true,
            _count: { select: { items: { where: onSale } } },
            items: { where: onSale, orderBy: { position: "asc" }, take, select: { item: { select: itemCardSelect } } },
          },
        })
      : [],
    imageIds.size ? db.image.findMany({ where: { id: { in: [...imageIds] }, storeId }, select: { id: true } }) : [],
  ]);
  const priced = new Map((await withSalePrices(groups.flatMap((g) => g.items.map((gi) => toItemCard(gi.item))))).map((c) => [c.id, c]));
  const groupById = new Map(
    groups.map((g) => [g.id, { name: g.name, onSaleCount: g._count.items, items: g.items.map((gi) => priced.get(gi.item.id)!) as ItemCard[] }]),
  );
  const imageOk = new Set(images.map((i) => i.id));
  const unresolved = (sectionType: string): ResolvedSection[] => (opts.preview ? [{ type: "unresolved", sectionType }] : []);

  return sections.flatMap((s): ResolvedSection[] => {
    if (s.type === "banner") {
      if (!imageOk.has(s.imageId)) return unresolved(s.type);
      return [{ type: "banner", imageId: s.imageId, caption: s.caption ?? null, linkGroupId: s.linkGroupId && groupById.has(s.linkGroupId) ? s.linkGroupId : null }];
    }
    if (s.type === "group_list") {
      const g = groupById.get(s.groupId);
      if (!g) return unresolved(s.type);
      // A group with nothing on sale is left out for buyers; the seller's preview still shows where it goes.
      if (!g.items.length && !opts.preview) return [];
      return [{ type: "group_list", groupId: s.groupId, title: s.title ?? g.name, items: g.items.slice(0, s.count), hasMore: g.onSaleCount > s.count }];
    }
    const tiles: ResolvedGridTile[] = s.tiles.flatMap((t) => {
      const g = groupById.get(t.groupId);
      if (!g || (!g.onSaleCount && !opts.preview)) return [];
      const imageId = t.imageId && imageOk.has(t.imageId) ? t.imageId : (g.items[0]?.mainImageId ?? null);
      return [{ groupId: t.groupId, title: t.title ?? g.name, imageId }];
    });
    if (!tiles.length) return unresolved(s.type);
    return [{ type: "group_grid", tiles }];
  });
}

/** For the preview of an unsaved draft: each section parsed on its own, an invalid one shown as unresolved. */
export async function resolveDraftForPreview(storeId: string, raw: unknown[]): Promise<ResolvedSection[]> {
  const parsed = raw.slice(0, SHELF_LIMITS.sections).map((s) => shelfSection.safeParse(s));
  const valid = parsed.flatMap((r) => (r.success ? [r.data] : []));
  const resolved = await resolveSections(storeId, valid, { preview: true });
  // resolveSections keeps one entry per section in preview mode, so the two lists line up.
  let next = 0;
  return parsed.map((r, i) => {
    if (r.success) return resolved[next++];
    const t = (raw[i] as { type?: unknown } | null)?.type;
    return { type: "unresolved", sectionType: typeof t === "string" ? t : "unknown" };
  });
}
