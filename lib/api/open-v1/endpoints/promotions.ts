import "server-only";
// Promotions: store coupons (优惠券) and flash sales (限时抢购), through the same domain
// functions as the seller's pages (lib/promotions).
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { createCoupon, listCouponClaims, listStoreCoupons, stopCoupon, type SellerCoupon } from "@/lib/promotions/coupons";
import { createFlashSale, listFlashSales, stopFlashSale, type SellerFlashSale } from "@/lib/promotions/flash-sales";
import { endpoint, type Endpoint } from "../../endpoint";
import { couponBody, couponClaimSchema, couponParams, couponSchema, flashSaleBody, flashSaleParams, flashSaleSchema, stopCouponBody } from "../promotion-schemas";
import { caller, idempotent } from "../support";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function couponJson(c: SellerCoupon) {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    amountOffFen: c.amountOffFen,
    thresholdFen: c.thresholdFen,
    percentOff: c.percentOff,
    capFen: c.capFen,
    productIds: c.itemIds,
    coversPostage: c.coversPostage,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    validDays: c.validDays,
    totalQuantity: c.totalQuantity,
    remaining: c.remaining,
    perBuyerLimit: c.perBuyerLimit,
    audience: c.audience,
    status: c.status,
    phase: c.phase,
    claimed: c.claimed,
    used: c.used,
  };
}

function saleJson(s: SellerFlashSale) {
  return {
    id: s.id,
    name: s.name,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    stoppedAt: iso(s.stoppedAt),
    phase: s.phase,
    percentOff: s.percentOff,
    perBuyerLimit: s.perBuyerLimit,
    skus: s.skus.map((k) => ({ skuId: k.skuId, productId: k.itemId, priceFen: k.priceFen, listPriceFen: k.listPriceFen, quantity: k.quantity, sold: k.sold })),
    paidUnits: s.paidUnits,
    paidFen: s.paidFen,
    discountFen: s.discountFen,
  };
}

/** Field errors in the API's names: amountOff → amountOffFen, itemIds → productIds, skus.0.price → skus.0.priceFen. */
async function apiFieldNames<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof AppError) || !e.fieldErrors) throw e;
    const names: Record<string, string> = { amountOff: "amountOffFen", threshold: "thresholdFen", cap: "capFen", itemIds: "productIds" };
    const rename = (k: string) => names[k] ?? k.replace(/^(skus\.\d+)\.price$/, "$1.priceFen");
    throw new AppError(e.code, e.message, { fieldErrors: Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [rename(k), v])), details: e.details });
  }
}

async function ownCoupon(ctx: Parameters<typeof caller>[0], couponId: string) {
  const { actor, storeId } = caller(ctx);
  // Only that one: a store's 201st coupon, stopped, must not answer 404.
  const [c] = await listStoreCoupons(actor, storeId, new Date(), { couponId });
  if (!c) throw new AppError("NOT_FOUND", "Coupon not found");
  return c;
}

async function ownSale(ctx: Parameters<typeof caller>[0], saleId: string) {
  const { actor, storeId } = caller(ctx);
  const [s] = await listFlashSales(actor, storeId, new Date(), { saleId });
  if (!s) throw new AppError("NOT_FOUND", "Flash sale not found");
  return s;
}

export const promotionEndpoints: Endpoint[] = [
  endpoint({
    method: "GET",
    path: "/coupons",
    operationId: "listCoupons",
    tag: "Promotions",
    summary: "List the store's coupons",
    description: "Newest first (the latest 200), each with how many were claimed and used.",
    auth: true,
    responses: { 200: { description: "The coupons.", schema: z.object({ coupons: z.array(couponSchema) }) } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      return { status: 200, body: { coupons: (await listStoreCoupons(actor, storeId)).map(couponJson) } };
    },
  }),
  endpoint({
    method: "POST",
    path: "/coupons",
    operationId: "createCoupon",
    tag: "Promotions",
    summary: "Create a coupon",
    description: "A store coupon as on the seller's coupons page. Bad terms get field errors (a threshold at or below the amount off, a percent above 99, an end before the start).",
    auth: true,
    idempotencyKey: "optional",
    body: couponBody,
    responses: { 201: { description: "Created.", schema: couponSchema }, 422: { description: "VALIDATION with fieldErrors." } },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const b = ctx.body as z.output<typeof couponBody>;
        const productIds = b.productIds ?? [];
        const { id } = await apiFieldNames(() =>
          createCoupon(actor, storeId, {
            name: b.name,
            kind: b.kind,
            amountOff: b.amountOffFen,
            threshold: b.thresholdFen,
            percentOff: b.percentOff,
            cap: b.capFen,
            scope: productIds.length ? "ITEMS" : "STORE",
            itemIds: productIds,
            coversPostage: b.coversPostage ?? false,
            startsAt: b.startsAt,
            endsAt: b.endsAt,
            validDays: b.validDays,
            totalQuantity: b.totalQuantity,
            perBuyerLimit: b.perBuyerLimit ?? 1,
            audience: b.audience ?? "PUBLIC",
          }),
        );
        return { status: 201, body: couponJson(await ownCoupon(ctx, id)) };
      }),
  }),
  endpoint({
    method: "POST",
    path: "/coupons/{couponId}/stop",
    operationId: "stopCoupon",
    tag: "Promotions",
    summary: "Stop a coupon early",
    description: "No more claims. Copies already claimed stay usable unless voidClaimed.",
    auth: true,
    idempotencyKey: "optional",
    params: couponParams,
    body: stopCouponBody,
    responses: { 200: { description: "Stopped.", schema: couponSchema }, 404: { description: "No such coupon in this store." }, 409: { description: "INVALID_STATE: already stopped." } },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const { couponId } = ctx.params as z.output<typeof couponParams>;
        await stopCoupon(actor, storeId, { couponId, voidClaimed: (ctx.body as z.output<typeof stopCouponBody>).voidClaimed ?? false });
        return { status: 200, body: couponJson(await ownCoupon(ctx, couponId)) };
      }),
  }),
  endpoint({
    method: "GET",
    path: "/coupons/{couponId}/claims",
    operationId: "listCouponClaims",
    tag: "Promotions",
    summary: "List a coupon's claimed copies",
    description: "The latest 500, newest first: who holds each, and whether it was used (and by which order).",
    auth: true,
    params: couponParams,
    responses: { 200: { description: "The copies.", schema: z.object({ claims: z.array(couponClaimSchema) }) }, 404: { description: "No such coupon in this store." } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      const { couponId } = ctx.params as z.output<typeof couponParams>;
      const claims = await listCouponClaims(actor, storeId, couponId, { take: 500 });
      return {
        status: 200,
        body: { claims: claims.map((c) => ({ ...c, claimedAt: c.claimedAt.toISOString(), validFrom: c.validFrom.toISOString(), validUntil: c.validUntil.toISOString(), usedAt: iso(c.usedAt) })) },
      };
    },
  }),
  endpoint({
    method: "GET",
    path: "/flash-sales",
    operationId: "listFlashSales",
    tag: "Promotions",
    summary: "List the store's flash sales",
    description: "Latest start first (the latest 100), each with its SKUs, units taken and paid, and what it took off.",
    auth: true,
    responses: { 200: { description: "The sales.", schema: z.object({ flashSales: z.array(flashSaleSchema) }) } },
    handler: async (ctx) => {
      const { actor, storeId } = caller(ctx);
      return { status: 200, body: { flashSales: (await listFlashSales(actor, storeId)).map(saleJson) } };
    },
  }),
  endpoint({
    method: "POST",
    path: "/flash-sales",
    operationId: "createFlashSale",
    tag: "Promotions",
    summary: "Schedule a flash sale",
    description:
      "SKUs of the store at a lower price from startsAt to endsAt: each at its priceFen, or all at percentOff. An order pays the price in force when it is placed. A SKU is in one sale at a time; a sale price at or above the SKU's own is refused (field errors name skus.<i>).",
    auth: true,
    idempotencyKey: "optional",
    body: flashSaleBody,
    responses: { 201: { description: "Scheduled.", schema: flashSaleSchema }, 422: { description: "VALIDATION with fieldErrors." } },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const b = ctx.body as z.output<typeof flashSaleBody>;
        const { id } = await apiFieldNames(() =>
          createFlashSale(actor, storeId, {
            name: b.name,
            startsAt: b.startsAt,
            endsAt: b.endsAt,
            mode: b.percentOff ? "PERCENT" : "PRICE",
            percentOff: b.percentOff,
            perBuyerLimit: b.perBuyerLimit,
            skus: b.skus.map((k) => ({ skuId: k.skuId, price: k.priceFen, quantity: k.quantity })),
          }),
        );
        return { status: 201, body: saleJson(await ownSale(ctx, id)) };
      }),
  }),
  endpoint({
    method: "POST",
    path: "/flash-sales/{flashSaleId}/stop",
    operationId: "stopFlashSale",
    tag: "Promotions",
    summary: "Stop a flash sale now",
    description: "From this moment its SKUs sell at their own prices; a sale not yet begun never begins.",
    auth: true,
    idempotencyKey: "optional",
    params: flashSaleParams,
    responses: { 200: { description: "Stopped.", schema: flashSaleSchema }, 404: { description: "No such sale in this store." }, 409: { description: "INVALID_STATE: it has already ended." } },
    handler: async (ctx) =>
      idempotent(ctx, async () => {
        const { actor, storeId } = caller(ctx);
        const { flashSaleId } = ctx.params as z.output<typeof flashSaleParams>;
        await stopFlashSale(actor, storeId, flashSaleId);
        return { status: 200, body: saleJson(await ownSale(ctx, flashSaleId)) };
      }),
  }),
];
