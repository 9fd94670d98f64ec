-- CreateEnum
CREATE TYPE "StorePayBinding" AS ENUM ('UNBOUND', 'BINDING', 'BOUND', 'FAILED');

-- DropIndex
DROP INDEX "SandboxPayTransaction_mchid_outTradeNo_key";

-- DropIndex
DROP INDEX "SandboxPayRefund_mchid_outRefundNo_key";

-- AlterTable
ALTER TABLE "Store" ADD COLUMN     "payBinding" "StorePayBinding" NOT NULL DEFAULT 'UNBOUND',
ADD COLUMN     "payBindingError" TEXT,
ADD COLUMN     "payBoundAt" TIMESTAMP(3),
ADD COLUMN     "shareMaxRatioBps" INTEGER;

-- AlterTable
ALTER TABLE "SandboxPayTransaction" ADD COLUMN     "profitSharing" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "subAppid" TEXT,
ADD COLUMN     "subMchid" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "SandboxPayRefund" ADD COLUMN     "subMchid" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SandboxPaySubMerchant" (
    "spMchid" TEXT NOT NULL,
    "subMchid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "maxRatioBps" INTEGER NOT NULL DEFAULT 3000,
    "boundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxPaySubMerchant_pkey" PRIMARY KEY ("spMchid","subMchid")
);

-- CreateTable
CREATE TABLE "SandboxPayShareReceiver" (
    "spMchid" TEXT NOT NULL,
    "subMchid" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "relationType" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxPayShareReceiver_pkey" PRIMARY KEY ("spMchid","subMchid","account")
);

-- CreateIndex
CREATE UNIQUE INDEX "SandboxPayTransaction_mchid_subMchid_outTradeNo_key" ON "SandboxPayTransaction"("mchid", "subMchid", "outTradeNo");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxPayRefund_mchid_subMchid_outRefundNo_key" ON "SandboxPayRefund"("mchid", "subMchid", "outRefundNo");

-- Stores that were open before service-provider mode have never been checked as sub-merchants:
-- the binding sweep (lib/stores/payments.ts, bindPaymentsSweepJob) checks each within minutes.
UPDATE "Store" SET "payBinding" = 'BINDING' WHERE status IN ('APPROVED', 'SUSPENDED');
