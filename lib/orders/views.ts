import "server-only";
// Read models and small helpers for the order pages (buyer and seller UI): the checkout
// quote, the buyer's order tabs, the seller list's filters (shared with the CSV export), and
// how a browser pays. Reads only: every change goes through the domain modules.
import { z } from "zod";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { OrderStatus } from "@/lib/db/generated/enums";
import { type Env, env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { reconcileOrder } from "@/lib/payments/reconcile";
import { addressSelect } from "./addresses";
import { applySalePrices } from "@/lib/promotions/sale-prices";
import { mergeLines, priceOrder } from "./pricing";
import { ORDER_STATUSES, type SellerOrderFilters } from "./queries";
import type { AddressInput } from "./schemas";

// ───────────────────────────── Checkout quote ─────────────────────────────

export interface QuoteLine {
  skuId: string;
  itemId: string;
  title: string;
  specKey: string;
  imageId: string | null;
  unitPriceFen: number;
  /** The SKU's own price when unitPriceFen is a flash sale's (shown struck through). */
  listPriceFen?: number | null;
  quantity: number;
  stock: number;
  buyLimit: number | null;
  /** On sale, active, and enough stock for the quantity right now. */
  available: boolean;
}

export interface CheckoutQuote {
  lines: QuoteLine[];
  itemsFen: number;
  postageFen: number;
  totalFen: number;
  /** Units in the available lines. */
  count: number;
  /** Every requested line can be ordered as asked (checkout checks again, atomically). */
  orderable: boolean;
}

const MAX_QUOTE_LINES = 50;

/**
 * What the buyer would pay for these lines of one store, from current catalogue prices
 * (the same pricing checkout uses). SKUs of other stores or unknown ids come back
 * unavailable, never priced.
 */
export async function quoteCheckout(actor: Actor | null, storeId: string, requested: { skuId: string; quantity: number }[]): Promise<CheckoutQuote> {
  requireRole(actor, "BUYER");
  const wanted = mergeLines(requested.filter((l) => l.skuId && Number.isInteger(l.quantity) && l.quantity >= 1 && l.quantity <= 999)).slice(0, MAX_QUOTE_LINES);
  const skus = wanted.length
    ? await db.sku.findMany({
        where: { id: { in: wanted.map((l) => l.skuId) }, storeId },
        select: {
          id: true,
          specKey: true,
          priceFen: true,
          stock: true,
          active: true,
          item: { select: { id: true, title: true, mainImageId: true, status: true, buyLimit: true, postageMode: true, postageFen: true, postageExtraFen: true } },
        },
      })
    : [];
  const byId = new Map(skus.map((s) => [s.id, s]));
  const lines: (QuoteLine & { postage?: { itemId: string; postageMode: "FREE" | "FLAT" | "PER_ITEM"; postageFen: number; postageExtraFen: number } })[] = wanted.map((l) => {
    const s = byId.get(l.skuId);
    if (!s) return { skuId: l.skuId, itemId: "", title: "", specKey: "", imageId: null, unitPriceFen: 0, quantity: l.quantity, stock: 0, buyLimit: null, available: false };
    return {
      skuId: s.id,
      itemId: s.item.id,
      title: s.item.title,
      specKey: s.specKey,
      imageId: s.item.mainImageId,
      unitPriceFen: s.priceFen,
      quantity: l.quantity,
      stock: s.stock,
      buyLimit: s.item.buyLimit,
      available: s.active && s.item.status === "ON_SALE" && s.stock >= l.quantity,
      postage: { itemId: s.item.id, postageMode: s.item.postageMode, postageFen: s.item.postageFen, postageExtraFen: s.item.postageExtraFen },
    };
  });
  await applySalePrices(lines);
  const buyable = lines.filter((l) => l.available);
  const price = priceOrder(buyable, [...new Map(buyable.map((l) => [l.itemId, l.postage!])).values()]);
  return {
    lines: lines.map(({ postage: _p, ...l }) => l),
    itemsFen: price.itemsFen,
    postageFen: price.postageFen,
    totalFen: price.totalFen,
    count: buyable.reduce((n, l) => n + l.quantity, 0),
    orderable: lines.length > 0 && buyable.length === lines.length,
  };
}

/** The id of the buyer's saved address with exactly these contents, if any (no duplicates in the book). */
export async function findSameAddress(actor: Actor | null, a: AddressInput): Promise<string | null> {
  const buyer = requireRole(actor, "BUYER");
  const found = await db.address.findFirst({
    where: { userId: buyer.userId, recipient: a.recipient.trim(), phone: a.phone.trim(), province: a.province.trim(), city: a.city.trim(), district: a.district.trim(), detail: a.detail.trim() },
    select: { id: true },
  });
  return found?.id ?? null;
}

/** One of the buyer's own addresses (for "set as default", which saveAddress does with the full record). */
export async function getMyAddress(actor: Actor | null, id: string) {
  const buyer = requireRole(actor, "BUYER");
  const a = await db.address.findFirst({ where: { id, userId: buyer.userId }, select: addressSelect });
  if (!a) throw new AppError("NOT_FOUND", "Address not found");
  return a;
}

// ───────────────────────────── The buyer's orders ─────────────────────────────

/** The buyer's order tabs (WeChat's 待付款 / 待发货 / 待收货 / 已完成 / 已取消). */
export const BUYER_TABS = {
  all: null,
  unpaid: ["PENDING_PAYMENT"],
  toShip: ["PAID"],
  shipped: ["SHIPPED"],
  completed: ["COMPLETED"],
  cancelled: ["CANCELLED", "CLOSED"],
} as const satisfies Record<string, readonly OrderStatus[] | null>;
export type BuyerTab = keyof typeof BUYER_TABS;
export const BUYER_TAB_KEYS = Object.keys(BUYER_TABS) as BuyerTab[];

export function isBuyerTab(v: unknown): v is BuyerTab {
  return typeof v === "string" && Object.hasOwn(BUYER_TABS, v);
}

const buyerListSelect = {
  id: true,
  orderNo: true,
  status: true,
  totalFen: true,
  createdAt: true,
  payBy: true,
  store: { select: { slug: true, name: true } },
  lines: { select: { id: true, title: true, specKey: true, imageId: true, unitPriceFen: true, quantity: true }, orderBy: { id: "asc" as const }, take: 3 },
  _count: { select: { lines: true } },
} as const;

/** Units per order (the list shows three lines but counts them all). */
async function unitsOf(orderIds: string[]): Promise<Map<string, number>> {
  if (!orderIds.length) return new Map();
  const rows = await db.orderLine.groupBy({ by: ["orderId"], where: { orderId: { in: orderIds } }, _sum: { quantity: true } });
  return new Map(rows.map((r) => [r.orderId, r._sum.quantity ?? 0]));
}

export interface BuyerOrderRow {
  id: string;
  orderNo: string;
  status: OrderStatus;
  totalFen: number;
  createdAt: Date;
  payBy: Date;
  store: { slug: string; name: string };
  /** The first three lines. */
  lines: { id: string; title: string; specKey: string; imageId: string | null; unitPriceFen: number; quantity: number }[];
  lineCount: number;
  /** Units over all its lines. */
  unitCount: number;
}

/** One page of the buyer's orders in a tab, newest first, and the count of every tab. */
export async function listMyOrders(actor: Actor | null, opts: { tab?: BuyerTab; cursor?: string; take?: number } = {}) {
  const buyer = requireRole(actor, "BUYER");
  const statuses = BUYER_TABS[opts.tab ?? "all"];
  const take = Math.min(Math.max(opts.take ?? 10, 1), 50);
  const where = { buyerId: buyer.userId, ...(statuses ? { status: { in: [...statuses] } } : {}) };
  let cursor = opts.cursor;
  // A cursor from another buyer (or a stale link) is ignored rather than leaking anything.
  if (cursor && !(await db.order.findFirst({ where: { id: cursor, buyerId: buyer.userId }, select: { id: true } }))) cursor = undefined;
  const [rows, grouped] = await Promise.all([
    db.order.findMany({ where, select: buyerListSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: take + 1, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) }),
    db.order.groupBy({ by: ["status"], where: { buyerId: buyer.userId }, _count: { _all: true } }),
  ]);
  const byStatus = new Map(grouped.map((g) => [g.status, g._count._all]));
  const counts = Object.fromEntries(
    BUYER_TAB_KEYS.map((tab) => {
      const s = BUYER_TABS[tab];
      return [tab, (s ?? ORDER_STATUSES).reduce((n, st) => n + (byStatus.get(st) ?? 0), 0)];
    }),
  ) as Record<BuyerTab, number>;
  const page = rows.slice(0, take);
  const units = await unitsOf(page.map((o) => o.id));
  const orders: BuyerOrderRow[] = page.map(({ _count, ...o }) => ({ ...o, lineCount: _count.lines, unitCount: units.get(o.id) ?? 0 }));
  return { orders, nextCursor: rows.length > take ? rows[take - 1].id : null, counts };
}

/**
 * The buyer is back from the cashier and the order still says unpaid: ask WeChat Pay once,
 * so a payment whose notification has not arrived yet is applied now. Never throws for a
 * gateway problem (the page then simply keeps waiting for the notification).
 */
export async function checkPaymentOnReturn(actor: Actor | null, orderId: string): Promise<void> {
  const buyer = requireRole(actor, "BUYER");
  const order = await db.order.findFirst({ where: { id: orderId, buyerId: buyer.userId }, select: { status: true, _count: { select: { payments: true } } } });
  if (!order) throw new AppError("NOT_FOUND", "Order not found");
  if (order.status !== "PENDING_PAYMENT" || order._count.payments === 0) return;
  try {
    await reconcileOrder(orderId);
  } catch (e) {
    log.warn("payment check on return failed", { orderId, error: e });
  }
}

// ───────────────────────────── Paying from a browser ─────────────────────────────

/**
 * How this browser pays: the built-in sandbox's cashier page (it stands in for WeChat's
 * JSAPI sheet in any browser), WeixinJSBridge inside WeChat, or WeChat Pay's H5 page in
 * other mobile browsers.
 */
export type PayMethod = "SANDBOX_CASHIER" | "WEIXIN_JSAPI" | "H5";

export function isSandboxGateway(e: Pick<Env, "WECHATPAY_BASE_URL" | "APP_URL"> = env()): boolean {
  return e.WECHATPAY_BASE_URL === `${e.APP_URL}/sandbox/wechatpay`;
}

export function payMethodFor(userAgent: string | null | undefined, e: Pick<Env, "WECHATPAY_BASE_URL" | "APP_URL"> = env()): PayMethod {
  if (isSandboxGateway(e)) return "SANDBOX_CASHIER";
  return /MicroMessenger/i.test(userAgent ?? "") ? "WEIXIN_JSAPI" : "H5";
}

/** Where the cashier sends the buyer back to: the order, flagged as a return from paying. */
export function payReturnUrl(orderId: string, appUrl = env().APP_URL): string {
  return `${appUrl}/orders/${encodeURIComponent(orderId)}?paid=return`;
}

/** WeChat Pay's h5_url with our return address appended (as WeChat documents: &redirect_url=…). */
export function h5WithRedirect(h5Url: string, returnUrl: string): string {
  return `${h5Url}${h5Url.includes("?") ? "&" : "?"}redirect_url=${encodeURIComponent(returnUrl)}`;
}

// ───────────────────────────── Seller list filters ─────────────────────────────

type Query = Record<string, string | string[] | undefined> | URLSearchParams;

const first = (v: unknown) => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" && s.trim() !== "" ? s.trim() : undefined;
};

const shanghaiDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+08:00`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));

const sellerFilterSchema = z.object({
  status: z.enum(ORDER_STATUSES).optional().catch(undefined),
  from: shanghaiDate.optional().catch(undefined),
  to: shanghaiDate.optional().catch(undefined),
  // Order numbers are digits; a prefix finds an order from its first digits.
  orderNo: z.string().regex(/^\d{1,18}$/).optional().catch(undefined),
  buyer: z.string().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type SellerListFilters = SellerOrderFilters & { page?: number };

/** The seller's order filters from a query string; anything malformed is dropped, never an error. */
export function parseSellerFilters(query: Query): SellerListFilters {
  const get = (k: string) => first(query instanceof URLSearchParams ? query.get(k) : query[k]);
  // A pasted out_trade_no ("LS" + order number) finds its order too.
  const orderNo = get("orderNo")?.replace(/^LS/i, "");
  const f = sellerFilterSchema.parse({ status: get("status"), from: get("from"), to: get("to"), orderNo, buyer: get("buyer"), page: get("page") });
  // A reversed range is read the way it was meant.
  if (f.from && f.to && f.from > f.to) [f.from, f.to] = [f.to, f.from];
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as SellerListFilters;
}
