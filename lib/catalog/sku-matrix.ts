// Spec dimensions (e.g. colour × size) and the SKU matrix they generate. Pure; shared by
// the seller's editor, the server and the storefront's SKU picker.
//
// A SKU's key follows WeChat Little Store's sku_id form: "颜色:红;尺码:M" — dimension
// name and value joined by ":", dimensions by ";", in the item's dimension order. An item
// without dimensions has exactly one SKU, keyed "".

export interface SpecDimension {
  name: string;
  values: string[];
}

export type SpecSelection = Record<string, string>;

export const SPEC_LIMITS = { dimensions: 3, valuesPerDimension: 30, nameLength: 12, valueLength: 24, skus: 500 } as const;

/** Characters that would make a key ambiguous. */
export const FORBIDDEN_SPEC_CHARS = /[:;]/;

export function specKeyOf(dims: SpecDimension[], selection: SpecSelection): string {
  return dims.map((d) => `${d.name}:${selection[d.name]}`).join(";");
}

export function parseSpecKey(key: string): SpecSelection {
  if (!key) return {};
  return Object.fromEntries(
    key.split(";").map((part) => {
      const i = part.indexOf(":");
      return [part.slice(0, i), part.slice(i + 1)];
    }),
  );
}

/** Every combination, in reading order (first dimension varies slowest). */
export function buildSkuMatrix(dims: SpecDimension[]): { key: string; selection: SpecSelection }[] {
  let rows: SpecSelection[] = [{}];
  for (const d of dims) rows = rows.flatMap((r) => d.values.map((v) => ({ ...r, [d.name]: v })));
  return rows.map((selection) => ({ key: specKeyOf(dims, selection), selection }));
}

export function matrixSize(dims: SpecDimension[]): number {
  return dims.reduce((n, d) => n * d.values.length, 1);
}

/** Problems with a set of dimensions, as { path: messageKey }; empty when valid. */
export function validateSpecs(dims: SpecDimension[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (dims.length > SPEC_LIMITS.dimensions) problems["specs"] = "specTooManyDimensions";
  const names = new Set<string>();
  dims.forEach((d, i) => {
    const name = d.name.trim();
    if (!name) problems[`specs.${i}.name`] = "required";
    else if (name.length > SPEC_LIMITS.nameLength) problems[`specs.${i}.name`] = "tooLong";
    else if (FORBIDDEN_SPEC_CHARS.test(name)) problems[`specs.${i}.name`] = "specChars";
    else if (names.has(name)) problems[`specs.${i}.name`] = "specDuplicateName";
    names.add(name);
    if (d.values.length === 0) problems[`specs.${i}.values`] = "specNoValues";
    else if (d.values.length > SPEC_LIMITS.valuesPerDimension) problems[`specs.${i}.values`] = "specTooManyValues";
    const seen = new Set<string>();
    for (const raw of d.values) {
      const v = raw.trim();
      if (!v) problems[`specs.${i}.values`] = "specEmptyValue";
      else if (v.length > SPEC_LIMITS.valueLength) problems[`specs.${i}.values`] = "tooLong";
      else if (FORBIDDEN_SPEC_CHARS.test(v)) problems[`specs.${i}.values`] = "specChars";
      else if (seen.has(v)) problems[`specs.${i}.values`] = "specDuplicateValue";
      seen.add(v);
    }
  });
  if (!problems["specs"] && matrixSize(dims) > SPEC_LIMITS.skus) problems["specs"] = "specTooManySkus";
  return problems;
}

/**
 * For the storefront's picker: given what the buyer has chosen so far, which values of
 * each dimension still lead to a SKU with stock. A value is available when some in-stock
 * SKU matches it together with the choices made in the *other* dimensions.
 */
export function availableValues(
  dims: SpecDimension[],
  skus: { specKey: string; stock: number }[],
  chosen: SpecSelection,
): Record<string, Set<string>> {
  const inStock = skus.filter((s) => s.stock > 0).map((s) => parseSpecKey(s.specKey));
  const out: Record<string, Set<string>> = {};
  for (const d of dims) {
    out[d.name] = new Set(
      inStock
        .filter((sel) => dims.every((o) => o.name === d.name || !chosen[o.name] || sel[o.name] === chosen[o.name]))
        .map((sel) => sel[d.name]),
    );
  }
  return out;
}
