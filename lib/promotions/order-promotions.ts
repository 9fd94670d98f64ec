import "server-only";
// What an order's promotions do when the order moves, in the transition's transaction
// (lib/orders/hooks.ts): its coupon is used when paid, and goes back to the buyer when it is
// cancelled or expires unpaid (or is voided, when the seller stopped the coupon and voided its
// copies); the units it took at a counted flash-sale price go back to the sale.
import type { Tx } from "@/lib/db/client";

export async function onOrderCouponTransition(tx: Tx, e: { orderId: string; transition: string; couponClaimId: string | null }) {
  if (!e.couponClaimId) return;
  if (e.transition === "PAY") {
    await tx.$executeRaw`UPDATE "CouponClaim" SET status = 'USED', "usedAt" = now() WHERE id = ${e.couponClaimId} AND "orderId" = ${e.orderId} AND status = 'LOCKED'`;
  } else if (e.transition === "CANCEL") {
    await tx.$executeRaw`
      UPDATE "CouponClaim" c SET status = CASE WHEN k."voidedClaims" THEN 'VOID'::"CouponClaimStatus" ELSE 'AVAILABLE'::"CouponClaimStatus" END, "orderId" = NULL
        FROM "Coupon" k
       WHERE c.id = ${e.couponClaimId} AND c."orderId" = ${e.orderId} AND c.status = 'LOCKED' AND k.id = c."couponId"`;
  }
}

/**
 * An unpaid order cancelled or expired gives back the units it took at a counted flash-sale
 * price (its stock comes back through lib/catalog/stock.ts). Paid orders keep them, refunded
 * or not: the sale sold them.
 */
export async function releaseSaleUnits(tx: Tx, orderId: string) {
  await tx.$executeRaw`
    UPDATE "FlashSaleSku" fs SET sold = fs.sold - l.quantity
      FROM "OrderLine" l
     WHERE l."orderId" = ${orderId} AND l."flashSaleSkuId" = fs.id AND fs.quantity IS NOT NULL`;
}
