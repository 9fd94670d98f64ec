// Renders the buyer's and the seller's order components to HTML in both languages: a missing
// translation, a crash on real-looking data, or a control without its label fails here,
// without a browser. Server actions are stubbed (their wiring is tested in tests/app/orders).
import { createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator, NextIntlClientProvider } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import type { OrderDetail } from "@/lib/orders/queries";
import type { Shopper } from "@/lib/storefront/types";
import type { StorefrontLive } from "@/components/store/storefront-live";

vi.mock("next/navigation", () => ({ useRouter: () => ({ replace: () => {}, push: () => {}, refresh: () => {} }), usePathname: () => "/" }));
vi.mock("next/image", () => ({ default: (p: { src: string; alt: string }) => h("img", { src: p.src, alt: p.alt }) }));
vi.mock("@/lib/orders/actions/cart", () => ({ addToCartAction: vi.fn(), setCartQuantityAction: vi.fn(), removeFromCartAction: vi.fn() }));
vi.mock("@/lib/orders/actions/checkout", () => ({ placeOrderAction: vi.fn() }));
vi.mock("@/lib/orders/actions/buyer-orders", () => ({ cancelOrderAction: vi.fn(), confirmReceiptAction: vi.fn() }));
vi.mock("@/lib/orders/actions/addresses", () => ({ saveAddressAction: vi.fn(), deleteAddressAction: vi.fn(), setDefaultAddressAction: vi.fn() }));
vi.mock("@/lib/orders/actions/seller-orders", () => ({ shipOrderAction: vi.fn(), closeOrderAction: vi.fn() }));

const { CartView } = await import("@/components/orders/cart-view");
const { CartLink } = await import("@/components/orders/cart-link");
const { CheckoutForm } = await import("@/components/orders/checkout-form");
const { ItemPurchase } = await import("@/components/orders/item-purchase");
const { StorefrontLiveContext } = await import("@/components/store/storefront-live");
const { BuyerOrderView } = await import("@/components/orders/buyer-order-view");
const { BuyerOrderList } = await import("@/components/orders/buyer-order-list");
const { AddressBook } = await import("@/components/orders/address-book");
const { SellerOrderFilters, SellerOrderTable, SellerStatusTabs } = await import("@/components/orders/seller-order-list");
const { SellerOrderView } = await import("@/components/orders/seller-order-view");
const { WeixinPay } = await import("@/components/orders/weixin-pay");
const { formatLeft } = await import("@/components/orders/countdown");

type Locale = "en" | "zh-CN";

function render(locale: Locale, node: ReactNode) {
  const missing: string[] = [];
  const html = renderToStaticMarkup(
    h(NextIntlClientProvider, { locale, messages: messagesFor(locale) as never, timeZone: "Asia/Shanghai", onError: (e: Error) => void missing.push(e.message), children: node }),
  );
  return { html, missing };
}

/** Renders and fails on any message next-intl could not find or format. */
function renderOk(locale: Locale, node: ReactNode) {
  const r = render(locale, node);
  expect(r.missing, "missing or broken messages").toEqual([]);
  return r.html;
}

const now = new Date("2025-03-01T02:00:00Z");
const later = (min: number) => new Date(now.getTime() + min * 60_000);

const cartLine = (over: Partial<Parameters<typeof CartView>[0]["cart"]["lines"][number]>) => ({
  skuId: "s1",
  itemId: "i1",
  title: "龙井茶",
  specKey: "规格:250g",
  imageId: "img1",
  unitPriceFen: 12800,
  quantity: 2,
  stock: 9,
  buyLimit: null,
  available: true,
  ...over,
});

const address = { id: "a1", recipient: "王小明", phone: "13800138000", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号", isDefault: true };

function order(over: Partial<OrderDetail> = {}): OrderDetail {
  return {
    id: "o1",
    orderNo: "202503010123456789",
    outTradeNo: "LS202503010123456789",
    status: "PENDING_PAYMENT",
    totalFen: 26600,
    itemsFen: 25600,
    postageFen: 1000,
    refundedFen: 0,
    createdAt: now,
    payBy: later(30),
    paidAt: null,
    shippedAt: null,
    recipient: "王小明",
    phone: "13800138000",
    province: "浙江省",
    city: "杭州市",
    district: "西湖区",
    addressDetail: "文三路 100 号",
    buyerNote: "请放门卫",
    protectionTerms: {},
    transactionId: null,
    carrier: null,
    trackingNo: null,
    autoConfirmAt: null,
    completedAt: null,
    cancelledAt: null,
    cancelReason: null,
    updatedAt: now,
    store: { id: "st1", slug: "tea-house", name: "Tea House" },
    buyer: { id: "u1", name: "小明" },
    lines: [
      { id: "l1", itemId: "i1", skuId: "s1", title: "龙井茶", specKey: "规格:250g", imageId: "img1", unitPriceFen: 12800, quantity: 2, lineTotalFen: 25600 },
      { id: "l2", itemId: "i2", skuId: "s2", title: "茶杯", specKey: "", imageId: null, unitPriceFen: 0, quantity: 1, lineTotalFen: 0 },
    ],
    events: [
      { id: 1n, type: "PLACE", fromStatus: null, toStatus: "PENDING_PAYMENT", actorKind: "BUYER", data: null, createdAt: now },
      { id: 2n, type: "PAYMENT_STARTED", fromStatus: null, toStatus: null, actorKind: "BUYER", data: { tradeType: "JSAPI" }, createdAt: later(1) },
    ],
    refunds: [],
    ...over,
  } as OrderDetail;
}

const shipped = order({
  status: "SHIPPED",
  paidAt: later(2),
  transactionId: "4200001234202503011234567890",
  shippedAt: later(60),
  carrier: "SF",
  trackingNo: "SF1234567890",
  autoConfirmAt: later(60 * 24 * 7),
  events: [
    { id: 1n, type: "PLACE", fromStatus: null, toStatus: "PENDING_PAYMENT", actorKind: "BUYER", data: null, createdAt: now },
    { id: 2n, type: "PAY", fromStatus: "PENDING_PAYMENT", toStatus: "PAID", actorKind: "PAYMENT", data: { source: "QUERY" }, createdAt: later(2) },
    { id: 3n, type: "SHIP", fromStatus: "PAID", toStatus: "SHIPPED", actorKind: "SELLER", data: { carrier: "SF", trackingNo: "SF1234567890" }, createdAt: later(60) },
    { id: 4n, type: "REFUND_SUCCESS", fromStatus: null, toStatus: null, actorKind: "PAYMENT", data: { amountFen: 1000 }, createdAt: later(70) },
  ] as OrderDetail["events"],
  refundedFen: 1000,
  refunds: [{ id: "r1", outRefundNo: "RF20250301012345678900", amountFen: 1000, status: "SUCCESS", cause: "AFTER_SALE", createdAt: later(65), settledAt: later(70) }],
});

const cancelled = order({
  status: "CANCELLED",
  cancelledAt: later(31),
  cancelReason: "PAYMENT_TIMEOUT",
  events: [
    { id: 1n, type: "PLACE", fromStatus: null, toStatus: "PENDING_PAYMENT", actorKind: "BUYER", data: null, createdAt: now },
    { id: 2n, type: "CANCEL", fromStatus: "PENDING_PAYMENT", toStatus: "CANCELLED", actorKind: "SYSTEM", data: { reason: "PAYMENT_TIMEOUT" }, createdAt: later(31) },
  ] as OrderDetail["events"],
});

describe.each(["en", "zh-CN"] as const)("order components in %s", (locale) => {
  const en = locale === "en";

  it("render the cart: buyable lines with steppers, unbuyable lines marked and left out, server totals, a checkout link", () => {
    const cart = {
      storeId: "st1",
      lines: [
        cartLine({}),
        cartLine({ skuId: "s2", title: "白茶", quantity: 3, stock: 1, available: false }),
        cartLine({ skuId: "s3", title: "红茶", quantity: 1, stock: 0, available: false }),
        cartLine({ skuId: "s4", title: "绿茶", quantity: 1, stock: 5, available: false }),
      ],
      itemsFen: 25600,
      postageFen: 800,
      totalFen: 26400,
      count: 7,
    };
    const html = renderOk(locale, h(CartView, { slug: "tea-house", cart }));
    expect(html).toContain("¥264.00");
    expect(html).toContain('href="/s/tea-house/checkout?from=cart"');
    expect(html).toContain(en ? "Only 1 left" : "仅剩 1 件");
    expect(html).toContain(en ? "Sold out" : "已售罄");
    expect(html).toContain(en ? "No longer for sale" : "已下架");
    expect(html).toContain(en ? "Check out (2)" : "结算（2）");
    // The empty cart says so instead of showing a dead checkout button.
    const empty = renderOk(locale, h(CartView, { slug: "tea-house", cart: { ...cart, lines: [], itemsFen: 0, postageFen: 0, totalFen: 0, count: 0 } }));
    expect(empty).not.toContain("/checkout");
  });

  it("render the header's cart link with its count", () => {
    const html = renderOk(locale, h(CartLink, { slug: "tea-house", count: 3 }));
    expect(html).toContain('href="/s/tea-house/cart"');
    expect(html).toMatch(/>3</);
  });

  it("render checkout with saved addresses, the idempotency key, the lines as hidden inputs and the total", () => {
    const props = {
      storeId: "st1",
      lines: [{ skuId: "s1", title: "龙井茶", specKey: "规格:250g", imageId: null, unitPriceFen: 12800, quantity: 2, available: true }],
      itemsFen: 25600,
      postageFen: 0,
      totalFen: 25600,
      orderable: true,
      fromCart: true,
      addresses: [address, { ...address, id: "a2", isDefault: false, recipient: "李雷" }],
      idempotencyKey: "3b0f6f7e-4d7a-4b7e-9f00-8a6c1f2d9e11",
    };
    const html = renderOk(locale, h(CheckoutForm, props));
    expect(html).toContain('name="idempotencyKey" value="3b0f6f7e-4d7a-4b7e-9f00-8a6c1f2d9e11"');
    expect(html).toContain('name="lineSku[]" value="s1"');
    expect(html).toContain('name="lineQty[]" value="2"');
    expect(html).toContain('name="fromCart" value="1"');
    expect(html).toMatch(/name="addressId" checked="" value="a1"/);
    expect(html).toContain("¥256.00");
    expect(html).toContain('type="submit"');
    // Without saved addresses the new-address fields show, each with its label.
    const fresh = renderOk(locale, h(CheckoutForm, { ...props, addresses: [], orderable: false, lines: [{ ...props.lines[0], available: false }] }));
    for (const f of ["recipient", "phone", "province", "city", "district", "detail"]) expect(fresh).toContain(`for="checkout-${f}"`);
    expect(fresh).toContain('name="addressId" value="new"');
    // Nothing orderable: no submit button.
    expect(fresh).not.toContain('type="submit"');
  });

  it("render the item page's buying bar for a buyer, a guest and a seller once its live part is in", () => {
    const picker = { specs: [], skus: [{ id: "s1", specKey: "", priceFen: 1000, originalPriceFen: null }], buyLimit: null, priceMinFen: 1000, priceMaxFen: 1000 };
    const bar = (live: StorefrontLive, signInHref = "/signin") =>
      renderOk(locale, h(StorefrontLiveContext.Provider, { value: { live, setCartCount: () => {} } }, h(ItemPurchase, { slug: "tea-house", signInHref, picker })));
    const ready = (shopper: Shopper, stock = { s1: 5 }): StorefrontLive => ({ status: "ready", viewer: { shopper, cartCount: 0, bell: null }, stock });
    const buyer = bar(ready("buyer"));
    expect(buyer).toContain(en ? "Add to cart" : "加入购物车");
    expect(buyer).toContain(en ? "Buy now" : "立即购买");
    expect(buyer).toContain(en ? "5 in stock" : "库存 5 件");
    expect(buyer).not.toMatch(/<button[^>]*disabled=""[^>]*aria-busy="true"/);
    const guest = bar(ready("guest"), "/signin?callbackUrl=%2Fs%2Ftea-house%2Fitems%2Fi1");
    expect(guest).toContain('href="/signin?callbackUrl=%2Fs%2Ftea-house%2Fitems%2Fi1"');
    expect(guest).not.toContain(en ? "Add to cart" : "加入购物车");
    const staff = bar(ready("staff"));
    expect(staff).not.toContain(en ? "Add to cart" : "加入购物车");
    // Nothing in stock: no buying buttons at all.
    const gone = bar(ready("buyer", { s1: 0 }));
    expect(gone).not.toContain(en ? "Add to cart" : "加入购物车");
    expect(gone).not.toContain(en ? "Buy now" : "立即购买");
    // Before the live part answers (the cached page as served): the buyer's buttons, waiting
    // and disabled, and no stock count; if it cannot answer, they work and the server decides.
    const loading = bar({ status: "loading", viewer: null, stock: null });
    expect(loading.match(/<button[^>]*disabled=""[^>]*aria-busy="true"/g)).toHaveLength(2);
    expect(loading).not.toContain(en ? "in stock" : "库存");
    const failed = bar({ status: "failed", viewer: null, stock: null });
    expect(failed).toContain(en ? "Add to cart" : "加入购物车");
    expect(failed).not.toMatch(/aria-busy="true"/);
  });

  it("render an unpaid order with the pay-by countdown from the server's clock, Pay and Cancel", () => {
    const html = renderOk(locale, h(BuyerOrderView, { order: order(), serverNow: now.getTime() }));
    expect(html).toContain(">30:00</time>");
    expect(html).toContain('href="/orders/o1/pay"');
    expect(html).toContain(en ? "Cancel order" : "取消订单");
    expect(html).toContain(en ? "Waiting for payment" : "等待付款");
    expect(html).toContain("202503010123456789");
  });

  it("render the payment check states after the cashier", () => {
    const checking = renderOk(locale, h(BuyerOrderView, { order: order(), payment: "checking", attempt: 3, serverNow: now.getTime() }));
    expect(checking).toContain(en ? "Confirming your payment" : "正在确认支付结果");
    const slow = renderOk(locale, h(BuyerOrderView, { order: order(), payment: "slow", attempt: 15, serverNow: now.getTime() }));
    expect(slow).toContain('href="/orders/o1?paid=return"');
    const failed = renderOk(locale, h(BuyerOrderView, { order: order(), payment: "notCompleted", serverNow: now.getTime() }));
    expect(failed).toContain(en ? "Pay again" : "重新付款");
    const received = renderOk(locale, h(BuyerOrderView, { order: order({ status: "PAID", paidAt: later(2) }), payment: "received", serverNow: now.getTime() }));
    expect(received).not.toContain('href="/orders/o1/pay"');
  });

  it("render a shipped order with carrier, tracking number and Confirm receipt, and a cancelled one with its reason", () => {
    const html = renderOk(locale, h(BuyerOrderView, { order: shipped, serverNow: now.getTime() }));
    expect(html).toContain(en ? "SF Express" : "顺丰速运");
    expect(html).toContain("SF1234567890");
    expect(html).toContain(en ? "Confirm receipt" : "确认收货");
    const gone = renderOk(locale, h(BuyerOrderView, { order: cancelled, serverNow: now.getTime() }));
    expect(gone).toContain(en ? "Not paid in time" : "超时未付款");
    expect(gone).not.toContain("/pay");
    for (const status of ["PAID", "COMPLETED", "CLOSED"] as const) renderOk(locale, h(BuyerOrderView, { order: order({ status }), serverNow: now.getTime() }));
  });

  it("render the buyer's order list with tabs, counts and cards", () => {
    const rows = [
      { id: "o1", orderNo: "202503010123456789", status: "PENDING_PAYMENT" as const, totalFen: 26600, createdAt: now, payBy: later(30), store: { slug: "tea-house", name: "Tea House" }, lines: [order().lines[0]], lineCount: 1, unitCount: 2 },
      { id: "o2", orderNo: "202503010123456790", status: "SHIPPED" as const, totalFen: 100, createdAt: now, payBy: later(30), store: { slug: "tea-house", name: "Tea House" }, lines: order().lines, lineCount: 4, unitCount: 7 },
    ];
    const counts = { all: 2, unpaid: 1, toShip: 0, shipped: 1, completed: 0, cancelled: 0 };
    const html = renderOk(locale, h(BuyerOrderList, { tab: "all", counts, orders: rows, nextCursor: "o2", paged: false }));
    expect(html).toContain('href="/orders?tab=unpaid"');
    expect(html).toContain('href="/orders/o1/pay"');
    expect(html).toContain('href="/orders?cursor=o2"');
    // One wording on both sides (the seller's list says the same): lines, and units over all of them.
    expect(html).toContain(en ? "4 products, 7 units in all" : "4 种商品，共 7 件");
    expect(html).toContain(en ? "2 units" : "共 2 件");
    const empty = renderOk(locale, h(BuyerOrderList, { tab: "cancelled", counts, orders: [], nextCursor: null, paged: false }));
    expect(empty).toContain(en ? "No orders here." : "这里还没有订单。");
  });

  it("render the address book, and its form when it is empty", () => {
    const html = renderOk(locale, h(AddressBook, { addresses: [address, { ...address, id: "a2", isDefault: false }] }));
    expect(html).toContain(en ? "Set as default" : "设为默认");
    const empty = renderOk(locale, h(AddressBook, { addresses: [] }));
    expect(empty).toContain('for="book-recipient"');
  });

  it("render the seller's list: status tabs with counts, filters with the export link, the table", () => {
    const base = "/seller/stores/st1/orders";
    const filters = { status: "PAID" as const, from: "2025-03-01", buyer: "王" };
    const tabs = renderOk(locale, h(SellerStatusTabs, { base, filters, counts: { PAID: 3, SHIPPED: 2 } }));
    expect(tabs).toContain(`href="${base}?from=2025-03-01&amp;buyer=%E7%8E%8B"`);
    expect(tabs).toMatch(/aria-current="page"[^>]*>[^<]*<span[^>]*>3</);
    const form = renderOk(locale, h(SellerOrderFilters, { base, filters, exportHref: `${base}/export?status=PAID` }));
    expect(form).toContain(`href="${base}/export?status=PAID"`);
    expect(form).toContain('value="2025-03-01"');
    const rows = [{ ...order(), buyer: { name: "小明" } }];
    const table = renderOk(locale, h(SellerOrderTable, { storeId: "st1", orders: rows }));
    expect(table).toContain(`href="${base}/o1"`);
    expect(table).toContain("¥266.00");
    expect(table).toContain(en ? "2 products, 3 units in all" : "2 种商品，共 3 件");
  });

  it("render the seller's order: ship form on a paid order, close on an unpaid one, shipment, payment and refunds", () => {
    const paid = renderOk(locale, h(SellerOrderView, { storeId: "st1", order: order({ status: "PAID", paidAt: later(2), transactionId: "4200001234" }), serverNow: now.getTime() }));
    expect(paid).toContain('for="ship-carrier"');
    expect(paid).toContain(`value="SF">${en ? "SF Express" : "顺丰速运"}<`);
    expect(paid).toContain('for="ship-tracking"');
    expect(paid).toContain("4200001234");
    const unpaid = renderOk(locale, h(SellerOrderView, { storeId: "st1", order: order(), serverNow: now.getTime() }));
    expect(unpaid).toContain(en ? "Close order" : "关闭订单");
    expect(unpaid).not.toContain('for="ship-carrier"');
    const done = renderOk(locale, h(SellerOrderView, { storeId: "st1", order: shipped, serverNow: now.getTime() }));
    expect(done).toContain("RF20250301012345678900");
    expect(done).toContain(en ? "Refunded" : "已退款");
  });

  it("render the in-WeChat pay button", () => {
    const params = { appId: "wx5a1d6b0c3e2f4a7b", timeStamp: "1", nonceStr: "n", package: "prepay_id=p", signType: "RSA" as const, paySign: "s" };
    expect(renderOk(locale, h(WeixinPay, { params, returnUrl: "http://localhost:3000/orders/o1?paid=return" }))).toContain(en ? "Pay with WeChat Pay" : "微信支付");
  });
});

describe("order messages", () => {
  const keys = (o: unknown, prefix = ""): string[] =>
    o && typeof o === "object" ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

  it("have the same keys in both languages", () => {
    for (const ns of ["orders"] as const) expect(keys(messagesFor("zh-CN")[ns]).sort()).toEqual(keys(messagesFor("en")[ns]).sort());
    expect(keys(messagesFor("zh-CN").errors.messages).sort()).toEqual(keys(messagesFor("en").errors.messages).sort());
  });

  it("translate every field key the orders domain throws, and every message key", () => {
    const fields = ["mobileFormat", "quantityInvalid", "quantityTooLarge", "cartEmpty", "tooManyLines", "addressRequired", "addressUnknown", "tooManyAddresses", "cartFull", "carrierRequired", "trackingFormat"];
    const messages = ["itemUnavailable", "onlyNLeft", "soldOutTitle", "buyLimit", "orderCannotCANCEL", "orderCannotSHIP", "orderCannotCONFIRM", "orderJustPaid", "orderNotPayable", "orderPaymentExpired"];
    for (const locale of ["en", "zh-CN"] as const) {
      const errors = messagesFor(locale).errors as { fields: Record<string, string>; messages: Record<string, string> };
      for (const f of fields) expect(errors.fields[f], `${locale} errors.fields.${f}`).toBeTruthy();
      for (const m of messages) expect(errors.messages[m], `${locale} errors.messages.${m}`).toBeTruthy();
    }
  });

  it("format the domain's message values (title, available, limit, already) in both languages", () => {
    const values = { title: "龙井", available: 2, limit: 3, already: 1 };
    for (const locale of ["en", "zh-CN"] as const) {
      const problems: string[] = [];
      const t = createTranslator({ locale, messages: messagesFor(locale) as never, namespace: "errors.messages" as never, onError: (e) => void problems.push(e.message) }) as unknown as (k: string, v?: object) => string;
      expect(t("onlyNLeft", values)).toContain("2");
      expect(t("buyLimit", values)).toContain("3");
      expect(t("buyLimit", { ...values, already: 0 })).not.toContain("0");
      expect(t("soldOutTitle", values)).toContain("龙井");
      expect(problems).toEqual([]);
    }
  });

  it("format the countdown as mm:ss under an hour and h:mm:ss above", () => {
    expect(formatLeft(30 * 60_000)).toBe("30:00");
    expect(formatLeft(59_999)).toBe("00:59");
    expect(formatLeft(-5)).toBe("00:00");
    expect(formatLeft(2 * 3600_000 + 5_000)).toBe("2:00:05");
  });
});
