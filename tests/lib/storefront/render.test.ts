// Smoke-renders the storefront's presentational components to HTML (no browser): they
// render with real messages in both languages, link where they should, and the seller's
// preview mode links nowhere.
import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { ClosedStore } from "@/components/store/closed-store";
import { ShelfView } from "@/components/store/shelf-view";
import { SkuPicker } from "@/components/store/sku-picker";
import { StoreTopBar } from "@/components/store/store-top-bar";
import { ItemCardView } from "@/components/store/item-card";
import { messagesFor } from "@/lib/i18n/messages";
import type { ResolvedSection } from "@/lib/storefront/types";

function render(el: ReactElement, locale: "en" | "zh-CN" = "en") {
  const errors: unknown[] = [];
  const html = renderToStaticMarkup(h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as never, timeZone: "Asia/Shanghai", onError: (e: unknown) => errors.push(e), children: el }));
  expect(errors, "next-intl reported missing messages").toEqual([]);
  return html;
}

const card = (id: string, soldOut = false) => ({ id, title: `Item ${id}`, mainImageId: `img${id}`, priceMinFen: 1200, priceMaxFen: 1500, soldOut });
const sections: ResolvedSection[] = [
  { type: "banner", imageId: "ban1", caption: "Spring sale", linkGroupId: "g1" },
  { type: "group_list", groupId: "g1", title: "Teas", items: [card("a"), card("b", true)], hasMore: true },
  { type: "group_grid", tiles: [{ groupId: "g1", title: "Teas", imageId: null }, { groupId: "g2", title: "Cups", imageId: "t2" }] },
  { type: "unresolved", sectionType: "group_list" },
];

describe("storefront components", () => {
  it("render the shelf with links into the store, prices and sold-out badges", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const html = render(h(ShelfView, { sections, slug: "tea-house" }), locale);
      expect(html).toContain('href="/s/tea-house/groups/g1"');
      expect(html).toContain('href="/s/tea-house/items/a"');
      expect(html).toContain("¥12.00 – 15.00");
      expect(html).toContain(locale === "en" ? "Sold out" : "已售罄");
      // Buyers never see the preview-only placeholder.
      expect(html).not.toContain(locale === "en" ? "Buyers will not see it" : "买家看不到它");
    }
  });

  it("render the top bar with a way to the buyer's own pages (orders, cases, notifications)", () => {
    for (const locale of ["en", "zh-CN"] as const) {
      const html = render(h(StoreTopBar, { slug: "tea-house", name: "Tea House", bell: null }), locale);
      expect(html).toMatch(new RegExp(`<a [^>]*aria-label="${locale === "en" ? "My account" : "我的"}" href="/me"`));
    }
  });

  it("render a card in a flash sale with its price, the normal one struck through, and the badge", () => {
    const html = render(h(ItemCardView, { item: { ...card("a"), sale: { priceMinFen: 990, priceMaxFen: 990 } }, href: "/s/t/items/a" }), "zh-CN");
    expect(html).toContain("限时抢购");
    expect(html).toContain("¥9.90");
    expect(html).toMatch(/<s class="tabular-nums">¥12.00 – 15.00<\/s>/);
  });

  it("render the seller's preview inert: no links, placeholders for unresolved sections", () => {
    const html = render(h(ShelfView, { sections, slug: null, preview: true }));
    expect(html).not.toContain("href=");
    expect(html).toContain("Buyers will not see it");
  });

  it("render a closed store without items", () => {
    const html = render(h(ClosedStore, { store: { id: "s", slug: "x", name: "Tea House", description: "", logoImageId: null, status: "SUSPENDED", suspended: true, statusReason: "Licence expired" } }));
    expect(html).toContain("temporarily closed");
    expect(html).toContain("Licence expired");
  });

  it("render the SKU picker with sold-out values disabled and no confirm control unless checkout plugs one in", () => {
    const specs = [{ name: "Size", values: ["S", "M"] }];
    const skus = [
      { id: "s1", specKey: "Size:S", priceFen: 1000, originalPriceFen: 1500 },
      { id: "s2", specKey: "Size:M", priceFen: 1200, originalPriceFen: null },
    ];
    const html = render(h(SkuPicker, { specs, skus, stock: { s1: 0, s2: 4 }, buyLimit: 2, priceMinFen: 1000, priceMaxFen: 1200 }));
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>S<span class="sr-only"> \(Sold out\)/);
    // Only M is buyable, so it starts selected.
    expect(html).toContain('aria-pressed="true"');
    expect(html).toContain("Selected: M × 1");
    expect(html).toContain('name="skuId" value="s2"');
    expect(html).not.toMatch(/Add to cart|Buy now|Checkout/i);
  });
});
