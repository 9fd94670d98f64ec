// The item editor's state and its pure transformations: from a saved item to a draft, the
// live SKU table the spec dimensions generate, and from a draft back to the typed input the
// server action takes. No React here, so it is unit-tested on its own.
//
// Dimensions and description blocks carry client ids, so that a SKU row's entered price
// survives renaming a dimension, and server errors ("skus.3.priceFen", "specs.0.values",
// "description.2.text") stay attached to the right row after the table changes.
import { fenToYuanString, parseYuan } from "@/lib/money";
import type { DescriptionBlock, ItemInput, PostageModeName } from "./schemas";
import { ITEM_LIMITS } from "./schemas";
import { buildSkuMatrix, SPEC_LIMITS, validateSpecs, type SpecDimension } from "./sku-matrix";

export interface DimDraft {
  id: string;
  name: string;
  values: string[];
}

export type BlockDraft = { id: string; type: "text"; text: string } | { id: string; type: "image"; imageId: string };

/** What the seller typed for one combination: money as yuan text, converted only on save. */
export interface SkuDraft {
  price: string;
  original: string;
  /** Initial stock; used only when the row creates a new SKU. */
  stock: string;
  code: string;
}

export interface ItemDraft {
  title: string;
  categoryId: string;
  mainImageId: string | null;
  gallery: string[];
  description: BlockDraft[];
  specs: DimDraft[];
  /** By row key (see MatrixRow.key). Rows that left the table are kept, so bringing a value back restores them. */
  skus: Record<string, SkuDraft>;
  buyLimit: string;
  postageMode: PostageModeName;
  postage: string;
  postageExtra: string;
}

/** A SKU the item already has on the server. */
export interface ExistingSku {
  id: string;
  specKey: string;
  priceFen: number;
  originalPriceFen: number | null;
  stock: number;
  code: string | null;
  active: boolean;
}

export interface SavedItemShape {
  title: string;
  categoryId: string;
  mainImageId: string | null;
  galleryImageIds: string[];
  description: DescriptionBlock[];
  specs: SpecDimension[];
  buyLimit: number | null;
  postageMode: PostageModeName;
  postageFen: number;
  postageExtraFen: number;
  skus: ExistingSku[];
}

export interface MatrixRow {
  /** Stable across renames: the dimension ids and the chosen values. */
  key: string;
  /** The server's key: "颜色:红;尺码:M". */
  specKey: string;
  /** The chosen value of each table dimension, in order. */
  values: string[];
}

let counter = 0;
export function newId(prefix = "k"): string {
  counter += 1;
  return `${prefix}${counter.toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

const emptySku = (): SkuDraft => ({ price: "", original: "", stock: "", code: "" });

/** The dimensions that make the table: those with at least one value. */
export function tableDims(specs: DimDraft[]): DimDraft[] {
  return specs.filter((d) => d.values.length > 0);
}

/** The number of rows the dimensions would make (before building them). */
export function tableSize(specs: DimDraft[]): number {
  return tableDims(specs).reduce((n, d) => n * d.values.length, 1);
}

/** The SKU table's rows, in matrix order. Empty when there would be more than the limit. */
export function matrixRows(specs: DimDraft[]): MatrixRow[] {
  const dims = tableDims(specs);
  if (tableSize(specs) > SPEC_LIMITS.skus) return [];
  return buildSkuMatrix(dims.map((d) => ({ name: d.id, values: d.values }))).map(({ selection }) => {
    const values = dims.map((d) => selection[d.id]);
    return {
      key: JSON.stringify(dims.map((d, i) => [d.id, values[i]])),
      specKey: dims.map((d, i) => `${d.name.trim()}:${values[i]}`).join(";"),
      values,
    };
  });
}

function pairsOf(key: string): [string, string][] {
  try {
    return JSON.parse(key) as [string, string][];
  } catch {
    return [];
  }
}

const fromFen = (fen: number | null | undefined) => (fen == null ? "" : fenToYuanString(fen));

/**
 * Gives every row of the current table a draft: a SKU the server has for that combination
 * (e.g. one coming back) lends its price and code; otherwise the draft sharing the most
 * values with it lends its prices (adding a size to a coloured shirt keeps each colour's
 * price). Returns the same object when nothing was missing.
 */
export function fillSkuDrafts(draft: ItemDraft, existing: ExistingSku[]): ItemDraft {
  const rows = matrixRows(draft.specs);
  const missing = rows.filter((r) => !draft.skus[r.key]);
  if (!missing.length) return draft;
  const bySpecKey = new Map(existing.map((s) => [s.specKey, s]));
  const known = Object.entries(draft.skus).map(([key, sku]) => ({ pairs: pairsOf(key), sku }));
  const skus = { ...draft.skus };
  for (const row of missing) {
    const server = bySpecKey.get(row.specKey);
    if (server) {
      skus[row.key] = { price: fromFen(server.priceFen), original: fromFen(server.originalPriceFen), stock: "", code: server.code ?? "" };
      continue;
    }
    const pairs = pairsOf(row.key);
    let best: SkuDraft | null = null;
    let bestScore = -1;
    for (const k of known) {
      if (!k.sku.price && !k.sku.original) continue; // nothing to lend
      const score = k.pairs.filter(([id, v]) => pairs.some(([id2, v2]) => id === id2 && v === v2)).length;
      // A row sharing no value lends nothing, except the single row of an item without specs.
      if (score === 0 && k.pairs.length > 0) continue;
      if (score > bestScore) {
        bestScore = score;
        best = k.sku;
      }
    }
    skus[row.key] = best ? { ...emptySku(), price: best.price, original: best.original } : emptySku();
  }
  return { ...draft, skus };
}

/** The editor's starting point: a saved item, or a blank one. */
export function initialDraft(item: SavedItemShape | null, defaults: { categoryId: string }): ItemDraft {
  if (!item) {
    return {
      title: "",
      categoryId: defaults.categoryId,
      mainImageId: null,
      gallery: [],
      description: [],
      specs: [],
      skus: { [JSON.stringify([])]: emptySku() },
      buyLimit: "",
      postageMode: "FREE",
      postage: "",
      postageExtra: "",
    };
  }
  const specs = item.specs.map((d) => ({ id: newId("d"), name: d.name, values: [...d.values] }));
  const base: ItemDraft = {
    title: item.title,
    categoryId: item.categoryId,
    mainImageId: item.mainImageId,
    gallery: [...item.galleryImageIds],
    description: item.description.map((b) => ({ ...b, id: newId("b") })),
    specs,
    skus: {},
    buyLimit: item.buyLimit == null ? "" : String(item.buyLimit),
    postageMode: item.postageMode,
    postage: item.postageMode === "FREE" ? "" : fromFen(item.postageFen),
    postageExtra: item.postageMode === "PER_ITEM" ? fromFen(item.postageExtraFen) : "",
  };
  return fillSkuDrafts(base, item.skus.filter((s) => s.active));
}

/** Where the submitted arrays' indexes point, to file server errors under stable ids. */
export interface SubmitIndex {
  skus: string[];
  specs: string[];
  description: string[];
}

export type DraftErrors = Record<string, string>;

/**
 * The typed input for the server, or the problems that keep it from being sent (amounts that
 * are not amounts: they are never sent as floats or strings). Errors are message keys under
 * stable paths ("skus.<rowKey>.priceFen").
 */
export function draftToInput(
  draft: ItemDraft,
  existing: ExistingSku[],
): { input: ItemInput; index: SubmitIndex; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const existingKeys = new Set(existing.map((s) => s.specKey));
  const rows = matrixRows(draft.specs);
  const dims = tableDims(draft.specs);

  const skus = rows.map((row) => {
    const d = draft.skus[row.key] ?? emptySku();
    const price = parseYuan(d.price);
    if (price == null || price <= 0) errors[`skus.${row.key}.priceFen`] = "priceInvalid";
    else if (price > ITEM_LIMITS.maxPriceFen) errors[`skus.${row.key}.priceFen`] = "priceTooHigh";
    let original: number | null = null;
    if (d.original.trim()) {
      original = parseYuan(d.original);
      if (original == null) errors[`skus.${row.key}.originalPriceFen`] = "priceInvalid";
    }
    let stock = 0;
    if (!existingKeys.has(row.specKey) && d.stock.trim()) {
      const s = d.stock.trim();
      if (!/^\d{1,9}$/.test(s)) errors[`skus.${row.key}.stock`] = "stockInvalid";
      else stock = Number(s);
    }
    return { specKey: row.specKey, priceFen: price ?? 0, originalPriceFen: original, stock, code: d.code.trim() || null };
  });

  let buyLimit: number | null = null;
  if (draft.buyLimit.trim()) {
    if (!/^\d{1,5}$/.test(draft.buyLimit.trim())) errors.buyLimit = "buyLimitInvalid";
    else buyLimit = Number(draft.buyLimit.trim());
  }
  const fee = (text: string, path: string, used: boolean) => {
    if (!used || !text.trim()) return 0;
    const v = parseYuan(text);
    if (v == null) errors[path] = "postageInvalid";
    return v ?? 0;
  };
  const postageFen = fee(draft.postage, "postageFen", draft.postageMode !== "FREE");
  const postageExtraFen = fee(draft.postageExtra, "postageExtraFen", draft.postageMode === "PER_ITEM");

  const input: ItemInput = {
    title: draft.title,
    description: draft.description.map((b) => (b.type === "text" ? { type: "text" as const, text: b.text } : { type: "image" as const, imageId: b.imageId })),
    categoryId: draft.categoryId,
    mainImageId: draft.mainImageId,
    galleryImageIds: draft.gallery,
    // Dimensions without values are sent too, so the server names them ("add a value").
    specs: draft.specs.map((d) => ({ name: d.name.trim(), values: d.values })),
    skus: dims.length === draft.specs.length ? skus : [],
    buyLimit,
    postageMode: draft.postageMode,
    postageFen,
    postageExtraFen,
  };
  return { input, index: { skus: rows.map((r) => r.key), specs: draft.specs.map((d) => d.id), description: draft.description.map((b) => b.id) }, errors };
}

/** Server paths ("skus.3.priceFen") → stable paths ("skus.<rowKey>.priceFen"), first message each. */
export function fileServerErrors(fieldErrors: Record<string, string[]> | undefined, index: SubmitIndex): DraftErrors {
  const out: DraftErrors = {};
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
    const m = /^(skus|specs|description)\.(\d+)(\..+)?$/.exec(path);
    let key = path;
    if (m) {
      const id = index[m[1] as keyof SubmitIndex][Number(m[2])];
      key = id === undefined ? m[1] : `${m[1]}.${id}${m[3] ?? ""}`;
    }
    if (!(key in out) && messages[0]) out[key] = messages[0];
  }
  return out;
}

/** Live problems with the dimensions (message keys by "specs.<dimId>.name|values" or "specs"). */
export function specProblems(specs: DimDraft[]): DraftErrors {
  const out: DraftErrors = {};
  const problems = validateSpecs(specs.map((d) => ({ name: d.name.trim(), values: d.values })));
  for (const [path, key] of Object.entries(problems)) {
    const m = /^specs\.(\d+)\.(name|values)$/.exec(path);
    out[m ? `specs.${specs[Number(m[1])].id}.${m[2]}` : path] = key;
  }
  return out;
}

/** Why a value cannot be added to a dimension (a message key), or null. */
export function valueProblem(dim: DimDraft, raw: string): string | null {
  const v = raw.trim();
  if (!v) return "specEmptyValue";
  if (v.length > SPEC_LIMITS.valueLength) return "tooLong";
  if (/[:;]/.test(v)) return "specChars";
  if (dim.values.includes(v)) return "specDuplicateValue";
  if (dim.values.length >= SPEC_LIMITS.valuesPerDimension) return "specTooManyValues";
  return null;
}

/** A comparable summary of what would be saved: equal fingerprints, nothing to save. */
export function fingerprint(draft: ItemDraft): string {
  const rows = matrixRows(draft.specs);
  return JSON.stringify([
    draft.title,
    draft.categoryId,
    draft.mainImageId,
    draft.gallery,
    draft.description.map((b) => (b.type === "text" ? ["t", b.text] : ["i", b.imageId])),
    draft.specs.map((d) => [d.name, d.values]),
    rows.map((r) => draft.skus[r.key] ?? null),
    draft.buyLimit,
    draft.postageMode,
    draft.postageMode === "FREE" ? "" : draft.postage,
    draft.postageMode === "PER_ITEM" ? draft.postageExtra : "",
  ]);
}
