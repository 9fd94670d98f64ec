import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  draftToInput,
  fileServerErrors,
  fillSkuDrafts,
  fingerprint,
  initialDraft,
  matrixRows,
  specProblems,
  valueProblem,
  type ItemDraft,
} from "@/lib/catalog/editor-model";
import { crossCheckItem, itemFields } from "@/lib/catalog/schemas";

const blank = () => initialDraft(null, { categoryId: "apparel" });

function withSpecs(draft: ItemDraft, specs: { id: string; name: string; values: string[] }[]): ItemDraft {
  return fillSkuDrafts({ ...draft, specs }, []);
}

describe("the SKU table", () => {
  it("keeps a row's entered prices when its dimension is renamed", () => {
    let d = withSpecs(blank(), [{ id: "c", name: "颜色", values: ["红", "蓝"] }]);
    const [red] = matrixRows(d.specs);
    d = { ...d, skus: { ...d.skus, [red.key]: { price: "12.50", original: "", stock: "3", code: "R" } } };
    d = withSpecs(d, [{ id: "c", name: "色彩", values: ["红", "蓝"] }]);
    const rows = matrixRows(d.specs);
    expect(rows[0].specKey).toBe("色彩:红");
    expect(d.skus[rows[0].key]).toEqual({ price: "12.50", original: "", stock: "3", code: "R" });
  });

  it("lends each colour's price to its new sizes, and the no-spec price to the first dimension's rows", () => {
    let d = blank();
    d = { ...d, skus: { "[]": { price: "9.90", original: "19.90", stock: "5", code: "" } } };
    d = withSpecs(d, [{ id: "c", name: "颜色", values: ["红", "蓝"] }]);
    expect(matrixRows(d.specs).map((r) => d.skus[r.key].price)).toEqual(["9.90", "9.90"]);
    const [red, blue] = matrixRows(d.specs);
    d = { ...d, skus: { ...d.skus, [red.key]: { ...d.skus[red.key], price: "10" }, [blue.key]: { ...d.skus[blue.key], price: "20" } } };
    d = withSpecs(d, [{ id: "c", name: "颜色", values: ["红", "蓝"] }, { id: "s", name: "尺码", values: ["M", "L"] }]);
    const rows = matrixRows(d.specs);
    expect(rows.map((r) => [r.specKey, d.skus[r.key].price, d.skus[r.key].stock])).toEqual([
      ["颜色:红;尺码:M", "10", ""],
      ["颜色:红;尺码:L", "10", ""],
      ["颜色:蓝;尺码:M", "20", ""],
      ["颜色:蓝;尺码:L", "20", ""],
    ]);
  });

  it("restores a returning combination from the server's retired SKU", () => {
    const d = fillSkuDrafts({ ...blank(), specs: [{ id: "c", name: "颜色", values: ["绿"] }] }, [
      { id: "s1", specKey: "颜色:绿", priceFen: 1234, originalPriceFen: 2000, stock: 4, code: "G", active: false },
    ]);
    const [row] = matrixRows(d.specs);
    expect(d.skus[row.key]).toEqual({ price: "12.34", original: "20.00", stock: "", code: "G" });
  });

  it("ignores dimensions that have no values yet and refuses to build more than 500 rows", () => {
    expect(matrixRows([{ id: "a", name: "a", values: ["1", "2"] }, { id: "b", name: "b", values: [] }])).toHaveLength(2);
    const many = Array.from({ length: 30 }, (_, i) => String(i));
    expect(matrixRows([{ id: "a", name: "a", values: many }, { id: "b", name: "b", values: many }])).toEqual([]);
  });
});

describe("draftToInput", () => {
  it("converts yuan text to integer fen and produces input the schema accepts", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 99_999_999 }), { minLength: 2, maxLength: 2 }), (prices) => {
        let d = withSpecs({ ...blank(), title: "T" }, [{ id: "c", name: "颜色", values: ["红", "蓝"] }]);
        const rows = matrixRows(d.specs);
        rows.forEach((r, i) => (d = { ...d, skus: { ...d.skus, [r.key]: { price: (prices[i] / 100).toFixed(2), original: "", stock: "7", code: "" } } }));
        const { input, errors } = draftToInput(d, []);
        expect(errors).toEqual({});
        expect(input.skus.map((s) => s.priceFen)).toEqual(prices);
        const parsed = itemFields.parse(input);
        expect(crossCheckItem(parsed)).toEqual({});
      }),
    );
  });

  it("reports amounts that are not amounts under the row's stable path, and sends no stock for existing SKUs", () => {
    let d = withSpecs(blank(), [{ id: "c", name: "颜色", values: ["红", "蓝"] }]);
    const [red, blue] = matrixRows(d.specs);
    d = {
      ...d,
      skus: { ...d.skus, [red.key]: { price: "12.345", original: "abc", stock: "1.5", code: "" }, [blue.key]: { price: "3", original: "", stock: "99", code: "" } },
      buyLimit: "0.5",
      postageMode: "PER_ITEM",
      postage: "-1",
    };
    const { input, errors } = draftToInput(d, [{ id: "x", specKey: "颜色:蓝", priceFen: 1, originalPriceFen: null, stock: 4, code: null, active: true }]);
    expect(errors).toEqual({
      [`skus.${red.key}.priceFen`]: "priceInvalid",
      [`skus.${red.key}.originalPriceFen`]: "priceInvalid",
      [`skus.${red.key}.stock`]: "stockInvalid",
      buyLimit: "buyLimitInvalid",
      postageFen: "postageInvalid",
    });
    expect(input.skus[1]).toMatchObject({ specKey: "颜色:蓝", priceFen: 300, stock: 0 });
  });

  it("files server errors by index under the ids that were submitted", () => {
    const d = withSpecs(blank(), [{ id: "c", name: "颜色", values: ["红", "蓝"] }]);
    const { index } = draftToInput({ ...d, description: [{ id: "b1", type: "text", text: "" }] }, []);
    const rows = matrixRows(d.specs);
    expect(fileServerErrors({ "skus.1.priceFen": ["bad"], "specs.0.values": ["dup"], "description.0.text": ["empty"], title: ["req", "other"], skus: ["missing"] }, index)).toEqual({
      [`skus.${rows[1].key}.priceFen`]: "bad",
      "specs.c.values": "dup",
      "description.b1.text": "empty",
      title: "req",
      skus: "missing",
    });
  });
});

describe("spec helpers", () => {
  it("files live spec problems under the dimension's id", () => {
    expect(specProblems([{ id: "a", name: "色", values: ["x"] }, { id: "b", name: "色", values: [] }])).toEqual({ "specs.b.name": "specDuplicateName", "specs.b.values": "specNoValues" });
  });

  it("says why a value cannot be added", () => {
    const dim = { id: "a", name: "色", values: ["红"] };
    expect(valueProblem(dim, " 红 ")).toBe("specDuplicateValue");
    expect(valueProblem(dim, "a;b")).toBe("specChars");
    expect(valueProblem(dim, "  ")).toBe("specEmptyValue");
    expect(valueProblem(dim, "蓝")).toBeNull();
  });

  it("fingerprints only what would be saved: a value added and removed again leaves no change", () => {
    const d = withSpecs(blank(), [{ id: "c", name: "颜色", values: ["红"] }]);
    const there = withSpecs(d, [{ id: "c", name: "颜色", values: ["红", "蓝"] }]);
    const back = { ...there, specs: d.specs };
    expect(fingerprint(there)).not.toBe(fingerprint(d));
    expect(fingerprint(back)).toBe(fingerprint(d));
  });
});

describe("initialDraft", () => {
  it("loads a saved item back into yuan text and the same rows", () => {
    const d = initialDraft(
      {
        title: "T",
        categoryId: "apparel",
        mainImageId: "m",
        galleryImageIds: ["g"],
        description: [{ type: "text", text: "hi" }],
        specs: [{ name: "颜色", values: ["红"] }],
        buyLimit: 2,
        postageMode: "FLAT",
        postageFen: 800,
        postageExtraFen: 0,
        skus: [{ id: "s", specKey: "颜色:红", priceFen: 1990, originalPriceFen: null, stock: 3, code: "C", active: true }],
      },
      { categoryId: "other" },
    );
    const { input, errors } = draftToInput(d, [{ id: "s", specKey: "颜色:红", priceFen: 1990, originalPriceFen: null, stock: 3, code: "C", active: true }]);
    expect(errors).toEqual({});
    expect(input).toMatchObject({ title: "T", buyLimit: 2, postageMode: "FLAT", postageFen: 800, skus: [{ specKey: "颜色:红", priceFen: 1990, originalPriceFen: null, stock: 0, code: "C" }] });
    expect(d.postage).toBe("8.00");
  });
});
