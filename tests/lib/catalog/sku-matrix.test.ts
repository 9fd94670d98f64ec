import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  availableValues,
  buildSkuMatrix,
  matrixSize,
  parseSpecKey,
  specKeyOf,
  validateSpecs,
  type SpecDimension,
} from "@/lib/catalog/sku-matrix";

// Valid dimensions: 0–3 of them, distinct names, 1–5 distinct values each, no ":" or ";".
const token = fc.stringMatching(/^[a-zA-Z0-9红黄蓝大小号]{1,8}$/);
const dimsArb: fc.Arbitrary<SpecDimension[]> = fc
  .uniqueArray(token, { minLength: 0, maxLength: 3 })
  .chain((names) =>
    fc.tuple(...names.map(() => fc.uniqueArray(token, { minLength: 1, maxLength: 5 }))).map((valueLists) =>
      names.map((name, i) => ({ name, values: valueLists[i] })),
    ),
  );

describe("buildSkuMatrix", () => {
  it("lists combinations with the first dimension varying slowest", () => {
    const dims = [
      { name: "颜色", values: ["红", "蓝"] },
      { name: "尺码", values: ["M", "L"] },
    ];
    expect(buildSkuMatrix(dims).map((r) => r.key)).toEqual(["颜色:红;尺码:M", "颜色:红;尺码:L", "颜色:蓝;尺码:M", "颜色:蓝;尺码:L"]);
  });

  it("gives an item without specs exactly one SKU, keyed by the empty string", () => {
    expect(buildSkuMatrix([])).toEqual([{ key: "", selection: {} }]);
    expect(parseSpecKey("")).toEqual({});
  });

  it("has as many rows as the product of the value counts, all keys distinct", () => {
    fc.assert(
      fc.property(dimsArb, (dims) => {
        const rows = buildSkuMatrix(dims);
        const product = dims.reduce((n, d) => n * d.values.length, 1);
        expect(rows).toHaveLength(product);
        expect(matrixSize(dims)).toBe(product);
        expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
      }),
    );
  });

  it("round-trips every key: parseSpecKey(specKeyOf(dims, s)) is s", () => {
    fc.assert(
      fc.property(dimsArb, (dims) => {
        for (const { key, selection } of buildSkuMatrix(dims)) {
          expect(specKeyOf(dims, selection)).toBe(key);
          expect(parseSpecKey(key)).toEqual(selection);
        }
      }),
    );
  });
});

describe("validateSpecs", () => {
  it("accepts what the generator produces", () => {
    fc.assert(
      fc.property(dimsArb, (dims) => {
        expect(validateSpecs(dims)).toEqual({});
      }),
    );
  });

  it("names the offending dimension and the rule", () => {
    expect(validateSpecs([{ name: "", values: ["a"] }])).toEqual({ "specs.0.name": "required" });
    expect(validateSpecs([{ name: "a:b", values: ["x"] }])).toEqual({ "specs.0.name": "specChars" });
    expect(validateSpecs([{ name: "c", values: ["x"] }, { name: "c", values: ["y"] }])).toEqual({ "specs.1.name": "specDuplicateName" });
    expect(validateSpecs([{ name: "c", values: [] }])).toEqual({ "specs.0.values": "specNoValues" });
    expect(validateSpecs([{ name: "c", values: ["x", "x"] }])).toEqual({ "specs.0.values": "specDuplicateValue" });
    expect(validateSpecs([{ name: "c", values: ["x;y"] }])).toEqual({ "specs.0.values": "specChars" });
    expect(validateSpecs([{ name: "c", values: ["  "] }])).toEqual({ "specs.0.values": "specEmptyValue" });
    expect(validateSpecs([{ name: "c", values: ["x".repeat(25)] }])).toEqual({ "specs.0.values": "tooLong" });
    expect(validateSpecs([{ name: "c".repeat(13), values: ["x"] }])).toEqual({ "specs.0.name": "tooLong" });
    const four = ["a", "b", "c", "d"].map((name) => ({ name, values: ["x"] }));
    expect(validateSpecs(four)).toEqual({ specs: "specTooManyDimensions" });
    expect(validateSpecs([{ name: "c", values: Array.from({ length: 31 }, (_, i) => `v${i}`) }])).toEqual({ "specs.0.values": "specTooManyValues" });
  });

  it("refuses a matrix over 500 SKUs", () => {
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`);
    expect(validateSpecs([{ name: "a", values }, { name: "b", values }])).toEqual({ specs: "specTooManySkus" });
  });
});

describe("availableValues", () => {
  const dims = [
    { name: "颜色", values: ["红", "蓝"] },
    { name: "尺码", values: ["M", "L"] },
  ];

  it("offers only values that lead to an in-stock SKU given the other choices", () => {
    const skus = [
      { specKey: "颜色:红;尺码:M", stock: 3 },
      { specKey: "颜色:红;尺码:L", stock: 0 },
      { specKey: "颜色:蓝;尺码:M", stock: 0 },
      { specKey: "颜色:蓝;尺码:L", stock: 1 },
    ];
    const none = availableValues(dims, skus, {});
    expect([...none["颜色"]].sort()).toEqual(["红", "蓝"]);
    const red = availableValues(dims, skus, { 颜色: "红" });
    expect([...red["尺码"]]).toEqual(["M"]);
    // The dimension being chosen is not narrowed by its own current choice.
    expect([...red["颜色"]].sort()).toEqual(["红", "蓝"]);
  });

  it("never offers a value for which no in-stock SKU matches the other choices", () => {
    const world = dimsArb.chain((dims) => {
      const rows = buildSkuMatrix(dims);
      return fc.record({
        dims: fc.constant(dims),
        stocks: fc.array(fc.nat({ max: 3 }), { minLength: rows.length, maxLength: rows.length }),
        chosen: fc.tuple(...dims.map((d) => fc.option(fc.constantFrom(...d.values), { nil: undefined }))),
      });
    });
    fc.assert(
      fc.property(world, ({ dims, stocks, chosen }) => {
        const skus = buildSkuMatrix(dims).map((r, i) => ({ specKey: r.key, stock: stocks[i] }));
        const choice = Object.fromEntries(dims.flatMap((d, i) => (chosen[i] ? [[d.name, chosen[i]]] : [])));
        const offered = availableValues(dims, skus, choice);
        for (const d of dims) {
          for (const v of offered[d.name]) {
            const witness = skus.some((s) => {
              const sel = parseSpecKey(s.specKey);
              return s.stock > 0 && sel[d.name] === v && dims.every((o) => o.name === d.name || !choice[o.name] || sel[o.name] === choice[o.name]);
            });
            expect(witness).toBe(true);
          }
        }
      }),
    );
  });
});
