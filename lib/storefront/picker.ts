// The SKU picker's rules, pure, so they are tested without a browser: which values can be
// chosen, which SKU a choice names, and how many units may be bought.
import { availableValues, parseSpecKey, specKeyOf, type SpecDimension, type SpecSelection } from "@/lib/catalog/sku-matrix";
import type { StoreSku } from "./types";

export interface PickerInput {
  specs: SpecDimension[];
  skus: StoreSku[];
  /** Stock by SKU id; null while not known yet (a cached page before its live part arrives). */
  stock: Record<string, number> | null;
  buyLimit: number | null;
}

/** Most units one choice may be for while stock is not known (the order's own limit); checkout checks stock. */
export const UNKNOWN_STOCK_MAX = 999;

export interface PickerState {
  /** Values that can be picked now, per dimension (given the other dimensions' choices). */
  available: Record<string, Set<string>>;
  /** The SKU the choice names, once every dimension is chosen. */
  sku: StoreSku | undefined;
  /** The chosen SKU's stock (0 without a complete choice); null while stock is not known. */
  skuStock: number | null;
  /** Most units that may be bought of that SKU: its stock, capped by the buy limit. */
  max: number;
  /** The requested quantity clamped to 1…max. */
  quantity: number;
  /** Complete and buyable. */
  selection: { skuId: string; specKey: string; quantity: number; priceFen: number } | null;
  allSoldOut: boolean;
  /** Dimensions still to choose, in order. */
  missing: string[];
}

export function pickerState(input: PickerInput, chosen: SpecSelection, requested: number): PickerState {
  const { stock } = input;
  // Unknown stock offers every SKU; the live stock, once in, takes back what is sold out.
  const withStock = input.skus.map((s) => ({ specKey: s.specKey, stock: stock ? (stock[s.id] ?? 0) : 1 }));
  const available = availableValues(input.specs, withStock, chosen);
  const missing = input.specs.filter((d) => chosen[d.name] === undefined).map((d) => d.name);
  const sku = missing.length === 0 ? input.skus.find((s) => s.specKey === specKeyOf(input.specs, chosen)) : undefined;
  const skuStock = !sku ? 0 : stock ? Math.max(0, stock[sku.id] ?? 0) : null;
  const max = Math.max(0, Math.min(skuStock ?? UNKNOWN_STOCK_MAX, input.buyLimit ?? Number.POSITIVE_INFINITY));
  const quantity = Math.min(Math.max(Number.isFinite(requested) ? Math.trunc(requested) : 1, 1), Math.max(max, 1));
  return {
    available,
    sku,
    skuStock,
    max,
    quantity,
    selection: sku && max > 0 ? { skuId: sku.id, specKey: sku.specKey, quantity, priceFen: sku.priceFen } : null,
    allSoldOut: withStock.every((s) => s.stock <= 0),
    missing,
  };
}

/** Choosing a value again clears it; otherwise it replaces that dimension's choice. */
export function toggleChoice(chosen: SpecSelection, dim: string, value: string): SpecSelection {
  const next = { ...chosen };
  if (next[dim] === value) delete next[dim];
  else next[dim] = value;
  return next;
}

/** An item with exactly one buyable SKU (while stock is not known: one SKU) starts with it chosen. */
export function initialChoice(input: Pick<PickerInput, "specs" | "skus" | "stock">): SpecSelection {
  const { stock } = input;
  const inStock = stock ? input.skus.filter((s) => (stock[s.id] ?? 0) > 0) : input.skus;
  if (inStock.length !== 1 || !input.specs.length) return {};
  return parseSpecKey(inStock[0].specKey);
}
