import "server-only";
// Search within one store: on-sale items whose title contains the words typed. Not cached
// (free text would fill the cache); the query is bounded by page size and page count.
import { db } from "@/lib/db/client";
import { itemCardSelect, toItemCard, withSalePrices } from "./cards";
import type { SearchResult } from "./types";

export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_PAGES = 50;
export const SEARCH_MAX_QUERY = 50;

/** Prisma's `contains` passes % and _ through to ILIKE as wildcards: escape them (and the escape character). */
export function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `listAll`: an empty query lists every on-sale item (the Store API's catalogue listing). */
export async function searchStoreItems(storeId: string, q: string, page = 1, opts: { listAll?: boolean } = {}): Promise<SearchResult> {
  // Control characters (NUL among them, which Postgres refuses in text) are never in a title.
  const query = (typeof q === "string" ? q : "").replace(/[\u0000-\u001f\u007f]/g, " ").trim().replace(/\s+/g, " ").slice(0, SEARCH_MAX_QUERY);
  const p = Math.min(Math.max(Number.isFinite(page) ? Math.trunc(page) : 1, 1), SEARCH_MAX_PAGES);
  if (!query && !opts.listAll) return { q: query, page: p, items: [], hasMore: false };
  // Every word must appear in the title, in any order ("红 T恤" finds "T恤 红色").
  const words = query ? [...new Set(query.split(" "))].slice(0, 5) : [];
  const rows = await db.item.findMany({
    where: {
      storeId,
      status: "ON_SALE",
      store: { status: "APPROVED" },
      AND: words.map((w) => ({ title: { contains: likeLiteral(w), mode: "insensitive" as const } })),
    },
    orderBy: [{ onSaleAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
    skip: (p - 1) * SEARCH_PAGE_SIZE,
    take: SEARCH_PAGE_SIZE + 1,
    select: itemCardSelect,
  });
  return { q: query, page: p, items: await withSalePrices(rows.slice(0, SEARCH_PAGE_SIZE).map(toItemCard)), hasMore: rows.length > SEARCH_PAGE_SIZE && p < SEARCH_MAX_PAGES };
}
