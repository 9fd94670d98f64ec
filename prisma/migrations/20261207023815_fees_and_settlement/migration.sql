-- CreateEnum
CREATE TYPE "SettlementState" AS ENUM ('SHARING', 'UNFREEZING', 'SETTLED', 'FAILED');

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "feeRateBps" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "feeRateBps" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "subMchid" TEXT;

-- CreateTable
CREATE TABLE "FeeRate" (
    "scope" TEXT NOT NULL,
    "rateBps" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeeRate_pkey" PRIMARY KEY ("scope")
);

-- CreateTable
CREATE TABLE "Settlement" (
    "orderId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "subMchid" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "state" "SettlementState" NOT NULL,
    "paidFen" INTEGER NOT NULL,
    "refundedFen" INTEGER NOT NULL,
    "feeFen" INTEGER NOT NULL,
    "netFen" INTEGER NOT NULL,
    "outOrderNo" TEXT NOT NULL,
    "shareOrderId" TEXT,
    "sharedAt" TIMESTAMP(3),
    "feeReturnedFen" INTEGER NOT NULL DEFAULT 0,
    "failReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "settledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Settlement_pkey" PRIMARY KEY ("orderId")
);

-- CreateTable
CREATE TABLE "MoneyEvent" (
    "id" BIGSERIAL NOT NULL,
    "orderId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MoneyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxPayShareOrder" (
    "id" TEXT NOT NULL,
    "spMchid" TEXT NOT NULL,
    "subMchid" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "outOrderNo" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "unfreeze" BOOLEAN NOT NULL DEFAULT false,
    "unfreezeUnsplit" BOOLEAN NOT NULL DEFAULT false,
    "receivers" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SandboxPayShareOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxPayShareReturn" (
    "id" TEXT NOT NULL,
    "spMchid" TEXT NOT NULL,
    "subMchid" TEXT NOT NULL,
    "outOrderNo" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "outReturnNo" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "returnMchid" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "failReason" TEXT,
    "transactionId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishTime" TIMESTAMP(3),

    CONSTRAINT "SandboxPayShareReturn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Settlement_outOrderNo_key" ON "Settlement"("outOrderNo");

-- CreateIndex
CREATE INDEX "Settlement_state_nextAttemptAt_idx" ON "Settlement"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Settlement_storeId_settledAt_idx" ON "Settlement"("storeId", "settledAt");

-- CreateIndex
CREATE INDEX "Settlement_settledAt_idx" ON "Settlement"("settledAt");

-- CreateIndex
CREATE INDEX "MoneyEvent_orderId_id_idx" ON "MoneyEvent"("orderId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxPayShareOrder_orderId_key" ON "SandboxPayShareOrder"("orderId");

-- CreateIndex
CREATE INDEX "SandboxPayShareOrder_transactionId_idx" ON "SandboxPayShareOrder"("transactionId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxPayShareOrder_spMchid_subMchid_outOrderNo_key" ON "SandboxPayShareOrder"("spMchid", "subMchid", "outOrderNo");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxPayShareReturn_returnId_key" ON "SandboxPayShareReturn"("returnId");

-- CreateIndex
CREATE INDEX "SandboxPayShareReturn_transactionId_idx" ON "SandboxPayShareReturn"("transactionId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxPayShareReturn_spMchid_subMchid_outReturnNo_key" ON "SandboxPayShareReturn"("spMchid", "subMchid", "outReturnNo");

-- AddForeignKey
ALTER TABLE "Settlement" ADD CONSTRAINT "Settlement_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MoneyEvent" ADD CONSTRAINT "MoneyEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;
