import "server-only";
// The Store API (/api/store/v1): what a mini-program-style client needs to browse a store,
// sign a buyer in through WeChat OAuth, order, pay and cancel. Described once with zod.
import { z } from "zod";
import { issueBuyerToken, verifyBearer } from "@/lib/auth/api-tokens";
import { upsertWechatBuyer } from "@/lib/auth/accounts";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { exchangeCode, fetchUserInfo, WechatOAuthError } from "@/lib/auth/wechat-oauth";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isReplayedRefusal, placeOrder } from "@/lib/orders/checkout";
import { buyerCancelOrder } from "@/lib/orders/lifecycle";
import { startPayment } from "@/lib/orders/pay";
import { getBuyerOrdersForApi, listBuyerOrders, ORDER_STATUSES, type OrderForApi } from "@/lib/orders/queries";
import { addressInput, jsonCheckoutLine } from "@/lib/orders/schemas";
import { quoteCheckout } from "@/lib/orders/views";
import { couponOptions } from "@/lib/promotions/checkout";
import { claimCoupon, listClaimableCoupons, listMyCoupons, type PublicCoupon } from "@/lib/promotions/coupons";
import { getItemPage, getItemStock } from "@/lib/storefront/item";
import { searchStoreItems } from "@/lib/storefront/search";
import { getOpenStore } from "@/lib/storefront/store";
import { env } from "@/lib/env";
import { appErrorResult, createRouter, endpoint, jsonError, type Endpoint } from "./endpoint";
import { createLocalRateLimiter, rateLimitHeaders, type RateLimitDecision } from "./rate-limit";

const id = z.string().min(1).max(64);

const storeSchema = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), description: z.string(), logoUrl: z.string().nullable(), open: z.boolean() })
  .meta({ id: "Store" });
const itemCard = z
  .object({ id: z.string(), title: z.string(), imageUrl: z.string().nullable(), priceMinFen: z.number().int(), priceMaxFen: z.number().int(), soldOut: z.boolean() })
  .meta({ id: "ItemCard" });
const skuSchema = z
  .object({
    id: z.string(),
    specKey: z.string().meta({ description: 'WeChat sku_id form, "颜色:红;尺码:M"; "" when the item has no specs.' }),
    priceFen: z.number().int(),
    originalPriceFen: z.number().int().nullable(),
    stock: z.number().int(),
  })
  .meta({ id: "Sku" });
const itemDetail = z
  .object({
    id: z.string(),
    title: z.string(),
    images: z.array(z.string()),
    description: z.array(z.union([z.object({ type: z.literal("text"), text: z.string() }), z.object({ type: z.literal("image"), url: z.string() })])),
    specs: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    skus: z.array(skuSchema),
    priceMinFen: z.number().int(),
    priceMaxFen: z.number().int(),
    buyLimit: z.number().int().nullable(),
    postage: z.object({ mode: z.enum(["FREE", "FLAT", "PER_ITEM"]), fen: z.number().int(), extraFen: z.number().int() }),
    sale: z
      .object({
        phase: z.enum(["RUNNING", "UPCOMING"]),
        name: z.string(),
        startsAt: z.string().optional(),
        endsAt: z.string(),
        perBuyerLimit: z.number().int().nullable().optional(),
        priceMinFen: z.number().int().optional(),
      })
      .nullable()
      .meta({ description: "A flash sale (限时抢购) running now — the SKUs' priceFen are its prices, originalPriceFen their own — or the next to begin (within a week)." }),
  })
  .meta({ id: "Item" });
const orderLine = z
  .object({ skuId: z.string(), itemId: z.string(), title: z.string(), specKey: z.string(), imageUrl: z.string().nullable(), unitPriceFen: z.number().int(), quantity: z.number().int(), lineTotalFen: z.number().int(), discountFen: z.number().int().meta({ description: "The coupon's part of this line: the buyer paid lineTotalFen − discountFen for it." }) })
  .meta({ id: "OrderLine" });
const couponSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(["THRESHOLD", "PERCENT", "AMOUNT"]).meta({ description: "THRESHOLD: 满减 (amountOffFen once thresholdFen is spent); PERCENT: 折扣 (percentOff off, at most capFen); AMOUNT: 立减." }),
    amountOffFen: z.number().int().nullable(),
    thresholdFen: z.number().int(),
    percentOff: z.number().int().nullable(),
    capFen: z.number().int().nullable(),
    itemIds: z.array(z.string()).meta({ description: "Empty: every item of the store." }),
    coversPostage: z.boolean(),
    startsAt: z.string().meta({ format: "date-time" }),
    endsAt: z.string().meta({ format: "date-time" }),
    validDays: z.number().int().nullable().meta({ description: "Usable for this many days after claiming; null: until endsAt." }),
    perBuyerLimit: z.number().int(),
  })
  .meta({ id: "Coupon" });
const myCouponSchema = couponSchema
  .extend({
    claimId: z.string().meta({ description: "Pass as couponClaimId when placing an order." }),
    status: z.enum(["AVAILABLE", "LOCKED", "USED", "VOID"]),
    validFrom: z.string().meta({ format: "date-time" }),
    validUntil: z.string().meta({ format: "date-time" }),
    usedAt: z.string().nullable(),
    orderId: z.string().nullable(),
  })
  .meta({ id: "ClaimedCoupon" });

function couponJson(c: PublicCoupon): z.infer<typeof couponSchema> {
  return { id: c.id, name: c.name, kind: c.kind, amountOffFen: c.amountOffFen, thresholdFen: c.thresholdFen, percentOff: c.percentOff, capFen: c.capFen, itemIds: c.itemIds, coversPostage: c.coversPostage, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString(), validDays: c.validDays, perBuyerLimit: c.perBuyerLimit };
}
const orderSchema = z
  .object({
    id: z.string(),
    orderNo: z.string(),
    status: z.enum(ORDER_STATUSES),
    storeId: z.string(),
    itemsFen: z.number().int(),
    postageFen: z.number().int(),
    discountFen: z.number().int().meta({ description: "What the order's coupon took off; totalFen = itemsFen + postageFen − discountFen." }),
    totalFen: z.number().int(),
    refundedFen: z.number().int(),
    payBy: z.string().meta({ format: "date-time", description: "Unpaid orders are cancelled after this." }),
    createdAt: z.string().meta({ format: "date-time" }),
    paidAt: z.string().nullable(),
    shippedAt: z.string().nullable(),
    carrier: z.string().nullable(),
    trackingNo: z.string().nullable(),
    address: z.object({ recipient: z.string(), phone: z.string(), province: z.string(), city: z.string(), district: z.string(), detail: z.string() }),
    lines: z.array(orderLine),
  })
  .meta({ id: "Order" });
const payResult = z
  .union([
    z.object({
      tradeType: z.literal("JSAPI"),
      payParams: z
        .object({ appId: z.string(), timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.literal("RSA"), paySign: z.string() })
        .meta({ description: "Pass to WeixinJSBridge.invoke('getBrandWCPayRequest', …) or wx.requestPayment." }),
    }),
    z.object({ tradeType: z.literal("H5"), h5Url: z.string().meta({ description: "Send the buyer's browser here; append &redirect_url=… to come back." }) }),
  ])
  .meta({ id: "PaymentStart" });

const imageUrl = (imageId: string | null) => (imageId ? `/media/${imageId}/640.webp` : null);

function orderJson(o: OrderForApi): z.infer<typeof orderSchema> {
  return orderJsonOf(o);
}

async function oneOrder(actor: Parameters<typeof getBuyerOrdersForApi>[0], orderId: string) {
  return orderJson((await getBuyerOrdersForApi(actor, [orderId]))[0]);
}

function orderJsonOf(o: OrderForApi): z.infer<typeof orderSchema> {
  return {
    id: o.id,
    orderNo: o.orderNo,
    status: o.status,
    storeId: o.storeId,
    itemsFen: o.itemsFen,
    postageFen: o.postageFen,
    discountFen: o.discountFen,
    totalFen: o.totalFen,
    refundedFen: o.refundedFen,
    payBy: o.payBy.toISOString(),
    createdAt: o.createdAt.toISOString(),
    paidAt: o.paidAt?.toISOString() ?? null,
    shippedAt: o.shippedAt?.toISOString() ?? null,
    carrier: o.carrier,
    trackingNo: o.trackingNo,
    address: { recipient: o.recipient, phone: o.phone, province: o.province, city: o.city, district: o.district, detail: o.addressDetail },
    lines: o.lines.map((l) => ({ skuId: l.skuId, itemId: l.itemId, title: l.title, specKey: l.specKey, imageUrl: imageUrl(l.imageId), unitPriceFen: l.unitPriceFen, quantity: l.quantity, lineTotalFen: l.lineTotalFen, discountFen: l.discountFen })),
  };
}

const replayedHeader = { "Idempotent-Replayed": "true" };

/**
 * A retried order request gets the first answer again: the order as it was placed, before
 * payment, shipping or refunds moved it on (what it is now: GET /orders/{orderId}).
 */
function asFirstAnswered(o: z.infer<typeof orderSchema>): z.infer<typeof orderSchema> {
  return { ...o, status: "PENDING_PAYMENT", refundedFen: 0, paidAt: null, shippedAt: null, carrier: null, trackingNo: null };
}

async function openStoreOr404(slug: string) {
  const store = await getOpenStore(slug);
  if (!store) throw new AppError("NOT_FOUND", "Store not found");
  return store;
}

const slugParams = z.object({ slug: z.string().min(1).max(40) });

export const storeApiEndpoints: Endpoint[] = [
  endpoint({
    method: "GET",
    path: "/stores/{slug}/coupons",
    operationId: "listCoupons",
    tag: "Coupons",
    summary: "A store's public coupons that can be claimed now or will be",
    auth: false,
    params: slugParams,
    query: z.object({ itemId: id.optional() }),
    responses: { 200: { description: "The coupons (only those covering itemId, when given).", schema: z.object({ coupons: z.array(couponSchema) }) } },
    handler: async ({ params, query }) => {
      const s = await openStoreOr404((params as { slug: string }).slug);
      if (s.suspended) return { status: 200, body: { coupons: [] } };
      const coupons = await listClaimableCoupons(s.id, { itemId: (query as { itemId?: string }).itemId });
      return { status: 200, body: { coupons: coupons.map(couponJson) } };
    },
  }),
  endpoint({
    method: "POST",
    path: "/coupons/{couponId}/claim",
    operationId: "claimCoupon",
    tag: "Coupons",
    summary: "Claim one copy of a public coupon",
    description: "Never more copies than the coupon has, never more than its per-buyer limit, however many claims arrive at once.",
    auth: true,
    params: z.object({ couponId: id }),
    responses: {
      201: { description: "Claimed.", schema: z.object({ claimId: z.string(), validFrom: z.string(), validUntil: z.string() }) },
      409: { description: "SOLD_OUT (all claimed), CONFLICT (the buyer's limit) or INVALID_STATE (not claimable now)." },
    },
    handler: async ({ params, identity }) => {
      const c = await claimCoupon(identity!.actor, (params as { couponId: string }).couponId);
      return { status: 201, body: { claimId: c.claimId, validFrom: c.validFrom.toISOString(), validUntil: c.validUntil.toISOString() } };
    },
  }),
  endpoint({
    method: "GET",
    path: "/stores/{slug}/my-coupons",
    operationId: "listMyCoupons",
    tag: "Coupons",
    summary: "The signed-in buyer's coupons of a store: usable, used and expired",
    auth: true,
    params: slugParams,
    responses: { 200: { description: "The buyer's copies.", schema: z.object({ coupons: z.array(myCouponSchema) }) } },
    handler: async ({ params, identity }) => {
      const s = await openStoreOr404((params as { slug: string }).slug);
      const mine = await listMyCoupons(identity!.actor, s.id);
      return {
        status: 200,
        body: {
          coupons: mine.map((c) => ({
            ...couponJson(c),
            claimId: c.claimId,
            status: c.status,
            validFrom: c.validFrom.toISOString(),
            validUntil: c.validUntil.toISOString(),
            usedAt: c.usedAt?.toISOString() ?? null,
            orderId: c.orderId,
          })),
        },
      };
    },
  }),
  endpoint({
    method: "POST",
    path: "/auth/wechat",
    operationId: "signInWithWechat",
    tag: "Auth",
    summary: "Exchange a WeChat OAuth code for a buyer token",
    description: "Send the `code` WeChat's OAuth authorize step returned (snsapi_userinfo). The server exchanges it for the buyer's openid and profile and answers a bearer token valid for 30 days.",
    auth: false,
    body: z.object({ code: z.string().min(1).max(200) }),
    responses: {
      200: { description: "Signed in.", schema: z.object({ token: z.string(), tokenType: z.literal("Bearer"), expiresAt: z.string(), buyer: z.object({ id: z.string(), name: z.string() }) }) },
      401: { description: "The code is invalid, expired or already used." },
      502: { description: "UPSTREAM_FAILED: WeChat could not be reached; the code was not used, so send it again." },
    },
    handler: async ({ body }) => {
      const { code } = body as { code: string };
      try {
        const t = await exchangeCode(code);
        const profile = await fetchUserInfo(t.access_token, t.openid);
        const user = await upsertWechatBuyer({ ...profile, unionid: profile.unionid ?? t.unionid });
        const token = await issueBuyerToken(user.id);
        return { status: 200, body: { token: token.token, tokenType: "Bearer", expiresAt: token.expiresAt!.toISOString(), buyer: { id: user.id, name: user.name } } };
      } catch (e) {
        if (e instanceof WechatOAuthError && e.refused) throw new AppError("UNAUTHENTICATED", `WeChat refused the code (${e.errcode}: ${e.errmsg}).`);
        if (e instanceof WechatOAuthError) {
          // The code may well be good: say so, and keep what went wrong (it can name hosts) in the log.
          log.warn("store api: WeChat OAuth unreachable", { error: e });
          throw new AppError("UPSTREAM_FAILED", "WeChat could not be reached; the code was not used. Please try again.");
        }
        throw e;
      }
    },
  }),
  endpoint({
    method: "GET",
    path: "/stores/{slug}",
    operationId: "getStore",
    tag: "Catalogue",
    summary: "A store",
    auth: false,
    params: slugParams,
    responses: { 200: { description: "The store.", schema: storeSchema }, 404: { description: "No open store at this address." } },
    handler: async ({ params }) => {
      const s = await openStoreOr404((params as { slug: string }).slug);
      return { status: 200, body: { id: s.id, slug: s.slug, name: s.name, description: s.description, logoUrl: imageUrl(s.logoImageId), open: !s.suspended } };
    },
  }),
  endpoint({
    method: "GET",
    path: "/stores/{slug}/items",
    operationId: "listItems",
    tag: "Catalogue",
    summary: "A store's items on sale, optionally matching a search",
    auth: false,
    params: slugParams,
    query: z.object({ q: z.string().max(50).optional(), page: z.coerce.number().int().min(1).max(50).default(1) }),
    responses: { 200: { description: "One page of items.", schema: z.object({ items: z.array(itemCard), page: z.number().int(), hasMore: z.boolean() }) } },
    handler: async ({ params, query }) => {
      const s = await openStoreOr404((params as { slug: string }).slug);
      const { q, page } = query as { q?: string; page: number };
      if (s.suspended) return { status: 200, body: { items: [], page, hasMore: false } };
      const r = await searchStoreItems(s.id, q ?? "", page, { listAll: true });
      return {
        status: 200,
        body: { items: r.items.map((i) => ({ id: i.id, title: i.title, imageUrl: imageUrl(i.mainImageId), priceMinFen: i.priceMinFen, priceMaxFen: i.priceMaxFen, soldOut: i.soldOut })), page, hasMore: r.hasMore },
      };
    },
  }),
  endpoint({
    method: "GET",
    path: "/stores/{slug}/items/{itemId}",
    operationId: "getItem",
    tag: "Catalogue",
    summary: "An item with its SKUs and live stock",
    auth: false,
    params: z.object({ slug: z.string().min(1).max(40), itemId: id }),
    responses: { 200: { description: "The item.", schema: itemDetail }, 404: { description: "Not on sale in this store." } },
    handler: async ({ params }) => {
      const p = params as { slug: string; itemId: string };
      const s = await openStoreOr404(p.slug);
      const item = s.suspended ? null : await getItemPage(s.id, p.itemId);
      if (!item) throw new AppError("NOT_FOUND", "Item not found");
      const stock = await getItemStock(item.id);
      return {
        status: 200,
        body: {
          id: item.id,
          title: item.title,
          images: item.gallery.map((g) => imageUrl(g)!),
          description: item.description.map((b) => (b.type === "text" ? b : { type: "image" as const, url: imageUrl(b.imageId)! })),
          specs: item.specs,
          skus: item.skus.map((k) => ({ id: k.id, specKey: k.specKey, priceFen: k.priceFen, originalPriceFen: k.originalPriceFen, stock: stock[k.id] ?? 0 })),
          priceMinFen: item.priceMinFen,
          priceMaxFen: item.priceMaxFen,
          buyLimit: item.buyLimit,
          postage: { mode: item.postage.mode, fen: item.postage.fen, extraFen: item.postage.extraFen },
          sale: item.sale,
        },
      };
    },
  }),
  endpoint({
    method: "GET",
    path: "/orders",
    operationId: "listOrders",
    tag: "Orders",
    summary: "The signed-in buyer's orders, newest first",
    auth: true,
    query: z.object({ status: z.enum(ORDER_STATUSES).optional(), cursor: id.optional() }),
    responses: { 200: { description: "A page of orders.", schema: z.object({ orders: z.array(orderSchema), nextCursor: z.string().nullable() }) } },
    handler: async ({ query, identity }) => {
      const q = query as { status?: (typeof ORDER_STATUSES)[number]; cursor?: string };
      const page = await listBuyerOrders(identity!.actor, { status: q.status, cursor: q.cursor });
      const full = page.orders.length ? await getBuyerOrdersForApi(identity!.actor, page.orders.map((o) => o.id)) : [];
      return { status: 200, body: { orders: full.map(orderJson), nextCursor: page.nextCursor } };
    },
  }),
  endpoint({
    method: "POST",
    path: "/orders/quote",
    operationId: "quoteOrder",
    tag: "Orders",
    summary: "What an order would cost, with the buyer's coupons priced against it",
    description:
      "Prices the lines as checkout would now (flash-sale prices included) and prices each of the buyer's usable coupons of the store against them, the best first; with couponClaimId, the totals are with that coupon. Nothing is reserved. Pass totalFen as expectedTotalFen when placing the order.",
    auth: true,
    body: z.object({ storeId: id, lines: z.array(jsonCheckoutLine).min(1).max(50), couponClaimId: id.optional() }),
    responses: {
      200: {
        description: "The quote.",
        schema: z.object({
          lines: z.array(z.object({ skuId: z.string(), unitPriceFen: z.number().int(), listPriceFen: z.number().int().nullable(), quantity: z.number().int(), available: z.boolean() })),
          itemsFen: z.number().int(),
          postageFen: z.number().int(),
          discountFen: z.number().int(),
          totalFen: z.number().int(),
          orderable: z.boolean(),
          coupons: z.array(z.object({ claimId: z.string(), name: z.string(), discountFen: z.number().int(), totalFen: z.number().int() })),
          bestClaimId: z.string().nullable(),
        }),
      },
    },
    handler: async ({ body, identity }) => {
      const b = body as { storeId: string; lines: { skuId: string; quantity: number }[]; couponClaimId?: string };
      const q = await quoteCheckout(identity!.actor, b.storeId, b.lines);
      const buyable = q.lines.filter((l) => l.available);
      const { options, bestClaimId } = await couponOptions(identity!.actor!.userId, b.storeId, buyable.map((l) => ({ itemId: l.itemId, lineTotalFen: l.unitPriceFen * l.quantity })), q.postageFen);
      const chosen = b.couponClaimId ? options.find((o) => o.claimId === b.couponClaimId) : undefined;
      if (b.couponClaimId && (!chosen || chosen.discountFen === 0)) throw new AppError("COUPON_UNAVAILABLE", "That coupon cannot be used for this order.", { details: { messageKey: "couponUnavailable" } });
      const discountFen = chosen?.discountFen ?? 0;
      return {
        status: 200,
        body: {
          lines: q.lines.map((l) => ({ skuId: l.skuId, unitPriceFen: l.unitPriceFen, listPriceFen: l.listPriceFen ?? null, quantity: l.quantity, available: l.available })),
          itemsFen: q.itemsFen,
          postageFen: q.postageFen,
          discountFen,
          totalFen: q.totalFen - discountFen,
          orderable: q.orderable,
          coupons: options.filter((o) => o.discountFen > 0).map((o) => ({ claimId: o.claimId, name: o.name, discountFen: o.discountFen, totalFen: o.totalFen })),
          bestClaimId,
        },
      };
    },
  }),
  endpoint({
    method: "POST",
    path: "/orders",
    operationId: "createOrder",
    tag: "Orders",
    summary: "Place an order (reserves stock until paid or cancelled)",
    description:
      "Prices, postage and totals are computed by the server. Requires an Idempotency-Key: a retry with the same key and body gets the first answer again, marked `Idempotent-Replayed: true` — the order as placed (201), or the same refusal (409) even if stock has come back — concurrent retries included; the same key with a different body is 422.",
    auth: true,
    idempotencyKey: "required",
    body: z.object({
      storeId: id,
      lines: z.array(jsonCheckoutLine).min(1).max(50),
      address: addressInput,
      note: z.string().max(200).optional(),
      couponClaimId: id.optional().meta({ description: "One of the buyer's coupons of this store (GET /stores/{slug}/my-coupons); the server prices it and splits it over the lines." }),
      expectedTotalFen: z.number().int().min(0).max(2_147_483_647).optional().meta({
        description: "The total the buyer was shown. Never used as the price: when the server's total differs (a flash sale began, ended or ran out; a price changed) the order is refused with PRICE_CHANGED and details.totalFen.",
      }),
    }),
    responses: {
      201: { description: "Placed; pay before `payBy`. Lines sold at a flash-sale price carry it as unitPriceFen.", schema: orderSchema },
      409: { description: "SOLD_OUT, BUY_LIMIT, STORE_NOT_OPEN, COUPON_UNAVAILABLE or PRICE_CHANGED, with details." },
    },
    // The order's own idempotency key (unique per buyer, checked inside the statement that
    // places it) makes this exactly-once, and refusals are remembered beside it: no separate
    // Idempotency-Key claim and answer, which spares every order two round trips.
    handler: async ({ body, identity, idempotencyKey }) => {
      const b = body as { storeId: string; lines: { skuId: string; quantity: number }[]; address: z.infer<typeof addressInput>; note?: string; couponClaimId?: string; expectedTotalFen?: number };
      try {
        const placed = await placeOrder(identity!.actor, { ...b, idempotencyKey: `api:${idempotencyKey}` }, { rememberRefusals: true });
        if (placed.placed) return { status: 201, body: orderJson(placed.placed) };
        return { status: 201, body: asFirstAnswered(await oneOrder(identity!.actor, placed.id)), headers: replayedHeader };
      } catch (e) {
        if (!isReplayedRefusal(e)) throw e;
        return { ...appErrorResult(e), headers: replayedHeader };
      }
    },
  }),
  endpoint({
    method: "GET",
    path: "/orders/{orderId}",
    operationId: "getOrder",
    tag: "Orders",
    summary: "One of the buyer's orders",
    auth: true,
    params: z.object({ orderId: id }),
    responses: { 200: { description: "The order.", schema: orderSchema }, 404: { description: "No such order of this buyer." } },
    handler: async ({ params, identity }) => ({ status: 200, body: await oneOrder(identity!.actor, (params as { orderId: string }).orderId) }),
  }),
  endpoint({
    method: "POST",
    path: "/orders/{orderId}/payments",
    operationId: "startPayment",
    tag: "Orders",
    summary: "Start paying with WeChat Pay",
    description: "JSAPI answers the signed parameters for getBrandWCPayRequest / wx.requestPayment; H5 answers a cashier URL. Asking again while unpaid reuses the same prepay.",
    auth: true,
    params: z.object({ orderId: id }),
    body: z.object({ tradeType: z.enum(["JSAPI", "H5"]).default("JSAPI") }),
    responses: { 200: { description: "How to pay.", schema: payResult }, 409: { description: "The order is not waiting for payment." } },
    handler: async ({ params, body, identity, req }) => {
      const clientIp = clientIpFrom(req.headers) ?? "127.0.0.1";
      const r = await startPayment(identity!.actor, (params as { orderId: string }).orderId, { tradeType: (body as { tradeType: "JSAPI" | "H5" }).tradeType, clientIp });
      return { status: 200, body: r };
    },
  }),
  endpoint({
    method: "POST",
    path: "/orders/{orderId}/cancel",
    operationId: "cancelOrder",
    tag: "Orders",
    summary: "Cancel an unpaid order (its stock goes back on sale)",
    auth: true,
    params: z.object({ orderId: id }),
    responses: { 200: { description: "Cancelled.", schema: orderSchema }, 409: { description: "Not unpaid (or just paid)." } },
    handler: async ({ params, identity }) => {
      const orderId = (params as { orderId: string }).orderId;
      await buyerCancelOrder(identity!.actor, orderId);
      return { status: 200, body: await oneOrder(identity!.actor, orderId) };
    },
  }),
];

export const STORE_API_WINDOW_MS = 60_000;

/**
 * Rate limits, in fixed one-minute windows: a buyer's requests per token, and requests without
 * a token per client address (browsing, signing in). Counted in each app instance's memory
 * (createLocalRateLimiter), not in the shared table: this is every buyer's every request, and
 * a database write each would cost a flash sale a third of its throughput (measured: 602 →
 * 375 orders/s with the caps beside it). So N instances allow up to N × the limit. Requests with
 * a token are not counted by address: buyers behind one NAT or proxy do not share a budget.
 */
const hitStoreApiLimit = createLocalRateLimiter();

function storeApiLimit(req: Request, identity: { tokenId: string } | null): RateLimitDecision | null {
  const e = env();
  if (identity) return hitStoreApiLimit(`token:${identity.tokenId}`, { limit: e.STORE_API_RATE_LIMIT_PER_MINUTE, windowMs: STORE_API_WINDOW_MS });
  const ip = clientIpFrom(req.headers);
  return ip ? hitStoreApiLimit(`ip:${ip}`, { limit: e.STORE_API_ADDRESS_RATE_LIMIT_PER_MINUTE, windowMs: STORE_API_WINDOW_MS }) : null;
}

const limitHeaders = new WeakMap<Request, Record<string, string>>();

export const storeApiRouter = createRouter({
  endpoints: storeApiEndpoints,
  authenticate: async (req) => {
    const identity = await verifyBearer(req.headers.get("authorization"), "BUYER");
    return identity?.actor?.role === "BUYER" ? identity : null;
  },
  before: async (req, identity) => {
    const decision = storeApiLimit(req, identity);
    if (!decision) return null;
    const headers = rateLimitHeaders(decision);
    if (!decision.allowed) {
      const who = identity ? "this token" : "this address";
      return jsonError(429, "RATE_LIMITED", `Too many requests from ${who}: ${decision.limit} per minute. Retry in ${decision.retryAfterSeconds} s.`, { details: { limit: decision.limit, retryAfterSeconds: decision.retryAfterSeconds } }, headers);
    }
    limitHeaders.set(req, headers);
    return null;
  },
});

/** Answers one Store API request (`path` after /api/store/v1), with the rate-limit headers of the budget it counted against. */
export async function handleStoreApi(req: Request, path: string): Promise<Response> {
  const res = await storeApiRouter.handle(req, path);
  for (const [k, v] of Object.entries(limitHeaders.get(req) ?? {})) res.headers.set(k, v);
  return res;
}
