-- CreateEnum
CREATE TYPE "CouponKind" AS ENUM ('THRESHOLD', 'PERCENT', 'AMOUNT');

-- CreateEnum
CREATE TYPE "CouponAudience" AS ENUM ('PUBLIC', 'TARGETED');

-- CreateEnum
CREATE TYPE "CouponStatus" AS ENUM ('ACTIVE', 'STOPPED');

-- CreateEnum
CREATE TYPE "CouponClaimStatus" AS ENUM ('AVAILABLE', 'LOCKED', 'USED', 'VOID');

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "couponClaimId" TEXT,
ADD COLUMN     "discountFen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "postageDiscountFen" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "discountFen" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Coupon" (
    "id" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CouponKind" NOT NULL,
    "amountOffFen" INTEGER,
    "thresholdFen" INTEGER NOT NULL DEFAULT 0,
    "percentOff" INTEGER,
    "capFen" INTEGER,
    "itemIds" TEXT[],
    "coversPostage" BOOLEAN NOT NULL DEFAULT false,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "validDays" INTEGER,
    "totalQuantity" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "perBuyerLimit" INTEGER NOT NULL DEFAULT 1,
    "audience" "CouponAudience" NOT NULL DEFAULT 'PUBLIC',
    "status" "CouponStatus" NOT NULL DEFAULT 'ACTIVE',
    "stoppedAt" TIMESTAMP(3),
    "voidedClaims" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Coupon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CouponClaim" (
    "id" TEXT NOT NULL,
    "couponId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "status" "CouponClaimStatus" NOT NULL DEFAULT 'AVAILABLE',
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "orderId" TEXT,
    "source" TEXT NOT NULL DEFAULT 'CLAIMED',
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "CouponClaim_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Coupon_storeId_status_endsAt_idx" ON "Coupon"("storeId", "status", "endsAt");

-- CreateIndex
CREATE INDEX "CouponClaim_couponId_buyerId_idx" ON "CouponClaim"("couponId", "buyerId");

-- CreateIndex
CREATE INDEX "CouponClaim_buyerId_storeId_status_idx" ON "CouponClaim"("buyerId", "storeId", "status");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_couponClaimId_fkey" FOREIGN KEY ("couponClaimId") REFERENCES "CouponClaim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Coupon" ADD CONSTRAINT "Coupon_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponClaim" ADD CONSTRAINT "CouponClaim_couponId_fkey" FOREIGN KEY ("couponId") REFERENCES "Coupon"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CouponClaim" ADD CONSTRAINT "CouponClaim_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
