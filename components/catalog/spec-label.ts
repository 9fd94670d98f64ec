import { parseSpecKey } from "@/lib/catalog/sku-matrix";

/** "颜色:红;尺码:M" → "红 / M"; "" (an item without specs) → null. */
export function specLabel(specKey: string): string | null {
  if (!specKey) return null;
  return Object.values(parseSpecKey(specKey)).join(" / ");
}
