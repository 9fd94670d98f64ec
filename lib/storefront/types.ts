// What the storefront's read models return: plain JSON (they pass through unstable_cache,
// which would turn Dates into strings), shared by the loaders and the presentational components.
import type { SpecDimension } from "@/lib/catalog/sku-matrix";

export interface StoreSummary {
  id: string;
  slug: string;
  name: string;
  description: string;
  logoImageId: string | null;
  status: "APPROVED" | "SUSPENDED";
  /** Suspended by the platform: the storefront says it is closed and shows no items. */
  suspended: boolean;
  statusReason: string | null;
}

export interface ItemCard {
  id: string;
  title: string;
  mainImageId: string | null;
  priceMinFen: number;
  priceMaxFen: number;
  /** No active SKU has stock. */
  soldOut: boolean;
  /** A flash sale is in force (lib/promotions/sale-prices.ts): the range at sale prices; priceMin/Max stay the normal ones, shown struck through. */
  sale?: { priceMinFen: number; priceMaxFen: number } | null;
}

export interface ResolvedBanner {
  type: "banner";
  imageId: string;
  caption: string | null;
  linkGroupId: string | null;
}

export interface ResolvedGroupList {
  type: "group_list";
  groupId: string;
  title: string;
  items: ItemCard[];
  /** The group has more on-sale items than the section shows. */
  hasMore: boolean;
}

export interface ResolvedGridTile {
  groupId: string;
  title: string;
  /** The tile's own image, else the group's first on-sale item's main image. */
  imageId: string | null;
}

export interface ResolvedGroupGrid {
  type: "group_grid";
  tiles: ResolvedGridTile[];
}

/** Only in the seller's preview: a section that cannot be shown (incomplete, or its group/image is gone). */
export interface UnresolvedSection {
  type: "unresolved";
  sectionType: string;
}

export type ResolvedSection = ResolvedBanner | ResolvedGroupList | ResolvedGroupGrid | UnresolvedSection;

export interface StoreHome {
  /** The published shelf, or null when the store has not published one yet. */
  shelf: { name: string; version: number; sections: ResolvedSection[] } | null;
  /** Without a published shelf: the store's on-sale items, newest first (capped). */
  items: ItemCard[];
}

export interface GroupPage {
  id: string;
  name: string;
  items: ItemCard[];
  /** More on-sale items exist than the page lists. */
  truncated: boolean;
}

export type DescriptionBlock = { type: "text"; text: string } | { type: "image"; imageId: string };

export interface StoreSku {
  id: string;
  specKey: string;
  priceFen: number;
  originalPriceFen: number | null;
}

export interface ItemPage {
  id: string;
  title: string;
  /** Main image first, then the gallery in order. */
  gallery: string[];
  description: DescriptionBlock[];
  /** Width and height of every image above, by id. */
  imageSizes: Record<string, { width: number; height: number }>;
  specs: SpecDimension[];
  skus: StoreSku[];
  priceMinFen: number;
  priceMaxFen: number;
  /** Original ("was") prices of SKUs that have one above their price; null when none does. */
  originalMinFen: number | null;
  originalMaxFen: number | null;
  buyLimit: number | null;
  postage: { mode: "FREE" | "FLAT" | "PER_ITEM"; fen: number; extraFen: number };
  /**
   * A flash sale in force when the page was rendered (the SKUs above then carry its prices,
   * their own as the struck "was" price), or the next one to begin. The cached page changes at
   * each start and end (lib/promotions/sale-clock.ts).
   */
  sale: { phase: "RUNNING"; name: string; endsAt: string; perBuyerLimit: number | null } | { phase: "UPCOMING"; name: string; startsAt: string; endsAt: string; priceMinFen: number } | null;
}

export interface SearchResult {
  q: string;
  page: number;
  items: ItemCard[];
  hasMore: boolean;
}

/** Who is looking: a buyer can buy; a guest is sent to sign in; sellers and admins cannot buy. */
export type Shopper = "buyer" | "guest" | "staff";

/**
 * What a cached storefront page shows that depends on who is looking
 * (lib/storefront/viewer.ts), asked for once the page has loaded.
 */
export interface StorefrontViewer {
  shopper: Shopper;
  /** Units in the shopper's cart of this store (0 unless a buyer). */
  cartCount: number;
  /** The notification bell of a signed-in user (any role); null for a guest. */
  bell: { href: string; unread: number; latestId: string } | null;
}

/** An item page's live part (lib/storefront/item-visit.ts): the viewer and live stock. */
export interface ItemVisit extends StorefrontViewer {
  /** Live stock of the item's active SKUs, by SKU id. */
  stock: Record<string, number>;
}
