// Renders the catalogue's client components to HTML in both languages: catches a missing
// translation, a label without its control, or a crash on real-looking data, without a browser.
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";

vi.mock("next/navigation", () => ({ useRouter: () => ({ replace: () => {}, push: () => {}, refresh: () => {} }), usePathname: () => "/" }));
vi.mock("next/image", () => ({ default: (p: { src: string; alt: string }) => h("img", { src: p.src, alt: p.alt }) }));
vi.mock("@/lib/catalog/actions/items", () => ({ saveItemAction: vi.fn(), setItemsStatusAction: vi.fn() }));
vi.mock("@/lib/catalog/actions/stock", () => ({ adjustStockAction: vi.fn(), setStockLevelAction: vi.fn() }));

const { ItemEditor } = await import("@/components/catalog/item-editor");
const { ItemTable } = await import("@/components/catalog/item-table");
const { StockAdjustForm } = await import("@/components/catalog/stock-adjust-form");

function render(locale: "en" | "zh-CN", node: React.ReactNode) {
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    h(NextIntlClientProvider, {
      locale,
      messages: messagesFor(locale) as never,
      timeZone: "Asia/Shanghai",
      onError: (e: Error) => void missing.push(e.message),
      children: node,
    }),
  );
  return { html, missing };
}

const item = {
  id: "item1",
  version: 3,
  status: "ON_SALE" as const,
  title: "纯棉T恤",
  categoryId: "apparel",
  mainImageId: "img1",
  galleryImageIds: ["img2", "img3"],
  description: [
    { type: "text" as const, text: "舒适" },
    { type: "image" as const, imageId: "img4" },
  ],
  specs: [
    { name: "颜色", values: ["红", "蓝"] },
    { name: "尺码", values: ["M"] },
  ],
  buyLimit: 2,
  postageMode: "PER_ITEM" as const,
  postageFen: 800,
  postageExtraFen: 200,
  skus: [
    { id: "s1", specKey: "颜色:红;尺码:M", priceFen: 1990, originalPriceFen: 2990, stock: 4, code: "R-M", active: true },
    { id: "s2", specKey: "颜色:蓝;尺码:M", priceFen: 1990, originalPriceFen: null, stock: 0, code: null, active: true },
  ],
};
const categories = [{ id: "apparel", name: "服饰内衣" }];

describe.each(["en", "zh-CN"] as const)("catalogue components in %s", (locale) => {
  it("render the editor for an existing item with every message present", () => {
    const { html, missing } = render(locale, h(ItemEditor, { storeId: "st1", storeStatus: "APPROVED", categories, item, created: true }));
    expect(missing).toEqual([]);
    expect(html).toContain('value="19.90"');
    expect(html).toContain('value="29.90"');
    expect(html).toContain("/seller/stores/st1/stock?skuId=s1");
    expect(html).toContain('value="8.00"');
  });

  it("render a blank editor for a new item", () => {
    const { html, missing } = render(locale, h(ItemEditor, { storeId: "st1", storeStatus: "SUSPENDED", categories, item: null }));
    expect(missing).toEqual([]);
    expect(html).toContain('id="f-title"');
  });

  it("render the item table and the stock form", () => {
    const rows = [{ id: "i1", title: "T", status: "DRAFT" as const, mainImageId: null, priceMinFen: 100, priceMaxFen: 300, stock: 0, skuCount: 2, updatedAt: new Date() }];
    const a = render(locale, h(ItemTable, { storeId: "st1", rows }));
    const b = render(locale, h(StockAdjustForm, { storeId: "st1", skuId: "s1", current: 4, label: "红 / M" }));
    expect([...a.missing, ...b.missing]).toEqual([]);
    expect(a.html).toContain("¥1.00 – 3.00");
  });
});
