import "server-only";
// A flash sale's notices to its store — started, ended, a SKU's units at the sale price all
// taken — each sent once (the sale's *NotifiedAt columns, set in the same transaction), and
// the storefront's cached pages of the sale's items expired on every instance. The exact
// moment is the sale clock's job (sale-clock.ts); this is the backstop should an instance's
// timer not have fired (it started after the moment, say).
import { parseSpecKey } from "@/lib/catalog/sku-matrix";
import { invalidate, tags } from "@/lib/cache";
import { db } from "@/lib/db/client";
import type { JobResult } from "@/lib/jobs/worker";
import { notifyStore } from "@/lib/notifications/notify";
import { links } from "@/lib/notifications/paths";

type SaleRef = { saleId?: string };

async function expireSalePages(saleId: string) {
  const sale = await db.flashSale.findUnique({ where: { id: saleId }, select: { storeId: true, skus: { select: { itemId: true } } } });
  if (sale) invalidate(tags.store(sale.storeId), ...[...new Set(sale.skus.map((s) => s.itemId))].map(tags.item));
}

export async function saleStartJob(payload: unknown): Promise<JobResult> {
  const { saleId } = payload as SaleRef;
  if (!saleId) return;
  const sale = await db.flashSale.findUnique({ where: { id: saleId }, select: { startsAt: true, endsAt: true } });
  if (!sale) return;
  if (sale.startsAt.getTime() > Date.now()) return { rescheduleAt: sale.startsAt };
  await expireSalePages(saleId);
  await db.$transaction(async (tx) => {
    // Stopped before it began (its window is empty): nothing started.
    const [s] = await tx.$queryRaw<{ storeId: string; name: string }[]>`
      UPDATE "FlashSale" SET "startNotifiedAt" = now() WHERE id = ${saleId} AND "startNotifiedAt" IS NULL AND "endsAt" > "startsAt"
      RETURNING "storeId", name`;
    if (!s) return;
    await notifyStore(tx, s.storeId, { kind: "FLASH_SALE_STARTED", params: { saleName: s.name }, link: links.sellerFlashSales(s.storeId), subject: { type: "flashSale", id: saleId } });
  });
}

export async function saleEndJob(payload: unknown): Promise<JobResult> {
  const { saleId } = payload as SaleRef;
  if (!saleId) return;
  const sale = await db.flashSale.findUnique({ where: { id: saleId }, select: { endsAt: true, stoppedAt: true } });
  if (!sale) return;
  if (sale.endsAt.getTime() > Date.now()) return { rescheduleAt: sale.endsAt };
  await expireSalePages(saleId);
  // Stopped by the seller: they know.
  if (sale.stoppedAt) return;
  await db.$transaction(async (tx) => {
    const [s] = await tx.$queryRaw<{ storeId: string; name: string }[]>`
      UPDATE "FlashSale" SET "endNotifiedAt" = now() WHERE id = ${saleId} AND "endNotifiedAt" IS NULL RETURNING "storeId", name`;
    if (!s) return;
    const [paid] = await tx.$queryRaw<{ units: number }[]>`
      SELECT COALESCE(SUM(l.quantity), 0)::int AS units FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
       WHERE l."flashSaleId" = ${saleId} AND o."paidAt" IS NOT NULL`;
    await notifyStore(tx, s.storeId, { kind: "FLASH_SALE_ENDED", params: { saleName: s.name, paidUnits: paid?.units ?? 0 }, link: links.sellerFlashSales(s.storeId), subject: { type: "flashSale", id: saleId } });
  });
}

/** Enqueued by ls_place_orders (prisma/sql/20-checkout.sql) when an order takes a SKU's last unit at the sale price. */
export async function saleSoldOutJob(payload: unknown): Promise<JobResult> {
  const { flashSaleSkuId } = payload as { flashSaleSkuId?: string };
  if (!flashSaleSkuId) return;
  const row = await db.flashSaleSku.findUnique({ where: { id: flashSaleSkuId }, select: { saleId: true, skuId: true, storeId: true, quantity: true, sold: true, sale: { select: { name: true } } } });
  // An unpaid order cancelled since gave units back: not sold out after all.
  if (!row || row.quantity === null || row.sold < row.quantity) return;
  const sku = await db.sku.findUnique({ where: { id: row.skuId }, select: { specKey: true, item: { select: { title: true } } } });
  await db.$transaction(async (tx) => {
    await notifyStore(tx, row.storeId, {
      kind: "FLASH_SALE_SOLD_OUT",
      params: { saleName: row.sale.name, itemTitle: sku?.item.title ?? "", spec: sku ? Object.values(parseSpecKey(sku.specKey)).join(" / ") : "" },
      link: links.sellerFlashSales(row.storeId),
      subject: { type: "flashSaleSku", id: flashSaleSkuId },
    });
  });
}
