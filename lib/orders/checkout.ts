import "server-only";
// Checkout: one transaction creates the order (lines as sold, postage, protection terms),
// reserves every unit of stock through the guarded ledger update, and schedules the
// unpaid-order expiry. A retried submit with the same idempotency key returns the same
// order; the same key with a different request is refused.
import crypto from "node:crypto";
import { requireRole, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { batcher, READ_BATCH } from "@/lib/db/batch";
import { db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { Prisma } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import { AppError, type ErrorCode } from "@/lib/errors";
import { wake } from "@/lib/jobs/queue";
import type { OrderStatus, PostageMode } from "@/lib/db/generated/enums";
import { newId } from "@/lib/ids";
import { currentFeeRates, rateFor, type FeeRates } from "@/lib/payments/fee-rates";
import { couponForCheckout, type CheckoutCoupon } from "@/lib/promotions/checkout";
import { couponDiscount } from "@/lib/promotions/coupon-math";
import { currentProtectionTerms } from "@/lib/protection/terms";
import { parseInput } from "@/lib/validation";
import { getOwnAddress } from "./addresses";
import type { OrderForApi } from "./queries";
import { newOrderNo, outTradeNoFor } from "./numbers";
import { mergeLines, priceOrder } from "./pricing";
import { placeInBatch, type PlaceOutcome } from "./place-batch";
import { checkoutInput, type CheckoutInput } from "./schemas";

export interface PlacedOrder {
  id: string;
  orderNo: string;
  status: string;
  itemsFen: number;
  postageFen: number;
  discountFen: number;
  totalFen: number;
  payBy: Date;
  /** True when this call replayed an earlier identical submit. */
  replayed: boolean;
  /** The order as written, lines and all; only on the call that placed it (replays read it afresh). */
  placed?: OrderForApi;
  /** This order took some SKU's last unit (only on the call that placed it). */
  soldOut?: boolean;
}

export const EXPIRE_QUEUE = "order.expire";

function hashRequest(v: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(v)).digest("hex");
}

type Refusal = { code: ErrorCode; message: string; details: Record<string, unknown> | null };

/**
 * After a refusal: the order this key already placed, if any (a retry, or a twin submitted at
 * the same moment), given again; otherwise, with `remember`, the refusal is stored for the key
 * (see `rememberRefusals`). One statement for both: in a sold-out flash sale every buyer left
 * comes through here, so it should cost one round trip and no ORM work (Prisma's createMany
 * with a JSON body cost ~0.6 ms of CPU more than this).
 */
async function replayOrRemember(buyerId: string, key: string, requestHash: string, remember: { scope: string; status: number; refusal: Refusal } | null): Promise<PlacedOrder | null> {
  const [existing] = await db.$queryRaw<{ id: string; orderNo: string; status: OrderStatus; itemsFen: number; postageFen: number; discountFen: number; totalFen: number; payBy: Date; requestHash: string | null }[]>`
    WITH placed AS (
      SELECT id, "orderNo", status::text AS status, "itemsFen", "postageFen", "discountFen", "totalFen", "payBy", "requestHash"
        FROM "Order" WHERE "buyerId" = ${buyerId} AND "idempotencyKey" = ${key}
    ), remembered AS (
      INSERT INTO "IdempotencyRecord" (id, scope, key, "requestHash", status, body, "createdAt")
      SELECT ${newId()}, ${remember?.scope ?? null}::text, ${key}, ${requestHash}, ${remember?.status ?? 0}::int, ${JSON.stringify(remember?.refusal ?? null)}::jsonb, now()
       WHERE ${remember?.scope ?? null}::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM placed)
      ON CONFLICT (scope, key) DO NOTHING
    )
    SELECT * FROM placed`;
  if (!existing) return null;
  if (existing.requestHash !== requestHash) {
    throw new AppError("IDEMPOTENCY_MISMATCH", "This idempotency key was used for a different order.");
  }
  const { requestHash: _h, ...order } = existing;
  return { ...order, replayed: true };
}

/** Refusals remembered for `rememberRefusals`: what a later retry with the same key is answered. */
const REMEMBERED = new Set(["SOLD_OUT", "BUY_LIMIT", "STORE_NOT_OPEN", "COUPON_UNAVAILABLE", "PRICE_CHANGED", "UNPAID_LIMIT"]);
const replayedRefusals = new WeakSet<AppError>();

/** True for a refusal given again to a retry (see `rememberRefusals`), not decided afresh. */
export function isReplayedRefusal(e: unknown): e is AppError {
  return e instanceof AppError && replayedRefusals.has(e);
}

/**
 * Places an order once per idempotency key. With `rememberRefusals` (the Store API, whose
 * Idempotency-Key replays the first answer whatever it was) a refused submit is remembered
 * too, and a retry with the same key gets that refusal again even if stock has come back; the
 * web checkout leaves it off so a buyer can fix the cart and submit the same form again.
 */
export async function placeOrder(actor: Actor | null, input: CheckoutInput, opts: { rememberRefusals?: boolean } = {}): Promise<PlacedOrder> {
  const buyer = requireRole(actor, "BUYER");
  const data = parseInput(checkoutInput, input);
  const lines = mergeLines(data.lines).sort((a, b) => (a.skuId < b.skuId ? -1 : 1));
  const address = data.address ?? (await getOwnAddress(buyer.userId, data.addressId!));
  const shipTo = { recipient: address.recipient, phone: address.phone, province: address.province, city: address.city, district: address.district, addressDetail: address.detail };
  const couponClaimId = data.couponClaimId ?? null;
  const requestHash = hashRequest({ storeId: data.storeId, lines, shipTo, note: data.note ?? null, ...(couponClaimId ? { couponClaimId } : {}) });
  // Not part of the request's hash: a retry that was shown the new total is the same order.
  const expectedTotalFen = data.expectedTotalFen ?? null;

  // No lookup of the key up front (every order would pay for it): a retry of a placed order
  // is refused by ls_place_orders — as a duplicate of the key, or earlier on stock, buy limit
  // or a store that has since closed — and only then do we look for the order it placed.
  const refusalScope = opts.rememberRefusals ? `checkout-refusal:${buyer.userId}` : null;
  try {
    const params: OrderParams = { buyerId: buyer.userId, storeId: data.storeId, lines, shipTo, note: data.note, key: data.idempotencyKey, requestHash, refusalScope, couponClaimId, expectedTotalFen };
    let order: PlacedOrder | undefined;
    // A random order number can clash with an existing one: try again with a new one.
    for (let attempt = 1; !order; attempt++) {
      try {
        order = await createOrder(params);
      } catch (e) {
        if (attempt < 3 && isUniqueViolation(e, "orderNo")) continue;
        throw e;
      }
    }
    if (data.fromCart) {
      await db.cartLine.deleteMany({ where: { cart: { buyerId: buyer.userId, storeId: data.storeId }, skuId: { in: lines.map((l) => l.skuId) } } });
    }
    // The storefront's cached cards show only whether an item can still be bought, so an order
    // changes them only when it takes a SKU's last unit (invalidating on every order would empty
    // the store's cache all through a flash sale). Stock itself is always read live.
    if (order.soldOut) invalidate(tags.store(data.storeId));
    return order;
  } catch (e) {
    // The same submit arriving twice at once: the idempotency key's unique index lets one
    // through; the other waits for it, is refused as a duplicate and returns what it created.
    if (e instanceof DuplicateKey || (e instanceof AppError && RETRY_MAY_EXPLAIN.has(e.code))) {
      if (isReplayedRefusal(e)) throw e;
      const remember = refusalScope && e instanceof AppError && REMEMBERED.has(e.code) ? { scope: refusalScope, status: e.status, refusal: { code: e.code, message: e.message, details: e.details ?? null } } : null;
      const again = await replayOrRemember(buyer.userId, data.idempotencyKey, requestHash, remember);
      if (again) return again;
    }
    throw e;
  }
}

/** The refusal remembered for this key, given again; or a mismatch when the key came with another request. */
function refusalAgain(refused: { requestHash: string; body: Refusal }, requestHash: string): AppError {
  if (refused.requestHash !== requestHash) return new AppError("IDEMPOTENCY_MISMATCH", "This idempotency key was used for a different order.");
  const e = new AppError(refused.body.code, refused.body.message, refused.body.details ? { details: refused.body.details } : {});
  replayedRefusals.add(e);
  return e;
}

/** Refusals that a retry of an already-placed order runs into (its own order took the stock or the limit). */
const RETRY_MAY_EXPLAIN = new Set(["SOLD_OUT", "BUY_LIMIT", "STORE_NOT_OPEN", "NOT_FOUND", "COUPON_UNAVAILABLE", "PRICE_CHANGED", "UNPAID_LIMIT"]);

function soldOut(skuId: string, available: number, title: string) {
  return new AppError("SOLD_OUT", available > 0 ? `Only ${available} left.` : "Sold out.", {
    details: { skuId, available, title, messageKey: available > 0 ? "onlyNLeft" : "soldOutTitle", messageValues: { title, available } },
  });
}

export type OrderableRow = { storeStatus: string; payBinding: string; refused: { requestHash: string; body: Refusal } | null } & (
  | { id: null }
  | {
      id: string;
      active: boolean;
      priceFen: number;
      specKey: string;
      stock: number;
      itemId: string;
      itemStatus: string;
      categoryId: string;
      title: string;
      mainImageId: string | null;
      buyLimit: number | null;
      postageMode: PostageMode;
      postageFen: number;
      postageExtraFen: number;
      /** The flash sale in force for this SKU at the query's moment, if any (lib/promotions/flash-sales.ts). */
      saleSkuId: string | null;
      saleId: string | null;
      salePriceFen: number | null;
      /** Units at the sale price, and how many are taken; null quantity: no count. */
      saleQuantity: number | null;
      saleSold: number | null;
      salePerBuyerLimit: number | null;
    }
);

export interface OrderParams {
  buyerId: string;
  storeId: string;
  lines: { skuId: string; quantity: number }[];
  shipTo: { recipient: string; phone: string; province: string; city: string; district: string; addressDetail: string };
  note?: string;
  key: string;
  requestHash: string;
  /** Where refusals for this buyer's keys are remembered; null to not look. */
  refusalScope: string | null;
  /** The buyer's coupon for this order, if any. */
  couponClaimId?: string | null;
  /** The total the buyer was shown; the order is refused (PRICE_CHANGED) if it comes to another. */
  expectedTotalFen?: number | null;
}

export interface OrderableQuery {
  storeId: string;
  skuIds: string[];
  refusalScope: string | null;
  key: string;
  /** The moment whose prices apply (ISO; default: the database's now): a flash sale is in force at it or not. */
  at?: string;
}

/**
 * What an order needs to know before it is placed, for each of several orders in one
 * statement: the store's state and every SKU asked for with its item (no SKU rows when the
 * store has none of them; no row at all when the store does not exist), and the refusal
 * remembered for the key. Rows carry `n`, their query's index (see rowsByQuery). Exported for
 * the Prisma-overhead benchmark, which sends this same statement through plain pg.
 */
export function orderableStatement(queries: OrderableQuery[]) {
  return Prisma.sql`
    SELECT q.n, st.status::text AS "storeStatus", st."payBinding"::text AS "payBinding", x.*,
           (SELECT json_build_object('requestHash', r."requestHash", 'body', r.body) FROM "IdempotencyRecord" r
             WHERE r.scope = q."refusalScope" AND r.key = q.key) AS refused
      FROM jsonb_to_recordset(${JSON.stringify(queries.map((q, n) => ({ n, ...q })))}::jsonb)
             AS q(n int, "storeId" text, "skuIds" jsonb, "refusalScope" text, key text, at timestamptz)
      JOIN "Store" st ON st.id = q."storeId"
      LEFT JOIN LATERAL (
        SELECT s.id, s.active, s."priceFen", s."specKey", s.stock, s."itemId",
               i.status::text AS "itemStatus", i."categoryId", i.title, i."mainImageId", i."buyLimit", i."postageMode"::text AS "postageMode",
               i."postageFen", i."postageExtraFen",
               sale.id AS "saleSkuId", sale."saleId", sale."priceFen" AS "salePriceFen", sale.quantity AS "saleQuantity", sale.sold AS "saleSold",
               sale."perBuyerLimit" AS "salePerBuyerLimit"
          FROM "Sku" s JOIN "Item" i ON i.id = s."itemId"
          LEFT JOIN LATERAL (
            SELECT fs.id, fs."saleId", fs."priceFen", fs.quantity, fs.sold, f."perBuyerLimit"
              FROM "FlashSaleSku" fs JOIN "FlashSale" f ON f.id = fs."saleId"
             WHERE fs."skuId" = s.id AND f."startsAt" <= COALESCE(q.at, now()) AND f."endsAt" > COALESCE(q.at, now())
             ORDER BY fs."priceFen", fs.id LIMIT 1
          ) sale ON true
         WHERE s.id = ANY(ARRAY(SELECT jsonb_array_elements_text(q."skuIds"))) AND s."storeId" = st.id
      ) x ON true`;
}

/** orderableStatement's rows, split back into one list per query. */
export function rowsByQuery(queries: OrderableQuery[], rows: (OrderableRow & { n: number })[]): OrderableRow[][] {
  const byQuery = queries.map((): OrderableRow[] => []);
  for (const { n, ...row } of rows) byQuery[n].push(row as OrderableRow);
  return byQuery;
}

/** Orders read at the same moment share one statement (lib/db/batch.ts). */
const orderableRows = batcher(
  async (queries: OrderableQuery[]) => rowsByQuery(queries, await db.$queryRaw<(OrderableRow & { n: number })[]>(orderableStatement(queries))),
  READ_BATCH,
);

/**
 * Prices and snapshots the order from a plain (unlocked) read, then writes everything that
 * must be atomic — buy limits, guarded stock reservation, order, lines, ledger, expiry job —
 * in one statement (ls_place_orders, with whatever other orders are waiting: place-batch.ts),
 * so hot SKU rows are locked for no longer than the statement runs. Two round trips in all.
 */
async function createOrder(p: OrderParams): Promise<PlacedOrder> {
  // The order's moment, on this server's clock: the prices (a flash sale's or not) are those in
  // force at it, read for it, and ls_place_orders checks the sale against it again.
  const now = new Date();
  const [rows, feeRates, coupon] = await Promise.all([
    orderableRows({ storeId: p.storeId, skuIds: p.lines.map((l) => l.skuId), refusalScope: p.refusalScope, key: p.key, at: now.toISOString() }),
    currentFeeRates(),
    p.couponClaimId ? couponForCheckout(p.buyerId, p.storeId, p.couponClaimId) : null,
  ]);
  const prepared = prepareOrder(p, rows, now, feeRates, coupon);
  const outcome = await placeInBatch(prepared.payload);
  if (outcome.refused) throw refusalOf(outcome, prepared);
  // The statement queued a job to run now (a low-stock notice): this process's worker need not
  // wait for its next poll. Not for the expiry job alone, due only when the time to pay is up:
  // waking the worker for it made it poll the queue after nearly every order of a flash sale.
  if (outcome.dueNow) wake();
  const soldOut = outcome.soldOut;
  const { payload, payBy, createdAt } = prepared;
  const placed: OrderForApi = {
    id: payload.id,
    orderNo: payload.orderNo,
    status: "PENDING_PAYMENT",
    storeId: payload.storeId,
    itemsFen: payload.itemsFen,
    postageFen: payload.postageFen,
    discountFen: payload.discountFen,
    totalFen: payload.totalFen,
    refundedFen: 0,
    payBy,
    createdAt,
    paidAt: null,
    shippedAt: null,
    carrier: null,
    trackingNo: null,
    recipient: payload.recipient,
    phone: payload.phone,
    province: payload.province,
    city: payload.city,
    district: payload.district,
    addressDetail: payload.addressDetail,
    lines: payload.lines.map(({ id, itemId, skuId, title, specKey, imageId, unitPriceFen, quantity, lineTotalFen, discountFen }) => ({ id, itemId, skuId, title, specKey, imageId, unitPriceFen, quantity, lineTotalFen, discountFen })).sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
  return { id: placed.id, orderNo: placed.orderNo, status: placed.status, itemsFen: placed.itemsFen, postageFen: placed.postageFen, discountFen: placed.discountFen, totalFen: placed.totalFen, payBy, replayed: false, placed, soldOut };
}

/**
 * The order ls_place_orders is asked to write, from the rows read for it: refuses what is not
 * for sale or visibly sold out, prices the lines and postage, and snapshots each line as sold.
 * Pure, so the benchmark can build exactly the app's statement.
 */
export function prepareOrder(p: OrderParams, rows: OrderableRow[], now: Date, feeRates: FeeRates, coupon: CheckoutCoupon | null = null) {
  if (!rows.length) throw new AppError("NOT_FOUND", "Store not found");
  if (rows[0].refused) throw refusalAgain(rows[0].refused, p.requestHash);
  // In service-provider mode a store takes orders only once its sub-merchant is bound
  // (lib/stores/payments.ts): WeChat Pay would refuse its payments.
  const requireBound = env().WECHATPAY_MODE === "service_provider";
  if (rows[0].storeStatus !== "APPROVED" || (requireBound && rows[0].payBinding !== "BOUND")) throw new AppError("STORE_NOT_OPEN", "This store is not taking orders.");
  const byId = new Map(rows.flatMap((r) => (r.id === null ? [] : [[r.id, r] as const])));
  for (const l of p.lines) {
    const sku = byId.get(l.skuId);
    if (!sku || !sku.active || sku.itemStatus !== "ON_SALE") {
      throw new AppError("SOLD_OUT", "That item is no longer for sale.", { details: { skuId: l.skuId, messageKey: "itemUnavailable", title: sku?.title } });
    }
  }
  // Fast path for a sold-out flash sale: no point trying to reserve what is visibly gone.
  // (Only an optimisation: the locked check in ls_place_orders is what prevents overselling.)
  for (const l of p.lines) {
    const sku = byId.get(l.skuId)!;
    if (sku.stock < l.quantity) throw soldOut(l.skuId, sku.stock, sku.title);
  }

  const qtyByItem = new Map<string, number>();
  for (const l of p.lines) {
    const itemId = byId.get(l.skuId)!.itemId;
    qtyByItem.set(itemId, (qtyByItem.get(itemId) ?? 0) + l.quantity);
  }
  const itemsById = new Map([...byId.values()].map((s) => [s.itemId, s]));
  const limits = [...qtyByItem].flatMap(([itemId, quantity]) => {
    const limit = itemsById.get(itemId)!.buyLimit;
    return limit ? [{ itemId, limit, quantity }] : [];
  });
  // Each line at its flash-sale price when one is in force and has units left for it.
  const sales = new Map(p.lines.flatMap((l) => {
    const sale = salePriceOf(byId.get(l.skuId)!, l.quantity);
    return sale ? [[l.skuId, sale] as const] : [];
  }));
  const saleQty = new Map<string, { limit: number; quantity: number }>();
  for (const l of p.lines) {
    const sale = sales.get(l.skuId);
    if (!sale || sale.perBuyerLimit === null) continue;
    const prev = saleQty.get(sale.saleId);
    saleQty.set(sale.saleId, { limit: sale.perBuyerLimit, quantity: (prev?.quantity ?? 0) + l.quantity });
  }
  const saleLimits = [...saleQty].map(([saleId, v]) => ({ saleId, ...v }));
  const price = priceOrder(
    p.lines.map((l) => ({ skuId: l.skuId, itemId: byId.get(l.skuId)!.itemId, unitPriceFen: sales.get(l.skuId)?.priceFen ?? byId.get(l.skuId)!.priceFen, quantity: l.quantity })),
    [...itemsById.values()].map((it) => ({ itemId: it.itemId, postageMode: it.postageMode, postageFen: it.postageFen, postageExtraFen: it.postageExtraFen })),
  );

  // The coupon, checked against this order as priced (ls_place_orders checks again, under its
  // lock, that it is still the buyer's to use) and split over the lines it covers.
  const lineIds = price.lines.map(() => newId());
  let discount = { discountFen: 0, postageFen: 0, byLine: price.lines.map(() => 0) };
  if (p.couponClaimId) {
    if (!coupon || coupon.validFrom > now || coupon.validUntil <= now) throw couponUnavailable();
    const d = couponDiscount(coupon.terms, price.lines.map((l, i) => ({ key: lineIds[i], itemId: l.itemId, lineTotalFen: l.lineTotalFen })), price.postageFen);
    if (d.discountFen === 0) throw couponUnavailable(d.reason === "BELOW_THRESHOLD" ? "couponBelowThreshold" : "couponNotForTheseItems");
    discount = { discountFen: d.discountFen, postageFen: d.postageFen, byLine: d.lines.map((l) => l.discountFen) };
  }
  const totalFen = price.totalFen - discount.discountFen;
  if (p.expectedTotalFen != null && p.expectedTotalFen !== totalFen) throw priceChanged(totalFen);

  const payBy = new Date(now.getTime() + env().ORDER_PAYMENT_TIMEOUT);
  const orderNo = newOrderNo(now);
  const payload = {
    id: newId(),
    orderNo,
    outTradeNo: outTradeNoFor(orderNo),
    storeId: p.storeId,
    requireBound,
    buyerId: p.buyerId,
    itemsFen: price.itemsFen,
    postageFen: price.postageFen,
    couponClaimId: p.couponClaimId ?? null,
    discountFen: discount.discountFen,
    postageDiscountFen: discount.postageFen,
    totalFen,
    ...p.shipTo,
    buyerNote: p.note || null,
    protectionTerms: currentProtectionTerms(),
    // The platform's fee, frozen like the protection terms: postage at the platform rate, each
    // line at its category's (lib/payments/fee-rates.ts; charged at settlement, lib/payments/fees.ts).
    feeRateBps: feeRates.platformBps,
    idempotencyKey: p.key,
    requestHash: p.requestHash,
    payBy: payBy.toISOString(),
    createdAt: now.toISOString(),
    limits,
    saleLimits,
    unpaidCaps: { orders: env().MAX_UNPAID_ORDERS_PER_STORE, units: env().MAX_UNPAID_UNITS_PER_SKU },
    lines: price.lines.map((l, i) => {
      const sku = byId.get(l.skuId)!;
      const sale = sales.get(l.skuId);
      return {
        id: lineIds[i], itemId: sku.itemId, skuId: sku.id, title: sku.title, specKey: sku.specKey, imageId: sku.mainImageId, unitPriceFen: l.unitPriceFen, quantity: l.quantity, lineTotalFen: l.lineTotalFen, discountFen: discount.byLine[i], feeRateBps: rateFor(feeRates, sku.categoryId),
        flashSaleId: sale?.saleId ?? null, flashSaleSkuId: sale?.saleSkuId ?? null, listPriceFen: sale ? sku.priceFen : null, saleCapped: sale?.capped ?? false,
      };
    }),
  };
  const titleOfSku = (skuId: string) => byId.get(skuId)?.title ?? "";
  const titleOfItem = (itemId: string) => itemsById.get(itemId)?.title ?? "";
  return { payload, payBy, createdAt: now, titleOfSku, titleOfItem };
}

/** What ls_place_orders' refusal of this order means for the buyer. */
function refusalOf(r: Extract<PlaceOutcome, { refused: string }>, o: { titleOfSku: (id: string) => string; titleOfItem: (id: string) => string }): Error {
  const d = r.detail;
  switch (r.refused) {
    case "SOLD_OUT": {
      const skuId = String(d.skuId ?? "");
      return soldOut(skuId, Number(d.available ?? 0), o.titleOfSku(skuId));
    }
    case "BUY_LIMIT": {
      const itemId = String(d.itemId ?? "");
      const limit = Number(d.limit ?? 0);
      const already = Number(d.already ?? 0);
      const title = o.titleOfItem(itemId);
      return new AppError("BUY_LIMIT", `You can buy at most ${limit} of this item.`, {
        details: { itemId, limit, already, title, messageKey: "buyLimit", messageValues: { limit, already, title } },
      });
    }
    case "SALE_LIMIT": {
      const limit = Number(d.limit ?? 0);
      const already = Number(d.already ?? 0);
      return new AppError("BUY_LIMIT", `You can buy at most ${limit} at the sale price.`, {
        details: { saleId: String(d.saleId ?? ""), limit, already, messageKey: "saleLimit", messageValues: { limit, already } },
      });
    }
    case "SALE_SOLD_OUT": {
      const skuId = String(d.skuId ?? "");
      const title = o.titleOfSku(skuId);
      const available = Number(d.available ?? 0);
      return new AppError("PRICE_CHANGED", available > 0 ? `Only ${available} left at the sale price.` : "The sale price has ended or run out; the order would cost more now.", {
        details: { skuId, available, title, messageKey: available > 0 ? "saleOnlyNLeft" : "saleEnded", messageValues: { title, available } },
      });
    }
    case "UNPAID_LIMIT": {
      const limit = Number(d.limit ?? 0);
      if (d.kind === "units") {
        const skuId = String(d.skuId ?? "");
        const title = o.titleOfSku(skuId);
        return new AppError("UNPAID_LIMIT", `You may hold at most ${limit} unpaid units of this; pay or cancel those orders first.`, {
          details: { skuId, limit, already: Number(d.already ?? 0), title, messageKey: "unpaidUnitsLimit", messageValues: { limit, title } },
        });
      }
      return new AppError("UNPAID_LIMIT", `You have ${limit} unpaid orders in this store; pay or cancel one first.`, { details: { limit, messageKey: "unpaidOrdersLimit", messageValues: { limit } } });
    }
    case "STORE_NOT_OPEN":
      return new AppError("STORE_NOT_OPEN", "This store is not taking orders.");
    case "COUPON_UNAVAILABLE":
      return couponUnavailable();
    case "DUPLICATE":
      return new DuplicateKey();
  }
}

/**
 * The SKU's flash-sale price for `quantity` units, when a sale is in force, is lower than its
 * own price (a seller may have lowered that since), and has units left for them. Units counted
 * (`capped`) are checked again and taken under lock by ls_place_orders.
 */
function salePriceOf(sku: Extract<OrderableRow, { id: string }>, quantity: number) {
  if (!sku.saleSkuId || !sku.saleId || sku.salePriceFen === null || sku.salePriceFen >= sku.priceFen) return null;
  const capped = sku.saleQuantity !== null;
  if (capped && (sku.saleSold ?? 0) >= sku.saleQuantity!) return null; // all gone: the normal price, as the storefront shows
  if (capped && (sku.saleSold ?? 0) + quantity > sku.saleQuantity!) {
    const available = sku.saleQuantity! - (sku.saleSold ?? 0);
    throw new AppError("PRICE_CHANGED", `Only ${available} left at the sale price.`, { details: { skuId: sku.id, available, title: sku.title, messageKey: "saleOnlyNLeft", messageValues: { title: sku.title, available } } });
  }
  return { saleSkuId: sku.saleSkuId, saleId: sku.saleId, priceFen: sku.salePriceFen, perBuyerLimit: sku.salePerBuyerLimit, capped };
}

function priceChanged(totalFen: number): AppError {
  return new AppError("PRICE_CHANGED", "The price of this order has changed; check the new total and place it again.", { details: { totalFen, messageKey: "priceChanged" } });
}

function couponUnavailable(messageKey = "couponUnavailable"): AppError {
  return new AppError("COUPON_UNAVAILABLE", "That coupon cannot be used for this order.", { details: { messageKey } });
}

/** The buyer already has an order with this idempotency key: a retry, or a twin submitted at the same moment. */
class DuplicateKey extends Error {
  constructor() {
    super("An order with this idempotency key exists.");
  }
}
