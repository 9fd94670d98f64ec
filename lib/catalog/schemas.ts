// What a seller submits for an item, and the rules it must follow. Shared by the domain
// (lib/catalog/items.ts), the server actions and, for types and limits, the editor.
// Error messages are keys, translated in lib/i18n/messages/*/fields-catalog.json.
import { z } from "zod";
import { buildSkuMatrix, validateSpecs, type SpecDimension } from "./sku-matrix";

export const ITEM_LIMITS = {
  title: 60,
  descriptionBlocks: 50,
  descriptionText: 2000,
  gallery: 9,
  skuCode: 40,
  /** ¥1,000,000.00: the highest price (and postage) a seller may set. */
  maxPriceFen: 100_000_000,
  /** Far below int4's limit, so no sum or adjustment can overflow it. */
  maxStock: 99_999_999,
  buyLimit: 9999,
  stockNote: 200,
} as const;

const id = (error = "required") => z.string({ error }).trim().min(1, { error }).max(64, { error: "invalid" });

const fen = (typeError: string, min = 0) =>
  z
    .number({ error: typeError })
    .int({ error: typeError })
    .min(min, { error: typeError })
    .max(ITEM_LIMITS.maxPriceFen, { error: "priceTooHigh" });

export const descriptionBlock = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("text"),
      text: z.string().trim().min(1, { error: "descriptionTextEmpty" }).max(ITEM_LIMITS.descriptionText, { error: "tooLong" }),
    }),
    z.object({ type: z.literal("image"), imageId: id("imageUnknown") }),
  ],
  { error: "invalid" },
);
export type DescriptionBlock = z.output<typeof descriptionBlock>;

export const specDimension = z.object({
  name: z.string({ error: "required" }).trim(),
  values: z.array(z.string({ error: "invalid" }).trim(), { error: "invalid" }),
});

export const skuRow = z.object({
  specKey: z.string({ error: "invalid" }),
  priceFen: fen("priceInvalid", 1),
  originalPriceFen: fen("priceInvalid").nullish(),
  /** Initial stock, used only when this row creates a new SKU. */
  stock: z
    .number({ error: "stockInvalid" })
    .int({ error: "stockInvalid" })
    .min(0, { error: "stockInvalid" })
    .max(ITEM_LIMITS.maxStock, { error: "stockTooLarge" })
    .default(0),
  code: z
    .string({ error: "invalid" })
    .trim()
    .max(ITEM_LIMITS.skuCode, { error: "tooLong" })
    .nullish()
    .transform((s) => s || null),
});
export type SkuRowInput = z.input<typeof skuRow>;

export const POSTAGE_MODES = ["FREE", "FLAT", "PER_ITEM"] as const;
export type PostageModeName = (typeof POSTAGE_MODES)[number];

/** The fields of an item, without the rules that relate them (see refineItem). */
export const itemFields = z.object({
  title: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(ITEM_LIMITS.title, { error: "tooLong" }),
  description: z.array(descriptionBlock, { error: "invalid" }).max(ITEM_LIMITS.descriptionBlocks, { error: "descriptionTooManyBlocks" }).default([]),
  categoryId: id("categoryRequired"),
  /** Shown first everywhere (list, storefront card); required to put the item on sale. */
  mainImageId: z
    .string({ error: "invalid" })
    .trim()
    .max(64, { error: "invalid" })
    .nullish()
    .transform((s) => s || null),
  /** Further images after the main one, in order. */
  galleryImageIds: z.array(id("imageUnknown"), { error: "invalid" }).max(ITEM_LIMITS.gallery, { error: "galleryTooMany" }).default([]),
  specs: z.array(specDimension, { error: "invalid" }).default([]),
  skus: z.array(skuRow, { error: "invalid" }),
  buyLimit: z
    .number({ error: "buyLimitInvalid" })
    .int({ error: "buyLimitInvalid" })
    .min(1, { error: "buyLimitInvalid" })
    .max(ITEM_LIMITS.buyLimit, { error: "buyLimitInvalid" })
    .nullish()
    .transform((n) => n ?? null),
  postageMode: z.enum(POSTAGE_MODES, { error: "invalid" }).default("FREE"),
  postageFen: fen("postageInvalid").default(0),
  postageExtraFen: fen("postageInvalid").default(0),
});

type ItemFields = z.output<typeof itemFields>;

/**
 * The rules across fields: the SKU rows must be exactly the spec matrix (one row per
 * combination, none missing, none extra, none twice); an original price is not below the
 * price; SKU codes are unique within the item; no image twice in the gallery.
 * Returns { path: messageKey }; empty when all is well. Pure.
 */
export function crossCheckItem(data: ItemFields): Record<string, string> {
  const problems: Record<string, string> = { ...validateSpecs(data.specs) };

  if (!Object.keys(problems).some((k) => k.startsWith("specs"))) {
    const expected = new Set(buildSkuMatrix(data.specs).map((r) => r.key));
    const seen = new Set<string>();
    let extra = false;
    let duplicate = false;
    for (const row of data.skus) {
      if (!expected.has(row.specKey)) extra = true;
      else if (seen.has(row.specKey)) duplicate = true;
      seen.add(row.specKey);
    }
    const missing = [...expected].some((k) => !seen.has(k));
    if (duplicate) problems["skus"] = "skuDuplicate";
    else if (extra) problems["skus"] = "skuExtra";
    else if (missing) problems["skus"] = "skuMissing";
  }

  const codes = new Map<string, number>();
  data.skus.forEach((row, i) => {
    if (row.originalPriceFen != null && row.originalPriceFen < row.priceFen) problems[`skus.${i}.originalPriceFen`] = "originalBelowPrice";
    if (row.code) {
      const k = row.code.toLowerCase();
      if (codes.has(k)) problems[`skus.${i}.code`] = "skuCodeDuplicate";
      else codes.set(k, i);
    }
  });

  if (new Set(data.galleryImageIds).size !== data.galleryImageIds.length) problems["galleryImageIds"] = "galleryDuplicate";
  return problems;
}

export function refineItem(data: ItemFields, ctx: z.RefinementCtx) {
  for (const [path, message] of Object.entries(crossCheckItem(data))) {
    ctx.addIssue({ code: "custom", message, path: path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
  }
}

/** Normalises what a postage mode does not use to zero, so stored rows never carry stale fees. */
function normalisePostage<T extends ItemFields>(data: T): T {
  if (data.postageMode === "FREE") return { ...data, postageFen: 0, postageExtraFen: 0 };
  if (data.postageMode === "FLAT") return { ...data, postageExtraFen: 0 };
  return data;
}

export const itemInput = itemFields.superRefine(refineItem).transform(normalisePostage);
export type ItemInput = z.input<typeof itemInput>;
export type ItemData = z.output<typeof itemInput>;

export type { SpecDimension };

export const ON_SALE_FAILURES = ["NOT_FOUND", "NO_MAIN_IMAGE", "NO_ACTIVE_SKU", "STORE_NOT_APPROVED", "IS_DRAFT"] as const;
export type OnSaleFailure = (typeof ON_SALE_FAILURES)[number];

export const itemsStatusInput = z.object({
  itemIds: z.array(id(), { error: "invalid" }).min(1, { error: "noItemsSelected" }).max(200, { error: "tooManySelected" }),
  status: z.enum(["ON_SALE", "OFF_SALE"], { error: "invalid" }),
});

const stockNote = z.string({ error: "stockNoteRequired" }).trim().min(1, { error: "stockNoteRequired" }).max(ITEM_LIMITS.stockNote, { error: "tooLong" });

export const adjustStockInput = z.object({
  skuId: id(),
  delta: z
    .number({ error: "deltaInvalid" })
    .int({ error: "deltaInvalid" })
    .min(-ITEM_LIMITS.maxStock, { error: "deltaInvalid" })
    .max(ITEM_LIMITS.maxStock, { error: "deltaInvalid" })
    .refine((n) => n !== 0, { error: "deltaZero" }),
  note: stockNote,
});
export type AdjustStockInput = z.input<typeof adjustStockInput>;

const level = (error: string) => z.number({ error }).int({ error }).min(0, { error }).max(ITEM_LIMITS.maxStock, { error: "stockTooLarge" });

export const setStockLevelInput = z.object({
  skuId: id(),
  target: level("stockInvalid"),
  /** The level the seller saw; the change is refused (STALE) if stock moved since. */
  expectedCurrent: level("invalid"),
  note: stockNote,
});
export type SetStockLevelInput = z.input<typeof setStockLevelInput>;
