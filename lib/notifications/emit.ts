import "server-only";
// Notifications raised by store onboarding and the stock ledger, each created in the
// transaction of the change it reports (the callers are lib/stores/* and lib/catalog/stock.ts).
import { parseSpecKey } from "@/lib/catalog/sku-matrix";
import type { Tx } from "@/lib/db/client";
import type { StockReason } from "@/lib/db/generated/enums";
import { notifyAdmins, notifyStore } from "./notify";
import { links } from "./paths";

/** An admin approved or rejected a store's application: its members hear the outcome. */
export async function notifyApplicationOutcome(tx: Tx, storeId: string, outcome: "APPROVED" | "REJECTED", reason?: string | null): Promise<void> {
  const store = await tx.store.findUniqueOrThrow({ where: { id: storeId }, select: { name: true } });
  await notifyStore(tx, storeId, {
    kind: "STORE_APPLICATION_OUTCOME",
    params: { storeName: store.name, outcome, reason: reason ?? "" },
    link: links.sellerStore(storeId),
    subject: { type: "store", id: storeId },
  });
}

/** WeChat Pay refused the store's sub-merchant binding: its members and the admins hear why. */
export async function notifyPaymentsFailed(tx: Tx, storeId: string, reason: string): Promise<void> {
  const store = await tx.store.findUniqueOrThrow({ where: { id: storeId }, select: { name: true } });
  await notifyStore(tx, storeId, { kind: "STORE_PAYMENTS_FAILED", params: { storeName: store.name, reason }, link: links.sellerStore(storeId), subject: { type: "store", id: storeId } });
  await notifyAdmins(tx, { kind: "ADMIN_STORE_PAYMENTS_FAILED", params: { storeName: store.name, reason }, link: links.adminStore(storeId), subject: { type: "store", id: storeId } });
}

/** A completed order's money reached the store (lib/payments/settlement.ts). */
export async function notifyFundsSettled(tx: Tx, e: { storeId: string; orderId: string; orderNo: string; amountFen: number }): Promise<void> {
  await notifyStore(tx, e.storeId, { kind: "FUNDS_SETTLED", params: { orderNo: e.orderNo, amountFen: e.amountFen }, link: links.sellerFunds(e.storeId), subject: { type: "order", id: e.orderId } });
}

/** A seller applied (or, after a rejection, applied again): admins have one to review. */
export async function notifyNewApplication(tx: Tx, storeId: string, opts: { resubmitted: boolean }): Promise<void> {
  const store = await tx.store.findUniqueOrThrow({ where: { id: storeId }, select: { name: true } });
  await notifyAdmins(tx, {
    kind: "ADMIN_NEW_APPLICATION",
    params: { storeName: store.name, resubmitted: opts.resubmitted ? "yes" : "no" },
    link: links.adminStore(storeId),
    subject: { type: "store", id: storeId },
  });
}

/**
 * A SKU's stock just fell to the low-stock threshold or below (the caller checked the
 * crossing with isLowStockCrossing). A member who set it there by hand is not told.
 */
export async function notifyLowStock(tx: Tx, e: { storeId: string; skuId: string; itemId: string; stock: number; reason: StockReason; actorId?: string | null }): Promise<void> {
  const sku = await tx.sku.findUniqueOrThrow({ where: { id: e.skuId }, select: { specKey: true, item: { select: { title: true } } } });
  const spec = Object.values(parseSpecKey(sku.specKey)).join(" / ");
  await notifyStore(
    tx,
    e.storeId,
    {
      kind: "LOW_STOCK",
      params: { itemTitle: sku.item.title, spec, stock: e.stock },
      link: links.sellerStock(e.storeId, e.itemId, e.skuId),
      subject: { type: "sku", id: e.skuId },
    },
    { except: e.reason === "MANUAL_ADJUSTMENT" ? [e.actorId] : [] },
  );
}
