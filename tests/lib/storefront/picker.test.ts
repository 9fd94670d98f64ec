// The SKU picker's rules (pure; no database, no browser).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSkuMatrix, parseSpecKey, type SpecDimension } from "@/lib/catalog/sku-matrix";
import { initialChoice, pickerState, toggleChoice, UNKNOWN_STOCK_MAX, type PickerInput } from "@/lib/storefront/picker";

const specs: SpecDimension[] = [
  { name: "Colour", values: ["Red", "Blue"] },
  { name: "Size", values: ["S", "M"] },
];
const skus = buildSkuMatrix(specs).map((r, i) => ({ id: `sku${i}`, specKey: r.key, priceFen: 1000 + i * 100, originalPriceFen: null }));
// Red/S 3, Red/M 0, Blue/S 0, Blue/M 5
const stock = { sku0: 3, sku1: 0, sku2: 0, sku3: 5 };
const input: PickerInput = { specs, skus, stock, buyLimit: null };

describe("pickerState", () => {
  it("disables values that lead only to sold-out combinations", () => {
    const s = pickerState(input, { Colour: "Red" }, 1);
    expect([...s.available.Size]).toEqual(["S"]); // Red/M is sold out
    expect([...s.available.Colour].sort()).toEqual(["Blue", "Red"]); // nothing chosen for Size yet
    expect(s.selection).toBeNull();
    expect(s.missing).toEqual(["Size"]);
  });

  it("names the SKU once every dimension is chosen, with its stock as the maximum", () => {
    const s = pickerState(input, { Colour: "Blue", Size: "M" }, 9);
    expect(s.sku?.id).toBe("sku3");
    expect(s.max).toBe(5);
    expect(s.selection).toEqual({ skuId: "sku3", specKey: "Colour:Blue;Size:M", quantity: 5, priceFen: 1300 });
  });

  it("caps the quantity by the buy limit as well as stock", () => {
    expect(pickerState({ ...input, buyLimit: 2 }, { Colour: "Blue", Size: "M" }, 4).quantity).toBe(2);
    expect(pickerState({ ...input, buyLimit: 10 }, { Colour: "Red", Size: "S" }, 4).quantity).toBe(3);
    expect(pickerState(input, { Colour: "Red", Size: "S" }, 0).quantity).toBe(1);
  });

  it("gives no selection for a sold-out combination, and flags a wholly sold-out item", () => {
    expect(pickerState(input, { Colour: "Red", Size: "M" }, 1).selection).toBeNull();
    const none = pickerState({ ...input, stock: {} }, {}, 1);
    expect(none.allSoldOut).toBe(true);
  });

  it("handles an item without specs: its single SKU is chosen from the start", () => {
    const one: PickerInput = { specs: [], skus: [{ id: "only", specKey: "", priceFen: 500, originalPriceFen: 800 }], stock: { only: 2 }, buyLimit: null };
    const s = pickerState(one, initialChoice(one), 1);
    expect(s.selection).toEqual({ skuId: "only", specKey: "", quantity: 1, priceFen: 500 });
  });

  it("preselects the only buyable SKU", () => {
    expect(initialChoice({ specs, skus, stock: { sku3: 1 } })).toEqual({ Colour: "Blue", Size: "M" });
    expect(initialChoice(input)).toEqual({});
  });

  it("offers every SKU while stock is not known, within the buy limit, and shows no stock count", () => {
    const unknown: PickerInput = { ...input, stock: null };
    const s = pickerState(unknown, { Colour: "Red" }, 1);
    expect([...s.available.Size].sort()).toEqual(["M", "S"]); // Red/M is sold out, but nobody knows yet
    const red = pickerState(unknown, { Colour: "Red", Size: "M" }, 2000);
    expect(red.skuStock).toBeNull();
    expect(red.allSoldOut).toBe(false);
    expect(red.selection).toEqual({ skuId: "sku1", specKey: "Colour:Red;Size:M", quantity: UNKNOWN_STOCK_MAX, priceFen: 1100 });
    expect(pickerState({ ...unknown, buyLimit: 3 }, { Colour: "Red", Size: "M" }, 9).quantity).toBe(3);
    // The same choice once stock is in: sold out.
    expect(pickerState(input, { Colour: "Red", Size: "M" }, 1).selection).toBeNull();
    // One SKU: chosen from the start even before its stock is known.
    expect(initialChoice({ specs, skus: skus.slice(3), stock: null })).toEqual({ Colour: "Blue", Size: "M" });
    expect(initialChoice({ specs, skus, stock: null })).toEqual({});
  });

  it("toggles a value on and off", () => {
    const a = toggleChoice({}, "Colour", "Red");
    expect(a).toEqual({ Colour: "Red" });
    expect(toggleChoice(a, "Colour", "Blue")).toEqual({ Colour: "Blue" });
    expect(toggleChoice(a, "Colour", "Red")).toEqual({});
  });

  it("property: clicking only enabled values never leads to an unbuyable selection or a quantity beyond stock and limit", () => {
    const dims = fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 3 })
      .map((ns) => ns.map((n, i) => ({ name: `d${i}`, values: Array.from({ length: n }, (_, j) => `v${j}`) })));
    fc.assert(
      fc.property(
        dims.chain((d) => {
          const matrix = buildSkuMatrix(d);
          return fc.record({
            specs: fc.constant(d),
            stocks: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: matrix.length, maxLength: matrix.length }),
            buyLimit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
            clicks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
            qty: fc.integer({ min: -3, max: 10 }),
          });
        }),
        ({ specs: d, stocks, buyLimit, clicks, qty }) => {
          const list = buildSkuMatrix(d).map((r, i) => ({ id: `s${i}`, specKey: r.key, priceFen: 100, originalPriceFen: null }));
          const st = Object.fromEntries(list.map((s, i) => [s.id, stocks[i]]));
          const inp: PickerInput = { specs: d, skus: list, stock: st, buyLimit };
          let chosen = initialChoice(inp);
          for (const [di, vi] of clicks) {
            if (!d.length) break;
            const dim = d[di % d.length];
            const value = dim.values[vi % dim.values.length];
            const s = pickerState(inp, chosen, qty);
            // The UI only lets enabled values (or the chosen one, to clear it) be clicked.
            if (s.available[dim.name].has(value) || chosen[dim.name] === value) chosen = toggleChoice(chosen, dim.name, value);
          }
          const s = pickerState(inp, chosen, qty);
          // Whatever was chosen can still be completed into an in-stock SKU (unless nothing is in stock).
          if (Object.keys(chosen).length) {
            const extendable = list.some((x) => st[x.id] > 0 && Object.entries(chosen).every(([k, v]) => parseSpecKey(x.specKey)[k] === v));
            expect(extendable).toBe(true);
          }
          if (s.selection) {
            expect(s.selection.quantity).toBeGreaterThanOrEqual(1);
            expect(s.selection.quantity).toBeLessThanOrEqual(st[s.selection.skuId]);
            if (buyLimit != null) expect(s.selection.quantity).toBeLessThanOrEqual(buyLimit);
          } else if (s.sku) {
            expect(st[s.sku.id]).toBe(0);
          }
        },
      ),
    );
  });
});
