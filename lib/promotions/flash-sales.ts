import "server-only";
// Flash sales (限时抢购) for sellers: schedule chosen SKUs at a lower price from a start to an
// end, stop one early, and see how each did. Buying at a sale price is checkout's business
// (lib/orders/checkout.ts reads the sale in force at the order's moment; ls_place_orders
// counts its units and per-buyer limit). The storefront reads prices through
// storefront-sales.ts; the start, end and sold-out notices are sale-jobs.ts.
import { requireStoreMember, type Actor } from "@/lib/auth/actor";
import { invalidate, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import { AppError, type FieldErrors } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/queue";
import { newId } from "@/lib/ids";
import { parseInput } from "@/lib/validation";
import { armSaleBoundaries } from "./sale-clock";
import { FLASH_SALE_LIMITS, flashSaleInput, percentOffPrice, type FlashSaleInput } from "./schemas";

export const SALE_START_QUEUE = "promotions.saleStart";
export const SALE_END_QUEUE = "promotions.saleEnd";
export const SALE_SOLD_OUT_QUEUE = "promotions.saleSoldOut";

/** Where a sale stands. */
export type FlashSalePhase = "SCHEDULED" | "RUNNING" | "ENDED" | "STOPPED";

export function flashSalePhase(s: { startsAt: Date; endsAt: Date; stoppedAt: Date | null }, now = new Date()): FlashSalePhase {
  if (s.stoppedAt) return "STOPPED";
  if (s.endsAt <= now) return "ENDED";
  return s.startsAt > now ? "SCHEDULED" : "RUNNING";
}

function invalid(fieldErrors: FieldErrors): AppError {
  return new AppError("VALIDATION", "Invalid input.", { fieldErrors });
}

/**
 * A seller schedules a flash sale for SKUs of their store. Each price must be below the SKU's
 * own; a SKU may be in one sale at a time (windows may not overlap). A start up to ten minutes
 * in the past means "now". Field errors name the SKU row (`skus.<i>.<field>`).
 */
export async function createFlashSale(actor: Actor | null, storeId: string, input: FlashSaleInput, now = new Date()): Promise<{ id: string }> {
  const seller = requireStoreMember(actor, storeId);
  const data = parseInput(flashSaleInput, input);
  if (data.startsAt.getTime() < now.getTime() - FLASH_SALE_LIMITS.startGraceMs) throw invalid({ startsAt: ["saleStartPast"] });
  if (data.startsAt.getTime() > now.getTime() + FLASH_SALE_LIMITS.maxLeadDays * 86_400_000) throw invalid({ startsAt: ["saleTooFarAhead"] });
  const startsAt = data.startsAt < now ? now : data.startsAt;
  const endsAt = data.endsAt;
  if (endsAt <= startsAt) throw invalid({ endsAt: ["saleEndBeforeStart"] });

  const id = newId();
  const itemIds = await db.$transaction(async (tx) => {
    // One store's sales are scheduled one at a time, so two at once cannot both take a SKU.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"flash-sales:" + storeId}))`;
    const skus = await tx.sku.findMany({
      where: { id: { in: data.skus.map((s) => s.skuId) }, storeId, active: true },
      select: { id: true, itemId: true, priceFen: true },
    });
    const byId = new Map(skus.map((s) => [s.id, s]));
    const errors: FieldErrors = {};
    const rows = data.skus.map((s, i) => {
      const sku = byId.get(s.skuId);
      if (!sku) {
        errors[`skus.${i}.skuId`] = ["saleSkuUnknown"];
        return null;
      }
      const priceFen = s.priceFen ?? percentOffPrice(sku.priceFen, data.percentOff!);
      if (priceFen >= sku.priceFen) errors[`skus.${i}.price`] = [data.percentOff ? "salePercentTooSmall" : "salePriceNotBelow"];
      return { id: newId(), saleId: id, storeId, itemId: sku.itemId, skuId: sku.id, priceFen, quantity: s.quantity };
    });
    const busy = await tx.flashSaleSku.findMany({
      where: { skuId: { in: skus.map((s) => s.id) }, sale: { startsAt: { lt: endsAt }, endsAt: { gt: startsAt } } },
      select: { skuId: true },
    });
    const busySkus = new Set(busy.map((b) => b.skuId));
    data.skus.forEach((s, i) => {
      if (busySkus.has(s.skuId)) errors[`skus.${i}.skuId`] = ["saleSkuOverlaps"];
    });
    if (Object.keys(errors).length) throw invalid(errors);
    await tx.flashSale.create({
      data: { id, storeId, name: data.name, startsAt, endsAt, percentOff: data.percentOff, perBuyerLimit: data.perBuyerLimit, createdById: seller.userId },
      select: { id: true },
    });
    await tx.flashSaleSku.createMany({ data: rows.filter((r) => r !== null) });
    // The notices, and a backstop for the storefront's cached prices (sale-clock.ts changes
    // them exactly on time on every instance; these run once, on one of them).
    await enqueue(tx, SALE_START_QUEUE, { saleId: id }, { runAt: startsAt, singletonKey: `flash-sale-start:${id}` });
    await enqueue(tx, SALE_END_QUEUE, { saleId: id }, { runAt: endsAt, singletonKey: `flash-sale-end:${id}` });
    return [...new Set(skus.map((s) => s.itemId))];
  });
  invalidate(tags.store(storeId), ...itemIds.map(tags.item), tags.flashSales());
  armSaleBoundaries([{ storeId, itemIds, at: startsAt }, { storeId, itemIds, at: endsAt }]);
  return { id };
}

/** Stops a sale now: from this moment its SKUs sell at their own prices (a sale not yet begun never begins). */
export async function stopFlashSale(actor: Actor | null, storeId: string, saleId: string): Promise<void> {
  requireStoreMember(actor, storeId);
  const sale = await db.flashSale.findFirst({ where: { id: saleId, storeId }, select: { id: true, skus: { select: { itemId: true } } } });
  if (!sale) throw new AppError("NOT_FOUND", "Flash sale not found");
  const stopped = await db.$executeRaw`
    UPDATE "FlashSale" SET "stoppedAt" = now(), "endsAt" = GREATEST("startsAt", LEAST("endsAt", now())), "updatedAt" = now()
     WHERE id = ${sale.id} AND "stoppedAt" IS NULL AND "endsAt" > now()`;
  if (!stopped) throw new AppError("INVALID_STATE", "This sale has already ended.", { details: { messageKey: "saleAlreadyEnded" } });
  const itemIds = [...new Set(sale.skus.map((s) => s.itemId))];
  invalidate(tags.store(storeId), ...itemIds.map(tags.item), tags.flashSales());
}

export interface SellerFlashSaleSku {
  skuId: string;
  itemId: string;
  itemTitle: string;
  specKey: string;
  /** The SKU's own price now. */
  listPriceFen: number;
  priceFen: number;
  quantity: number | null;
  /** Units in orders at the sale price that were not cancelled. */
  sold: number;
}

export interface SellerFlashSale {
  id: string;
  name: string;
  startsAt: Date;
  endsAt: Date;
  stoppedAt: Date | null;
  phase: FlashSalePhase;
  percentOff: number | null;
  perBuyerLimit: number | null;
  skus: SellerFlashSaleSku[];
  /** Paid orders' figures: units, what buyers paid for them (before any coupon), and what the sale took off. */
  paidUnits: number;
  paidFen: number;
  discountFen: number;
}

/** The store's sales, latest start first (or the one `saleId`, however old), each with its SKUs and how it sold. */
export async function listFlashSales(actor: Actor | null, storeId: string, now = new Date(), opts: { saleId?: string } = {}): Promise<SellerFlashSale[]> {
  requireStoreMember(actor, storeId);
  const sales = await db.flashSale.findMany({
    where: { storeId, ...(opts.saleId ? { id: opts.saleId } : {}) },
    select: {
      id: true,
      name: true,
      startsAt: true,
      endsAt: true,
      stoppedAt: true,
      percentOff: true,
      perBuyerLimit: true,
      skus: { select: { skuId: true, itemId: true, priceFen: true, quantity: true }, orderBy: { id: "asc" } },
    },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  if (!sales.length) return [];
  const ids = sales.map((s) => s.id);
  const skuIds = [...new Set(sales.flatMap((s) => s.skus.map((k) => k.skuId)))];
  const [skus, bySku, paid] = await Promise.all([
    db.sku.findMany({ where: { id: { in: skuIds }, storeId }, select: { id: true, specKey: true, priceFen: true, item: { select: { title: true } } } }),
    db.$queryRaw<{ saleId: string; skuId: string; units: number }[]>`
      SELECT l."flashSaleId" AS "saleId", l."skuId", SUM(l.quantity)::int AS units
        FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
       WHERE l."flashSaleId" = ANY(${ids}) AND o.status <> 'CANCELLED'
       GROUP BY 1, 2`,
    db.$queryRaw<{ saleId: string; units: number; paidFen: bigint; discountFen: bigint }[]>`
      SELECT l."flashSaleId" AS "saleId", SUM(l.quantity)::int AS units, SUM(l."lineTotalFen")::bigint AS "paidFen",
             SUM((l."listPriceFen" - l."unitPriceFen") * l.quantity)::bigint AS "discountFen"
        FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
       WHERE l."flashSaleId" = ANY(${ids}) AND o."paidAt" IS NOT NULL
       GROUP BY 1`,
  ]);
  const skuById = new Map(skus.map((s) => [s.id, s]));
  const units = new Map(bySku.map((r) => [`${r.saleId}:${r.skuId}`, r.units]));
  const paidBy = new Map(paid.map((r) => [r.saleId, r]));
  return sales.map(({ skus: saleSkus, ...s }) => {
    const p = paidBy.get(s.id);
    return {
      ...s,
      phase: flashSalePhase(s, now),
      skus: saleSkus.map((k) => {
        const sku = skuById.get(k.skuId);
        return { ...k, itemTitle: sku?.item.title ?? "", specKey: sku?.specKey ?? "", listPriceFen: sku?.priceFen ?? k.priceFen, sold: units.get(`${s.id}:${k.skuId}`) ?? 0 };
      }),
      paidUnits: p?.units ?? 0,
      paidFen: Number(p?.paidFen ?? 0),
      discountFen: Number(p?.discountFen ?? 0),
    };
  });
}

/** The SKUs of the store's chosen items a sale can be set for (the seller's form), in the order asked; unknown ids are left out. */
export async function saleableSkus(actor: Actor | null, storeId: string, itemIds: string[]) {
  requireStoreMember(actor, storeId);
  const ids = [...new Set(itemIds)].slice(0, 20);
  if (!ids.length) return [];
  const items = await db.item.findMany({
    where: { id: { in: ids }, storeId },
    select: { id: true, title: true, skus: { where: { active: true }, select: { id: true, specKey: true, priceFen: true, stock: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  const byId = new Map(items.map((i) => [i.id, i]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
