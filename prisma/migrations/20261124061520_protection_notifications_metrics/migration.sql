-- CreateEnum
CREATE TYPE "AfterSaleType" AS ENUM ('REFUND_ONLY', 'RETURN_AND_REFUND');

-- CreateEnum
CREATE TYPE "AfterSaleStatus" AS ENUM ('AWAITING_SELLER', 'OFFER_PENDING', 'AWAITING_RETURN', 'RETURN_SHIPPED', 'REFUNDING', 'REFUNDED', 'REFUND_FAILED', 'REJECTED', 'ESCALATED', 'WITHDRAWN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('OPEN', 'AWAITING_EVIDENCE', 'SETTLED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ComplaintOutcome" AS ENUM ('FULL_REFUND', 'PARTIAL_REFUND', 'REJECTED');

-- AlterTable
ALTER TABLE "Store" ADD COLUMN     "returnAddress" TEXT,
ADD COLUMN     "returnPhone" TEXT,
ADD COLUMN     "returnRecipient" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "openCases" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "refundedFen" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Refund" ADD COLUMN     "afterSaleId" TEXT;

-- CreateTable
CREATE TABLE "AfterSaleRequest" (
    "id" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "type" "AfterSaleType" NOT NULL,
    "status" "AfterSaleStatus" NOT NULL DEFAULT 'AWAITING_SELLER',
    "reason" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "evidenceImageIds" TEXT[],
    "requestedFen" INTEGER NOT NULL,
    "offeredFen" INTEGER,
    "approvedFen" INTEGER,
    "sellerDueAt" TIMESTAMP(3),
    "buyerDueAt" TIMESTAMP(3),
    "escalateBy" TIMESTAMP(3),
    "rejectReason" TEXT,
    "returnAddress" TEXT,
    "returnCarrier" TEXT,
    "returnTrackingNo" TEXT,
    "returnShippedAt" TIMESTAMP(3),
    "returnReceivedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AfterSaleRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AfterSaleLine" (
    "requestId" TEXT NOT NULL,
    "orderLineId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AfterSaleLine_pkey" PRIMARY KEY ("requestId","orderLineId")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'OPEN',
    "statement" TEXT NOT NULL,
    "slaDueAt" TIMESTAMP(3) NOT NULL,
    "evidenceFrom" TEXT,
    "evidenceNote" TEXT,
    "evidenceDueAt" TIMESTAMP(3),
    "outcome" "ComplaintOutcome",
    "settledFen" INTEGER,
    "decisionReason" TEXT,
    "settledById" TEXT,
    "settledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" BIGSERIAL NOT NULL,
    "requestId" TEXT NOT NULL,
    "complaintId" TEXT,
    "type" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "actorKind" TEXT NOT NULL,
    "actorId" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseMessage" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "complaintId" TEXT,
    "authorId" TEXT NOT NULL,
    "authorRole" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "imageIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "reason" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "link" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationMute" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "NotificationMute_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "StoreDailyStat" (
    "storeId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "paidOrders" INTEGER NOT NULL DEFAULT 0,
    "paidFen" BIGINT NOT NULL DEFAULT 0,
    "refunds" INTEGER NOT NULL DEFAULT 0,
    "refundFen" BIGINT NOT NULL DEFAULT 0,
    "complaints" INTEGER NOT NULL DEFAULT 0,
    "shippedOrders" INTEGER NOT NULL DEFAULT 0,
    "shippedLate" INTEGER NOT NULL DEFAULT 0,
    "itemViews" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StoreDailyStat_pkey" PRIMARY KEY ("storeId","day")
);

-- CreateTable
CREATE TABLE "StoreDailyBuyer" (
    "storeId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "buyerId" TEXT NOT NULL,

    CONSTRAINT "StoreDailyBuyer_pkey" PRIMARY KEY ("storeId","day","buyerId")
);

-- CreateTable
CREATE TABLE "ItemDailyStat" (
    "itemId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,
    "paidUnits" INTEGER NOT NULL DEFAULT 0,
    "paidFen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ItemDailyStat_pkey" PRIMARY KEY ("itemId","day")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE UNIQUE INDEX "AfterSaleRequest_caseNo_key" ON "AfterSaleRequest"("caseNo");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_storeId_status_sellerDueAt_idx" ON "AfterSaleRequest"("storeId", "status", "sellerDueAt");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_storeId_createdAt_idx" ON "AfterSaleRequest"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_buyerId_createdAt_idx" ON "AfterSaleRequest"("buyerId", "createdAt");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_orderId_idx" ON "AfterSaleRequest"("orderId");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_status_sellerDueAt_idx" ON "AfterSaleRequest"("status", "sellerDueAt");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_status_buyerDueAt_idx" ON "AfterSaleRequest"("status", "buyerDueAt");

-- CreateIndex
CREATE INDEX "AfterSaleRequest_status_escalateBy_idx" ON "AfterSaleRequest"("status", "escalateBy");

-- CreateIndex
CREATE INDEX "AfterSaleLine_orderLineId_idx" ON "AfterSaleLine"("orderLineId");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_caseNo_key" ON "Complaint"("caseNo");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_requestId_key" ON "Complaint"("requestId");

-- CreateIndex
CREATE INDEX "Complaint_status_slaDueAt_idx" ON "Complaint"("status", "slaDueAt");

-- CreateIndex
CREATE INDEX "Complaint_storeId_createdAt_idx" ON "Complaint"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_buyerId_createdAt_idx" ON "Complaint"("buyerId", "createdAt");

-- CreateIndex
CREATE INDEX "CaseEvent_requestId_id_idx" ON "CaseEvent"("requestId", "id");

-- CreateIndex
CREATE INDEX "CaseMessage_requestId_createdAt_idx" ON "CaseMessage"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_id_idx" ON "AuditLog"("subjectType", "subjectId", "id");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_id_idx" ON "AuditLog"("actorId", "id");

-- CreateIndex
CREATE INDEX "Notification_userId_id_idx" ON "Notification"("userId", "id");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "StoreDailyStat_day_idx" ON "StoreDailyStat"("day");

-- CreateIndex
CREATE INDEX "ItemDailyStat_storeId_day_idx" ON "ItemDailyStat"("storeId", "day");

-- CreateIndex
CREATE INDEX "RateLimitBucket_windowStart_idx" ON "RateLimitBucket"("windowStart");

-- CreateIndex
CREATE INDEX "Sku_storeId_active_stock_idx" ON "Sku"("storeId", "active", "stock");

-- CreateIndex
CREATE INDEX "Refund_afterSaleId_idx" ON "Refund"("afterSaleId");

-- CreateIndex
CREATE INDEX "Refund_status_createdAt_idx" ON "Refund"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_afterSaleId_fkey" FOREIGN KEY ("afterSaleId") REFERENCES "AfterSaleRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterSaleRequest" ADD CONSTRAINT "AfterSaleRequest_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterSaleRequest" ADD CONSTRAINT "AfterSaleRequest_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterSaleRequest" ADD CONSTRAINT "AfterSaleRequest_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterSaleLine" ADD CONSTRAINT "AfterSaleLine_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AfterSaleRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterSaleLine" ADD CONSTRAINT "AfterSaleLine_orderLineId_fkey" FOREIGN KEY ("orderLineId") REFERENCES "OrderLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AfterSaleRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AfterSaleRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMessage" ADD CONSTRAINT "CaseMessage_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "AfterSaleRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMessage" ADD CONSTRAINT "CaseMessage_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMessage" ADD CONSTRAINT "CaseMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationMute" ADD CONSTRAINT "NotificationMute_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoreDailyStat" ADD CONSTRAINT "StoreDailyStat_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE CASCADE ON UPDATE CASCADE;
