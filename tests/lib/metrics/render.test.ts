// Renders the dashboards (server components) to HTML in both languages, without Next: catches
// a missing translation, a crash on empty or real-looking figures, and unlabelled controls.
import { cloneElement, createElement as h, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createFormatter, createTranslator } from "next-intl";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import type { StoreDashboard as Dashboard } from "@/lib/metrics/dashboard";
import type { PlatformOverview as Overview } from "@/lib/metrics/platform";

const state: { locale: "en" | "zh-CN"; missing: string[] } = { locale: "en", missing: [] };
vi.mock("next-intl/server", () => ({
  getLocale: async () => state.locale,
  getFormatter: async () => createFormatter({ locale: state.locale, timeZone: "Asia/Shanghai" }),
  getTranslations: async (namespace?: string) =>
    createTranslator({ locale: state.locale, messages: messagesFor(state.locale) as never, namespace: namespace as never, onError: (e) => void state.missing.push(e.message) }),
}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));
// The chart itself is a browser-only lazy chunk; its table version is what must render here.
vi.mock("next/dynamic", () => ({ default: () => () => null }));

const { StoreDashboard } = await import("@/components/metrics/store-dashboard");
const { PlatformOverview } = await import("@/components/metrics/platform-overview");

/** Awaits async (server) components down the tree so react-dom can render the result. */
async function resolve(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolve));
  if (!isValidElement(node)) return node;
  const el = node as ReactElement<{ children?: ReactNode }>;
  if (typeof el.type === "function" && el.type.constructor.name === "AsyncFunction") return resolve(await (el.type as (p: unknown) => Promise<ReactNode>)(el.props));
  if (el.props.children === undefined) return el;
  const children = await resolve(el.props.children);
  // Spread a children list back as separate arguments, as JSX wrote it (no key warnings).
  return Array.isArray(el.props.children) ? cloneElement(el, undefined, ...(children as ReactNode[])) : cloneElement(el, undefined, children);
}

async function render(locale: "en" | "zh-CN", node: ReactElement) {
  state.locale = locale;
  state.missing = [];
  return { html: renderToStaticMarkup(h("div", null, await resolve(node))), missing: state.missing };
}

const day = (i: number) => `2025-03-${String(i).padStart(2, "0")}`;
const dashboard = (empty: boolean): Dashboard => ({
  range: { kind: "7d", from: day(4), to: day(10), days: 7 },
  figures: empty
    ? { paidOrders: 0, paidFen: 0, refunds: 0, refundFen: 0, complaints: 0, shippedOrders: 0, shippedLate: 0, itemViews: 0, grossFen: 0, couponDiscountFen: 0, saleDiscountFen: 0, couponOrders: 0, payingBuyers: 0, avgOrderFen: null, conversion: null, refundRate: null, complaintRate: null }
    : { paidOrders: 12, paidFen: 345_600, refunds: 1, refundFen: 2_599, complaints: 1, shippedOrders: 10, shippedLate: 2, itemViews: 480, grossFen: 360_100, couponDiscountFen: 4_500, saleDiscountFen: 10_000, couponOrders: 3, payingBuyers: 9, avgOrderFen: 28_800, conversion: 0.025, refundRate: 1 / 12, complaintRate: 1 / 12 },
  series: Array.from({ length: 7 }, (_, i) => ({ day: day(4 + i), paidFen: empty ? 0 : 10_000 * i, paidOrders: empty ? 0 : i, refundFen: 0, refunds: 0 })),
  topItems: empty ? [] : [{ itemId: "i1", title: "纯棉T恤", mainImageId: null, paidUnits: 7, paidFen: 20_000, views: 300 }, { itemId: "i2", title: "", mainImageId: null, paidUnits: 1, paidFen: 100, views: 0 }],
  promotions: empty ? [] : [{ kind: "FLASH_SALE", id: "fs1", name: "双十二", claims: null, uses: 20, paidFen: 19_800, discountFen: 10_000 }, { kind: "COUPON", id: "c1", name: "满100减15", claims: 40, uses: 3, paidFen: 30_000, discountFen: 4_500 }],
  live: empty ? { awaitingShipment: 0, overdueShipment: 0, lowStockCount: 0, lowStock: [] } : { awaitingShipment: 3, overdueShipment: 1, lowStockCount: 1, lowStock: [{ skuId: "s1", specKey: "颜色:红", stock: 0, itemId: "i1", title: "纯棉T恤" }] },
  generatedAt: new Date("2025-03-10T12:00:00Z"),
});

const overview: Overview = {
  range: { kind: "30d", from: day(1), to: day(30), days: 30 },
  totals: { paidOrders: 100, paidFen: 1_000_000, refunds: 3, refundFen: 5_000, complaints: 2, avgOrderFen: 10_000, refundRate: 0.03, complaintRate: 0.02 },
  series: [{ day: day(1), paidFen: 1_000_000, paidOrders: 100, sellingStores: 4 }],
  complaints: { open: 5, atRisk: 2, overdue: 1 },
  applications: { waiting: 2, oldestSubmittedAt: new Date("2025-03-01T00:00:00Z") },
  highestComplaintRates: [{ storeId: "s1", name: "Store one", slug: "one", paidOrders: 10, count: 2, rate: 0.2 }],
  highestRefundRates: [],
  generatedAt: new Date("2025-03-30T12:00:00Z"),
};

beforeEach(() => {
  state.missing = [];
});

describe("the seller dashboard renders", () => {
  for (const locale of ["en", "zh-CN"] as const) {
    it(`with figures and with nothing yet (${locale}), every string translated`, async () => {
      const full = await render(locale, h(StoreDashboard, { storeId: "st1", dashboard: dashboard(false) }));
      expect(full.missing).toEqual([]);
      expect(full.html).toContain("¥3,456.00"); // paid GMV
      expect(full.html).toContain('href="/seller/stores/st1/orders?status=PAID"');
      expect(full.html).toContain("2025-03-10"); // the chart's table version
      expect(full.html).toContain("¥3,601.00"); // GMV before promotions
      expect(full.html).toContain("¥145.00"); // coupons and flash-sale prices took off
      expect(full.html).toContain('href="/seller/stores/st1/flash-sales"');
      // Its figures are a description list like the others (axe: dt/dd outside a dl).
      expect(full.html).toMatch(new RegExp(`<dl[^>]*>(?:(?!</dl>).)*${locale === "en" ? "GMV before promotions" : "优惠前成交额"}`, "s"));
      const empty = await render(locale, h(StoreDashboard, { storeId: "st1", dashboard: dashboard(true) }));
      expect(empty.missing).toEqual([]);
      expect(empty.html).toContain("—"); // rates with nothing to divide by
      // The hint says what is divided by what, and that there is nothing yet, not "no complaints ÷ paid orders".
      expect(empty.html).toContain(locale === "en" ? "Complaints ÷ paid orders (none yet)" : "投诉数 ÷ 支付订单数（暂无投诉）");
    });
  }

  it("labels the custom range's date inputs and links its errors to them", async () => {
    const { html, missing } = await render("en", h(StoreDashboard, { storeId: "st1", dashboard: dashboard(false), rangeErrors: { to: ["rangeOrder"] }, rangeValues: { from: day(9), to: day(1) } }));
    expect(missing).toEqual([]);
    expect(html).toMatch(/<label for="range-from"[^>]*>From<\/label>/);
    expect(html).toContain('aria-describedby="range-to-error"');
    expect(html).toContain("The end date must be on or after the start date.");
    expect(html).toContain(`value="${day(1)}"`); // what the seller typed is kept
  });
});

describe("the admin platform view renders", () => {
  for (const locale of ["en", "zh-CN"] as const) {
    it(`in ${locale}, every string translated`, async () => {
      const { html, missing } = await render(locale, h(PlatformOverview, { overview }));
      expect(missing).toEqual([]);
      expect(html).toContain('href="/admin/stores/s1"');
      expect(html).toContain("¥10,000.00");
    });
  }
});
